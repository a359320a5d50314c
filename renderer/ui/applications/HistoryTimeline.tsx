import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationAction } from '../../../shared/rules/applicationStatus';
import type { Application } from '../../../shared/schemas/application';
import { formatDateTime } from '../format';

const colors: Partial<Record<ApplicationAction, string>> = { approve: 'green', refuse: 'red', return: 'orange', objection: 'orange', withdraw: 'gray' };

/** 办理记录: who (with their role), when, which step, from which status to which, and the note. */
export function HistoryTimeline({ application }: { application: Application }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="application-history-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id="application-history-title">
        {t('application.detail.history.title')}
      </Typography.Title>
      {application.history.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="history-empty">
          {t('application.detail.history.empty')}
        </Typography.Paragraph>
      ) : (
        <Timeline
          data-testid="application-history"
          items={application.history.map((entry) => ({
            key: entry.id,
            color: colors[entry.action] ?? 'blue',
            content: (
              <div data-testid="history-entry" data-action={entry.action}>
                <div>
                  <Typography.Text strong style={{ fontSize: '1.0625rem' }}>
                    {t(`application.action.${entry.action}`)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                    {t('application.detail.history.move', {
                      from: t(`application.status.${entry.from}`),
                      to: t(`application.status.${entry.to}`),
                    })}
                  </Typography.Text>
                </div>
                <div>
                  <span data-testid="history-when">{formatDateTime(entry.at)}</span>
                  <span style={{ marginInlineStart: 12 }} data-testid="history-who">
                    {t('application.detail.history.by', { name: entry.byName, role: t(`role.${entry.role}`) })}
                  </span>
                </div>
                {entry.note && <div style={{ whiteSpace: 'pre-wrap' }}>{entry.note}</div>}
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}
