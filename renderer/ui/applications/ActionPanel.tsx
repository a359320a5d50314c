import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/auth/roles';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { allowedActions, type ApplicationAction } from '../../../shared/rules/applicationStatus';
import { addCalendarDays } from '../../../shared/rules/dates';
import { canClosePublicNotice, publicNoticeEndDate } from '../../../shared/rules/deadlines';
import type { Application } from '../../../shared/schemas/application';
import { formatDate } from '../format';
import { ActionModal } from './ActionModal';

const secondary: readonly ApplicationAction[] = ['return', 'objection'];
const dangerous: readonly ApplicationAction[] = ['refuse', 'withdraw'];

/** 办理: the steps the status machine allows this role now, each opening its small form. */
export function ActionPanel({ application, role }: { application: Application; role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const actions = allowedActions(application.status, role);
  const today = chinaToday();
  const noticeStart = application.publicNotice?.start;
  const noticeRunning = actions.includes('sendToCounty') && (!noticeStart || !canClosePublicNotice(noticeStart, today));

  return (
    <Card
      title={
        <Typography.Title level={3} id="application-actions-title" style={{ margin: 0 }}>
          {t('application.detail.actions.title')}
        </Typography.Title>
      }
      aria-labelledby="application-actions-title"
      style={{ marginBottom: 24, borderColor: actions.length > 0 ? '#91caff' : undefined }}
      data-testid="application-actions"
    >
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('application.detail.actions.none')}</Typography.Text>
      ) : (
        <Flex wrap gap={12}>
          {actions.map((action) => (
            <Button
              key={action}
              type={secondary.includes(action) || dangerous.includes(action) ? 'default' : 'primary'}
              danger={dangerous.includes(action)}
              disabled={action === 'sendToCounty' && noticeRunning}
              onClick={() => setOpen(action)}
              data-testid={`action-${action}`}
              style={{ minWidth: 120 }}
            >
              {t(`application.action.${action}`)}
            </Button>
          ))}
        </Flex>
      )}
      {noticeRunning && noticeStart && (
        <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0, color: '#d46b08' }} data-testid="send-to-county-wait">
          {t('application.detail.actions.sendToCountyWait', {
            end: formatDate(publicNoticeEndDate(noticeStart)),
            next: formatDate(addCalendarDays(publicNoticeEndDate(noticeStart), 1)),
          })}
        </Typography.Paragraph>
      )}
      {open && <ActionModal key={open} application={application} action={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
