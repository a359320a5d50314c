import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { useArrivalsToday, type VillageArrivals } from '../../data';

/** The township's end-of-day view: what each village sent in today. */
export function ArrivalsToday() {
  const { t } = useTranslation();
  const rows = useArrivalsToday();
  const count = (name: keyof VillageArrivals['counts']) => ({
    title: t(`syncCentre.collection.${name}`),
    key: name,
    render: (_: unknown, row: VillageArrivals) => row.counts[name],
  });
  return (
    <section aria-labelledby="arrivals-title">
      <Typography.Title level={4} id="arrivals-title">
        {t('syncCentre.arrivals.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('syncCentre.arrivals.explain')}</Typography.Paragraph>
      <Table<VillageArrivals>
        rowKey="villageCode"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('syncCentre.arrivals.empty')} /> }}
        onRow={() => ({ 'data-testid': 'arrivals-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('syncCentre.arrivals.village'), dataIndex: 'villageCode', render: (code: string) => areaLabel(code) },
          count('households'),
          count('visits'),
          count('applications'),
          count('careNeeds'),
          { title: t('syncCentre.arrivals.total'), dataIndex: 'total' },
        ]}
      />
    </section>
  );
}
