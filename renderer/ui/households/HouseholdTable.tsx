import { Empty, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { headOf, type Household } from '../../../shared/schemas/household';
import { formatDateTime } from '../format';
import { rowProps } from '../tableRow';
import { useAwaitingCounty } from '../../data';
import { AwaitingCountyMark } from '../relay/AwaitingCountyTag';

/** Where the shown households sit in the whole result: the data layer reads one page at a time. */
export interface HouseholdPaging {
  /** From 1. */
  page: number;
  pageSize: number;
  /** Households on every page. */
  total: number;
  onChange: (page: number) => void;
}

export interface HouseholdTableProps {
  /** One page of the result. */
  households: Household[];
  paging: HouseholdPaging;
  loading: boolean;
  /** What the list was searched for; changes the empty-state text. */
  searchText: string;
  /** A village or group filter is on; changes the empty-state text. */
  filtered?: boolean;
  onOpen: (household: Household) => void;
}

/** The household list: 户主 · 人数 · 所在村 · 类别 · 住址 · 更新时间; a click (or Enter) on a row opens it. */
export function HouseholdTable({ households, paging, loading, searchText, filtered = false, onOpen }: HouseholdTableProps) {
  const { t } = useTranslation();
  const awaiting = useAwaitingCounty('households');
  // The same columns on every render (a new page, the loading state): the table need not rebuild them.
  const columns = useMemo<TableColumnsType<Household>>(
    () => [
      {
        key: 'head',
        title: t('household.list.columns.head'),
        render: (_, household) => (
          <Flex gap={8} align="center" wrap>
            {headOf(household)?.name ?? t('household.noHead')}
            {household.archived && (
              <Tag data-testid="household-archived-tag">{t('householdExtra.detail.archivedTag')}</Tag>
            )}
            {awaiting.has(household.id) && <AwaitingCountyMark />}
          </Flex>
        ),
      },
      {
        key: 'size',
        title: t('household.list.columns.size'),
        render: (_, household) => t('household.list.size', { count: household.members.length }),
        width: 100,
      },
      {
        key: 'village',
        title: t('household.list.columns.village'),
        render: (_, household) => areaLabel(household.areaCode),
      },
      {
        key: 'categories',
        title: t('householdExtra.list.columns.categories'),
        render: (_, household) => (
          <Flex gap={4} wrap>
            {(household.categories ?? []).map((category) => (
              <Tag key={category} color={category === 'tekun' || category === 'dibao' ? 'red' : undefined}>
                {t(`householdExtra.category.${category}`)}
              </Tag>
            ))}
          </Flex>
        ),
      },
      { key: 'address', dataIndex: 'address', title: t('household.list.columns.address') },
      {
        key: 'updatedAt',
        title: t('household.list.columns.updatedAt'),
        render: (_, household) => formatDateTime(household.updatedAt),
        width: 190,
      },
    ],
    [t, awaiting],
  );

  const openRow = (household: Household) =>
    rowProps('household-row', {
      tabIndex: 0,
      style: { cursor: 'pointer' },
      onClick: () => onOpen(household),
      onKeyDown: (event) => {
        if (event.key === 'Enter') onOpen(household);
      },
    });

  const emptyText = searchText
    ? t('household.list.emptySearch', { text: searchText })
    : filtered
      ? t('householdExtra.list.emptyFiltered')
      : t('household.list.empty');
  return (
    <Table<Household>
      rowKey="id"
      columns={columns}
      dataSource={households}
      loading={loading}
      onRow={openRow}
      // While the first answer is read, the spinner alone: "no households" would be said too soon.
      locale={{ emptyText: loading ? <div style={{ minHeight: 120 }} /> : <Empty description={emptyText} data-testid="household-empty" /> }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: paging.total,
        onChange: paging.onChange,
        hideOnSinglePage: true,
        showSizeChanger: false,
        showTotal: (total) => t('household.list.total', { count: total }),
      }}
    />
  );
}
