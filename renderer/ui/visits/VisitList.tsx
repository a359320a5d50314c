import { Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { AwaitingCountyTag } from '../relay/AwaitingCountyTag';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../shared/schemas/visit';
import { useVisits } from '../../data';
import { formatDate } from '../format';
import { rowProps } from '../tableRow';
import { AttachmentStrip } from '../attachments/AttachmentPanel';
import { VisitPrintButton, VisitsExportButton } from '../exports/VisitExportAndPrint';

/** 走访记录 of one household, newest first: date, type, who went, what they found (and the needs found). */
export function VisitList({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const visits = useVisits(householdId);
  const columns: TableColumnsType<Visit> = [
    { key: 'visitDate', title: t('visit.list.columns.visitDate'), render: (_, visit) => formatDate(visit.visitDate), width: 140 },
    { key: 'type', title: t('visit.list.columns.type'), render: (_, visit) => t(`visit.type.${visit.type}`), width: 120 },
    {
      key: 'investigators',
      title: t('visit.list.columns.investigators'),
      render: (_, visit) => visit.investigators.join(t('common.listSeparator')),
      width: 200,
    },
    {
      key: 'findings',
      title: t('visit.list.columns.findings'),
      render: (_, visit) => (
        <Flex vertical gap={4}>
          <AwaitingCountyTag collection="visits" id={visit.id} />
          <span style={{ whiteSpace: 'pre-wrap' }}>{visit.findings}</span>
          {(visit.needsFound ?? []).length > 0 && (
            <Flex wrap gap={4} data-testid="visit-needs">
              {(visit.needsFound ?? []).map((need) => (
                <Tag key={need} color="blue">
                  {t(`needCategory.${need}`)}
                </Tag>
              ))}
            </Flex>
          )}
          <AttachmentStrip owner={{ collection: 'visits', id: visit.id }} />
        </Flex>
      ),
    },
    {
      key: 'nextVisitDate',
      title: t('visit.list.columns.nextVisitDate'),
      render: (_, visit) => (visit.nextVisitDate ? formatDate(visit.nextVisitDate) : '—'),
      width: 140,
    },
    { key: 'print', title: '', render: (_, visit) => <VisitPrintButton visit={visit} />, width: 110 },
  ];
  return (
    <section aria-labelledby="visits-title">
      <Flex align="center" justify="space-between" wrap gap={12}>
        <Typography.Title level={3} id="visits-title" style={{ marginBlock: 24 }}>
          {t('visit.list.title')}
        </Typography.Title>
        <VisitsExportButton householdId={householdId} visits={visits} />
      </Flex>
      <Table<Visit>
        rowKey="id"
        columns={columns}
        dataSource={visits}
        onRow={() => rowProps('visit-row')}
        locale={{ emptyText: <Empty description={t('visit.list.empty')} /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      />
    </section>
  );
}
