import { Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaLabel, findArea } from '../../../shared/areas';
import type { AssistantLastSeen, VillageEndOfDay } from '../../../shared/stats/endOfDay';

const KNOWN_COLLECTIONS = ['households', 'visits', 'applications', 'careNeeds', 'attachments'] as const;
type KnownCollection = (typeof KNOWN_COLLECTIONS)[number];
const isKnown = (name: string): name is KnownCollection => (KNOWN_COLLECTIONS as readonly string[]).includes(name);

function Received({ village }: { village: VillageEndOfDay }) {
  const { t } = useTranslation();
  const entries = Object.entries(village.received).filter(([, count]) => count > 0);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('endOfDay.receivedNone')}</Typography.Text>;
  return (
    <Flex wrap gap={6}>
      {entries.map(([name, count]) => (
        <Tag key={name} color="green" style={{ fontSize: '0.9375rem', padding: '2px 8px' }}>
          {t('endOfDay.receivedItem', { name: t(`endOfDay.collection.${isKnown(name) ? name : 'other'}`), count })}
        </Tag>
      ))}
    </Flex>
  );
}

function Waiting({ village }: { village: VillageEndOfDay }) {
  const { t } = useTranslation();
  if (village.waiting === 0) return <Typography.Text type="secondary">{t('endOfDay.receivedNone')}</Typography.Text>;
  return (
    <Flex wrap gap={6} align="center">
      <span>{t('endOfDay.waitingCount', { count: village.waiting })}</span>
      {village.overdue > 0 && (
        <Tag color="red" style={{ fontSize: '0.9375rem', padding: '2px 8px' }}>
          {t('endOfDay.overdueCount', { count: village.overdue })}
        </Tag>
      )}
    </Flex>
  );
}

function Assistant({ assistant }: { assistant: AssistantLastSeen }) {
  const { t } = useTranslation();
  const days = assistant.daysSinceSeen;
  const seen =
    days === null ? '' : days === 0 ? t('endOfDay.seen.today') : days === 1 ? t('endOfDay.seen.yesterday') : t('endOfDay.seen.daysAgo', { count: days });
  return (
    <Flex wrap gap={6} align="center" data-testid="eod-assistant" data-stale={assistant.stale} data-days={days ?? ''}>
      <Typography.Text strong>{assistant.displayName}</Typography.Text>
      {days !== null && <Typography.Text type="secondary">{seen}</Typography.Text>}
      {assistant.stale && (
        <Tag color="red" style={{ fontSize: '0.9375rem', padding: '2px 8px' }}>
          {days === null ? t('endOfDay.staleNever') : t('endOfDay.stale', { count: days })}
        </Tag>
      )}
    </Flex>
  );
}

/** One row per village: arrivals that day, applications waiting for the township, its assistants. */
export function VillageTable({ villages, scope }: { villages: VillageEndOfDay[]; scope: string }) {
  const { t } = useTranslation();
  // Inside one township the village's own name is enough; wider, the township is named too.
  const nameOf = (code: string) => (scope.length >= 9 ? (findArea(code)?.name ?? code) : areaLabel(code));
  return (
    <Table<VillageEndOfDay>
      rowKey="code"
      dataSource={villages}
      pagination={villages.length > 60 ? { pageSize: 60, showSizeChanger: false } : false}
      locale={{ emptyText: t('endOfDay.empty') }}
      onRow={(village) =>
        ({
          'data-testid': `eod-village-${village.code}`,
          'data-received': village.receivedTotal,
          'data-waiting': village.waiting,
          'data-overdue': village.overdue,
        }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        { title: t('endOfDay.column.village'), dataIndex: 'code', render: (code: string) => <Typography.Text strong>{nameOf(code)}</Typography.Text> },
        { title: t('endOfDay.column.received'), key: 'received', render: (_: unknown, village) => <Received village={village} /> },
        { title: t('endOfDay.column.waiting'), key: 'waiting', render: (_: unknown, village) => <Waiting village={village} /> },
        {
          title: t('endOfDay.column.assistants'),
          key: 'assistants',
          render: (_: unknown, village) =>
            village.assistants.length === 0 ? (
              <Typography.Text type="secondary">{t('endOfDay.noAssistant')}</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                {village.assistants.map((assistant) => (
                  <Assistant key={assistant.userId} assistant={assistant} />
                ))}
              </Flex>
            ),
        },
      ]}
    />
  );
}
