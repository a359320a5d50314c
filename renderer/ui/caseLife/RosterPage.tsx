import { Card, Empty, Flex, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findArea, villagesIn } from '../../../shared/areas';
import { scopePrefix } from '../../../shared/auth/roles';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { rosterSheet } from '../../../shared/exports/rosterSheet';
import { addMonthsTo, monthOf } from '../../../shared/rules/benefit';
import { rosterFor, rosterTotals, type RosterLine } from '../../../shared/rules/roster';
import { useApprovedApplications, useAuth, useHouseholdsByIds } from '../../data';
import { ExportButton } from '../exports/ExportButton';
import { PageState } from '../PageState';
import { PageTitle } from '../PageTitle';

/** Months offered: a year back (closed months stay as they were) and the next two. */
function monthChoices(today: string): string[] {
  const now = monthOf(today);
  return Array.from({ length: 15 }, (_, i) => addMonthsTo(now, 2 - i));
}

/**
 * /roster — 保障金花名册: for a month and an area (the user's, or one village of it), every
 * household paid a monthly benefit that month, with the totals; exported to Excel in the layout a
 * payment office takes (shared/exports/rosterSheet.ts). Worked out on this laptop from the
 * approved applications it holds.
 */
export function RosterPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const today = chinaToday();
  const [month, setMonth] = useState(monthOf(today));
  const [village, setVillage] = useState<string>('');
  const scope = session ? scopePrefix(session.user.role, session.user.areaCode) : '';
  const prefix = village || scope;
  const { applications, loading } = useApprovedApplications();
  const householdIds = useMemo(() => [...new Set(applications.map((app) => app.householdId))].sort(), [applications]);
  const { byId, loading: readingHouseholds } = useHouseholdsByIds(householdIds);
  const lines = useMemo(() => rosterFor(month, prefix, applications, byId), [month, prefix, applications, byId]);
  if (!session) return <PageState kind="notFound" />;
  const totals = rosterTotals(lines);
  const villages = scope.length < 12 ? villagesIn(scope) : [];

  return (
    <>
      <PageTitle
        title={t('caseLife.roster.title')}
        actions={
          <ExportButton
            build={() => rosterSheet(month, lines)}
            count={lines.length}
            scope={{ areaPrefix: prefix, filter: { month, ...(village ? { villageCode: village } : {}) } }}
            testId="roster-export"
          />
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="center">
          <label>
            {t('caseLife.roster.month')}{' '}
            <Select value={month} onChange={setMonth} options={monthChoices(today).map((m) => ({ value: m, label: m }))} style={{ width: 140 }} data-testid="roster-month" />
          </label>
          {villages.length > 0 && (
            <label>
              {t('caseLife.roster.area')}{' '}
              <Select
                value={village}
                onChange={setVillage}
                showSearch={{ optionFilterProp: 'label' }}
                options={[{ value: '', label: t('caseLife.roster.allArea', { name: findArea(scope)?.name ?? scope }) }, ...villages.map((v) => ({ value: v.code, label: v.name }))]}
                style={{ width: 240 }}
                data-testid="roster-village"
              />
            </label>
          )}
          <Typography.Text data-testid="roster-totals">
            {t('caseLife.roster.totals', { households: totals.households, persons: totals.persons, amount: totals.amount })}
          </Typography.Text>
        </Flex>
      </Card>
      <Table<RosterLine & { number: number }>
        rowKey="applicationId"
        loading={loading || readingHouseholds}
        dataSource={lines.map((line, i) => ({ ...line, number: i + 1 }))}
        pagination={false}
        locale={{ emptyText: <Empty description={t('caseLife.roster.empty')} /> }}
        data-testid="roster-table"
        columns={[
          { key: 'number', dataIndex: 'number', title: t('caseLife.roster.column.number'), width: 70 },
          { key: 'village', title: t('caseLife.roster.column.village'), render: (_, line) => findArea(line.areaCode)?.name ?? line.areaCode },
          { key: 'head', dataIndex: 'headName', title: t('caseLife.roster.column.head') },
          { key: 'persons', dataIndex: 'persons', title: t('caseLife.roster.column.persons') },
          { key: 'type', title: t('caseLife.roster.column.type'), render: (_, line) => t(`application.type.${line.type}` as 'application.type.dibao') },
          { key: 'amount', dataIndex: 'monthlyAmount', title: t('caseLife.roster.column.amount') },
          {
            key: 'note',
            title: t('caseLife.roster.column.note'),
            render: (_, line) => (line.phasingOut ? t('caseLife.roster.phaseOutNote', { month: line.phaseOutUntil ?? '' }) : ''),
          },
        ]}
      />
    </>
  );
}
