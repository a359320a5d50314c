import { Badge, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCollectionSyncStatus, useSyncStatus, type CollectionSyncStatus } from '../../data';
import { formatRecentTime } from '../format';
import { useSyncErrorText } from '../useSyncErrorText';

function ErrorText({ errorKey }: { errorKey: string | null }) {
  const text = useSyncErrorText(errorKey, useSyncStatus().requiredAppVersion);
  return text ? <Typography.Text type="warning">{text}</Typography.Text> : null;
}

/** One row per kind of data: state, waiting changes, last success, the last problem in words. */
export function CollectionStatusTable() {
  const { t } = useTranslation();
  const rows = useCollectionSyncStatus();
  const stateOf = (row: CollectionSyncStatus) => {
    if (row.syncing) return <Badge status="processing" text={t('syncCentre.state.syncing')} />;
    if (row.lastError && (row.lastErrorAt ?? 0) > (row.lastSyncAt ?? 0)) return <Badge status="warning" text={t('syncCentre.state.problem')} />;
    if (row.pending > 0) return <Badge status="default" text={t('syncCentre.state.waiting')} />;
    return <Badge status="success" text={t('syncCentre.state.idle')} />;
  };
  return (
    <Table<CollectionSyncStatus>
      rowKey="name"
      pagination={false}
      dataSource={rows}
      onRow={() => ({ 'data-testid': 'sync-collection-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('syncCentre.columns.name'), dataIndex: 'name', render: (name: string) => t(`syncCentre.collection.${name}` as 'syncCentre.collection.households') },
        { title: t('syncCentre.columns.state'), key: 'state', render: (_: unknown, row) => stateOf(row) },
        {
          title: t('syncCentre.columns.pending'),
          dataIndex: 'pending',
          render: (count: number) => (count > 0 ? t('syncCentre.pendingCount', { count }) : t('syncCentre.none')),
        },
        {
          title: t('syncCentre.columns.lastSync'),
          dataIndex: 'lastSyncAt',
          render: (at: number | null) => (at ? formatRecentTime(at) : t('syncCentre.none')),
        },
        {
          title: t('syncCentre.columns.lastError'),
          key: 'lastError',
          render: (_: unknown, row) =>
            row.lastError && (row.lastErrorAt ?? 0) > (row.lastSyncAt ?? 0) ? <ErrorText errorKey={row.lastError} /> : t('syncCentre.none'),
        },
      ]}
    />
  );
}
