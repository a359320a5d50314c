import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { useRelayWaitingByVillage } from '../../data';
import { formatDateTime } from '../format';

/** 今日汇总 at a township relay: per village, what waits at the station to go up to the county. */
export function RelayVillagesWaiting() {
  const { t } = useTranslation();
  const villages = useRelayWaitingByVillage();
  // Not a relay (the county's server): nothing waits anywhere in between.
  if (villages === null) return null;
  return (
    <section aria-labelledby="relay-villages-title" data-testid="relay-villages" style={{ marginBottom: 24 }}>
      <Typography.Title level={4} id="relay-villages-title">
        {t('relay.villages.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('relay.villages.explain')}</Typography.Paragraph>
      <Table
        rowKey="areaCode"
        size="small"
        pagination={false}
        dataSource={villages}
        locale={{ emptyText: <Empty description={t('relay.villages.empty')} /> }}
        onRow={(row) => ({ 'data-testid': 'relay-village-row', 'data-area': row.areaCode }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('relay.villages.village'), dataIndex: 'areaCode', render: (code: string) => areaLabel(code) },
          { title: t('relay.villages.count'), dataIndex: 'count', render: (count: number) => <span data-testid="relay-village-count">{count}</span> },
          { title: t('relay.villages.oldest'), dataIndex: 'oldestAt', render: (at: number) => formatDateTime(at) },
        ]}
      />
    </section>
  );
}
