import { Empty, Table, type TableColumnsType } from 'antd';
import { useAwaitingCounty } from '../../data';
import { AwaitingCountyMark } from '../relay/AwaitingCountyTag';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import type { Application } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { formatDateTime } from '../format';
import { rowProps } from '../tableRow';
import { TABLE_PAGE_SIZE, type TablePage } from '../useTablePage';
import { deadlinesOf, memberOf, nextDeadline } from './applicationFacts';
import { DeadlineText } from './DeadlineText';
import { StatusTag } from './StatusTag';

export interface ApplicationTableProps {
  applications: Application[];
  households: Map<string, Household>;
  loading: boolean;
  today: string;
  emptyText: string;
  onOpen: (application: Application) => void;
  /** Leave out the village column (one household's list). */
  compact?: boolean;
  /** The page shown, when the list page reads only that page's households (`useTablePage`). */
  pagination?: TablePage<Application>['pagination'];
}

/** 申请人 · 所在村 · 救助类型 · 状态 · 下一个办理时限 · 更新时间; a click (or Enter) on a row opens it. */
export function ApplicationTable({ applications, households, loading, today, emptyText, onOpen, compact, pagination }: ApplicationTableProps) {
  const { t } = useTranslation();
  // Asked once for the table, not once per row.
  const awaiting = useAwaitingCounty('applications');
  const columns: TableColumnsType<Application> = [
    {
      key: 'applicant',
      title: t('application.list.columns.applicant'),
      render: (_, application) => (
        <span data-testid="application-applicant" style={{ fontWeight: 600 }}>
          {memberOf(households.get(application.householdId), application.applicantMemberId)?.name ??
            t('application.list.unknownApplicant')}
        </span>
      ),
    },
    ...(compact
      ? []
      : [
          {
            key: 'village',
            title: t('application.list.columns.village'),
            render: (_: unknown, application: Application) => areaLabel(application.areaCode),
          },
        ]),
    {
      key: 'type',
      title: t('application.list.columns.type'),
      render: (_, application) => <span data-testid="application-type">{t(`application.type.${application.type}`)}</span>,
    },
    {
      key: 'status',
      title: t('application.list.columns.status'),
      render: (_, application) => (
        <>
          <StatusTag status={application.status} /> {awaiting.has(application.id) && <AwaitingCountyMark />}
        </>
      ),
      width: 170,
    },
    {
      key: 'deadline',
      title: t('application.list.columns.deadline'),
      render: (_, application) => {
        const next = nextDeadline(deadlinesOf(application, today));
        return next ? <DeadlineText deadline={next} testId="application-deadline" /> : t('application.list.noDeadline');
      },
    },
    {
      key: 'updatedAt',
      title: t('application.list.columns.updatedAt'),
      render: (_, application) => formatDateTime(application.updatedAt),
      width: 180,
    },
  ];

  const openRow = (application: Application) =>
    rowProps('application-row', {
      tabIndex: 0,
      style: { cursor: 'pointer' },
      onClick: () => onOpen(application),
      onKeyDown: (event) => {
        if (event.key === 'Enter') onOpen(application);
      },
    });

  return (
    <Table<Application>
      rowKey="id"
      columns={columns}
      dataSource={applications}
      loading={loading}
      onRow={openRow}
      locale={{ emptyText: <Empty description={emptyText} data-testid="application-empty" /> }}
      pagination={{
        pageSize: TABLE_PAGE_SIZE,
        ...pagination,
        hideOnSinglePage: true,
        showSizeChanger: false,
        showTotal: (total) => t('application.list.total', { count: total }),
      }}
    />
  );
}
