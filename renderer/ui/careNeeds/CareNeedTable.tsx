import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useAwaitingCounty } from '../../data';
import { AwaitingCountyMark } from '../relay/AwaitingCountyTag';
import { useTranslation } from 'react-i18next';
import { findArea } from '../../../shared/areas';
import type { CareNeed } from '../../../shared/schemas/careNeed';
import { headOf, type Household } from '../../../shared/schemas/household';
import { formatDate, todayIsoDate } from '../format';
import { rowProps } from '../tableRow';
import { TABLE_PAGE_SIZE, type TablePage } from '../useTablePage';
import { careNeedMemberName, nextFollowUp, openFollowUps } from './careNeedFacts';

const SEVERITY_COLORS: Record<CareNeed['severity'], string | undefined> = {
  low: undefined,
  medium: 'gold',
  high: 'orange',
  urgent: 'red',
};

export interface CareNeedTableProps {
  needs: CareNeed[];
  /** Households by id, for 户主 and 成员 names. */
  households: Map<string, Household>;
  /** On a household's page the household columns are left out. */
  showHousehold: boolean;
  loading?: boolean;
  emptyText: string;
  onOpen: (need: CareNeed) => void;
  /** The page shown, when the list page reads only that page's households (`useTablePage`). */
  pagination?: TablePage<CareNeed>['pagination'];
}

/** 照料需求 rows: household, member, category, severity, state, open follow-ups, next follow-up date. */
export function CareNeedTable({ needs, households, showHousehold, loading = false, emptyText, onOpen, pagination }: CareNeedTableProps) {
  const { t } = useTranslation();
  // Asked once for the table, not once per row.
  const awaiting = useAwaitingCounty('careNeeds');
  const today = todayIsoDate();
  const householdColumns: TableColumnsType<CareNeed> = showHousehold
    ? [
        {
          key: 'household',
          title: t('careNeed.list.columns.household'),
          render: (_, need) => {
            const household = households.get(need.householdId);
            return household ? (headOf(household)?.name ?? t('household.noHead')) : '—';
          },
        },
        {
          key: 'village',
          title: t('careNeed.list.columns.village'),
          render: (_, need) => findArea(need.areaCode)?.name ?? need.areaCode,
        },
      ]
    : [];
  const columns: TableColumnsType<CareNeed> = [
    ...householdColumns,
    {
      key: 'member',
      title: t('careNeed.list.columns.member'),
      render: (_, need) => careNeedMemberName(need, households.get(need.householdId)) ?? t('careNeed.wholeHousehold'),
    },
    { key: 'category', title: t('careNeed.list.columns.category'), render: (_, need) => t(`needCategory.${need.category}`) },
    {
      key: 'severity',
      title: t('careNeed.list.columns.severity'),
      render: (_, need) => <Tag color={SEVERITY_COLORS[need.severity]}>{t(`careNeed.severity.${need.severity}`)}</Tag>,
    },
    {
      key: 'state',
      title: t('careNeed.list.columns.state'),
      render: (_, need) => (
        <>
          <Tag color={need.state === 'open' ? 'processing' : 'default'}>{t(`careNeed.state.${need.state}`)}</Tag>
          {awaiting.has(need.id) && <AwaitingCountyMark />}
        </>
      ),
    },
    {
      key: 'openFollowUps',
      title: t('careNeed.list.columns.openFollowUps'),
      render: (_, need) => {
        const count = openFollowUps(need).length;
        return count > 0 ? t('careNeed.list.openFollowUps', { count }) : '—';
      },
    },
    {
      key: 'nextFollowUp',
      title: t('careNeed.list.columns.nextFollowUp'),
      render: (_, need) => {
        const next = nextFollowUp(need);
        if (!next) return '—';
        const overdue = next.dueDate < today;
        return (
          <Typography.Text type={overdue ? 'danger' : undefined} strong={next.dueDate <= today} data-testid="care-need-next-follow-up">
            {formatDate(next.dueDate)}
            {overdue && ` · ${t('careNeed.list.overdue')}`}
          </Typography.Text>
        );
      },
    },
  ];

  const openRow = (need: CareNeed) =>
    rowProps('care-need-row', {
      tabIndex: 0,
      style: { cursor: 'pointer' },
      onClick: () => onOpen(need),
      onKeyDown: (event) => {
        if (event.key === 'Enter') onOpen(need);
      },
    });

  return (
    <Table<CareNeed>
      rowKey="id"
      columns={columns}
      dataSource={needs}
      loading={loading}
      onRow={openRow}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={emptyText} data-testid="care-need-empty" /> }}
      pagination={{
        pageSize: TABLE_PAGE_SIZE,
        ...pagination,
        hideOnSinglePage: true,
        showSizeChanger: false,
        showTotal: (total) => t('careNeed.list.total', { count: total }),
      }}
    />
  );
}
