import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../../shared/rules/deadlines';
import { DeadlineText } from './DeadlineText';

const tagColors: Record<Deadline['state'], string> = { done: 'green', ok: 'blue', near: 'orange', overdue: 'red' };

/** 办理时限: each statutory deadline with its due date and state (near = orange, overdue = red). */
export function DeadlinesPanel({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="application-deadlines-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id="application-deadlines-title">
        {t('application.detail.deadlines.title')}
      </Typography.Title>
      {deadlines.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="deadlines-none">
          {t('application.detail.deadlines.none')}
        </Typography.Paragraph>
      ) : (
        <div style={{ border: '1px solid #d9d9d9', borderRadius: 8 }}>
          {deadlines.map((deadline) => (
            <div
              key={deadline.key}
              data-testid={`deadline-${deadline.key}`}
              data-state={deadline.state}
              style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}
            >
              <Space size="middle" wrap>
                <Tag color={tagColors[deadline.state]} style={{ fontSize: '0.9375rem' }}>
                  {t(`application.deadline.state.${deadline.state}`)}
                </Tag>
                <Typography.Text strong>{deadline.label}</Typography.Text>
                <DeadlineText deadline={deadline} />
                {deadline.estimated && <Typography.Text type="secondary">{t('application.deadline.estimated')}</Typography.Text>}
              </Space>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
