import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { findArea } from '../../../shared/areas';
import { chinaToday } from '../../../shared/domain/chinaTime';
import {
  useApplicationSummaries,
  useAuth,
  useCareNeeds,
  useHouseholdSummaries,
  useLatestVisits,
  type HouseholdSummary,
} from '../../data';
import { formatDate } from '../format';
import { PageTitle } from '../PageTitle';
import {
  cardsByRole,
  deadlineItems,
  documentItems,
  followUpItems,
  visitItems,
  type TodayItem,
  type TodayKind,
} from './todayItems';
import { benefitItems } from '../caseLife/benefitTodayItems';
import { scopePrefix } from '../../../shared/auth/roles';
import { programmeItems } from './programmeItems';

const cardKeys: Record<TodayKind, 'visits' | 'documents' | 'deadlines' | 'followUps' | 'benefits' | 'programmes'> = {
  visit: 'visits',
  document: 'documents',
  deadline: 'deadlines',
  followUp: 'followUps',
  benefit: 'benefits',
  programme: 'programmes',
};

/**
 * /today — the landing page: what is due today or soon, for the signed-in role. Visits due under
 * the review rules, promised documents, statutory deadlines, care-need follow-ups; a click on a
 * row opens its record.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const role = session?.user.role ?? 'assistant';
  const today = chinaToday();
  const { byId: summaries, loading: summariesLoading } = useHouseholdSummaries();
  // Each household's latest visit, from the visit index: no visit's notes are decrypted for 今日.
  const { byHousehold: visits, loading: visitsLoading } = useLatestVisits();
  const kinds = cardsByRole[role];
  // Only what this role's cards show is read: a social worker's 今日 decrypts no application,
  // an assistant's no care need, and only open care needs have follow-ups to make.
  const { summaries: applications } = useApplicationSummaries(
    kinds.includes('document') || kinds.includes('deadline') || kinds.includes('benefit') || kinds.includes('programme'),
  );
  const careNeeds = useCareNeeds(kinds.includes('followUp') ? { openOnly: true } : null);

  // Which visits are due comes from the household index (plain fields and review members) and the
  // visit index: no household is read for it. Until the visits are known every household would
  // look never visited.
  const visitsKnown = !summariesLoading && !visitsLoading;
  const visit = useMemo(
    () => (kinds.includes('visit') && visitsKnown ? visitItems(summaries.values(), visits, today) : []),
    [kinds, visitsKnown, summaries, visits, today],
  );
  // Apart from the benefit card's, these do not change with the visits (which arrive later at a
  // start): each application's deadlines are worked out once, not again when the visits come.
  const fromApplications = useMemo(
    () => ({
      document: kinds.includes('document') ? documentItems(applications, today) : [],
      deadline: kinds.includes('deadline') ? deadlineItems(applications, role, today) : [],
      programme: kinds.includes('programme') ? programmeItems(applications, role, today) : [],
    }),
    [kinds, applications, role, today],
  );
  const followUp = useMemo(() => (kinds.includes('followUp') ? followUpItems(careNeeds, today) : []), [kinds, careNeeds, today]);
  const benefit = useMemo(
    () => (kinds.includes('benefit') ? benefitItems(applications, role, today, session ? scopePrefix(role, session.user.areaCode) : '', visits) : []),
    [kinds, applications, role, today, session, visits],
  );
  const others = useMemo(() => ({ ...fromApplications, followUp, benefit }), [fromApplications, followUp, benefit]);
  // Rows name their households from the index's summaries (the head's name too): no household is read here.
  const items = useMemo<Record<TodayKind, TodayItem[]>>(() => ({ visit, ...others }), [visit, others]);

  return (
    <>
      <PageTitle title={t('today.title')} />
      <Typography.Paragraph style={{ fontSize: '1.0625rem' }} data-testid="today-date">
        {t('today.date', { date: dayjs(today).format('YYYY-MM-DD dddd') })}
      </Typography.Paragraph>
      {kinds.length === 0 ? (
        <Empty description={t('today.allClear')} />
      ) : (
        <Row gutter={[16, 16]}>
          {kinds.map((kind) => (
            <Col key={kind} xs={24} xxl={kinds.length > 1 ? 12 : 24}>
              <TodayCard kind={kind} items={items[kind]} summaries={summaries} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

interface TodayCardProps {
  kind: TodayKind;
  items: TodayItem[];
  summaries: ReadonlyMap<string, HouseholdSummary>;
}

function TodayCard({ kind, items, summaries }: TodayCardProps) {
  const { t } = useTranslation();
  const card = cardKeys[kind];
  const overdue = items.filter((item) => item.daysLeft < 0).length;
  return (
    <Card
      title={
        <Flex align="center" gap={12} wrap>
          <span>{t(`today.cards.${card}`)}</span>
          <Tag color={items.length > 0 ? (overdue > 0 ? 'red' : 'orange') : 'default'} style={{ fontSize: '0.9375rem' }} data-testid="today-card-count">
            {items.length}
          </Tag>
        </Flex>
      }
      data-testid={`today-card-${kind}`}
      styles={{ body: { padding: 0 } }}
    >
      <Typography.Paragraph type="secondary" style={{ padding: '12px 24px 0', marginBottom: 8 }}>
        {t(`today.hints.${card}`)}
      </Typography.Paragraph>
      {items.length === 0 ? (
        <Typography.Paragraph style={{ padding: '4px 24px 16px', margin: 0 }} data-testid="today-card-empty">
          <CheckCircleOutlined style={{ color: '#52c41a', marginInlineEnd: 8 }} aria-hidden />
          {t(`today.empty.${card}`)}
        </Typography.Paragraph>
      ) : (
        <TodayRows items={items} summaries={summaries} />
      )}
    </Card>
  );
}

/** Rows drawn with the card; the rest follow in a render of their own (see TodayRows). */
const FIRST_ROWS = 20;
/** Rows a card lists until 显示全部 is clicked: a township's visits due can be thousands. */
const LISTED_ROWS = 100;
const noRows: TodayItem[] = [];

/**
 * A card's rows, the most urgent first: the first ones at once, the rest in a deferred render
 * that React interrupts for anything the person does, so 今日 shows its cards without first
 * drawing rows below the fold, and a click on the menu is not kept waiting. Beyond LISTED_ROWS,
 * 显示全部 lists every row (thousands of rows drawn on every start made 今日 take seconds).
 */
function TodayRows({ items, summaries }: Omit<TodayCardProps, 'kind'>) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const listed = useMemo(() => (all ? items : items.slice(0, LISTED_ROWS)), [all, items]);
  // The deferred render sees `listed` itself; the urgent one, until that is done, the first rows only.
  const settled = useDeferredValue(listed, noRows);
  const shown = settled === listed ? listed : listed.slice(0, FIRST_ROWS);
  // The head's name (户主) comes with the summary (the household index): no household is decrypted for 今日.
  return (
    <>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((item) => (
          <li key={item.key} style={{ borderTop: '1px solid #f0f0f0' }}>
            <TodayRow item={item} summary={summaries.get(item.householdId)} />
          </li>
        ))}
      </ul>
      {listed.length < items.length && (
        <div style={{ borderTop: '1px solid #f0f0f0', padding: '8px 24px' }}>
          <Button type="link" onClick={() => setAll(true)} data-testid="today-show-all">
            {t('today.showAll', { count: items.length })}
          </Button>
        </div>
      )}
    </>
  );
}

/** Drawn again only when its own item or household summary changed, not whenever 今日's data moves. */
const TodayRow = memo(function TodayRow({ item, summary }: { item: TodayItem; summary: HouseholdSummary | undefined }) {
  const { t } = useTranslation();
  const name = item.kind === 'benefit' && item.what === 'rosterCheck' ? t('caseLife.roster.title') : summary ? (summary.headName ?? t('household.noHead')) : '—';
  const village = summary ? findArea(summary.areaCode)?.name : undefined;
  return (
    <Link
      to={item.to}
      data-testid="today-item"
      data-kind={item.kind}
      style={{ display: 'block', padding: '14px 24px', color: 'inherit', minHeight: 56 }}
    >
      <Flex align="center" justify="space-between" gap={12} wrap>
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: '1.0625rem' }}>
            {name}
            {village && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                {village}
              </Typography.Text>
            )}
          </Typography.Text>
          <Typography.Text>
            <ItemText item={item} />
          </Typography.Text>
        </Flex>
        <Flex vertical align="end" gap={2}>
          <WhenTag item={item} />
          <Typography.Text type="secondary">{t('today.due', { date: formatDate(item.due) })}</Typography.Text>
        </Flex>
      </Flex>
    </Link>
  );
});

/** What is due, in words: 年度复核走访, 残疾证 · 低保申请, 公示期满 · 低保申请, 就业 · 回访. */
function ItemText({ item }: { item: TodayItem }) {
  const { t } = useTranslation();
  switch (item.kind) {
    case 'visit':
      return t(`today.visitReason.${item.reason}`);
    case 'document':
      return t('today.documentItem', {
        document: t(`today.documentKind.${item.document}`),
        type: t(`today.applicationType.${item.applicationType}`),
      });
    case 'deadline':
      return (
        t('today.deadlineItem', {
          deadline: t(`today.deadlineKey.${item.deadline}`),
          type: t(`today.applicationType.${item.applicationType}`),
        }) + (item.estimated ? t('today.estimated') : '')
      );
    case 'followUp':
      return t('today.followUpItem', { category: t(`needCategory.${item.category}`) });
    case 'benefit':
      return t(`caseLife.today.${item.what}`, {
        type: item.applicationType ? t(`today.applicationType.${item.applicationType}`) : '',
        outcome: item.outcome ? t(`caseLife.reviewOutcome.${item.outcome}`) : '',
      });
    case 'programme':
      return `${t(`today.applicationType.${item.applicationType}`)} · ${
        item.reminder === 'emergencyFile'
          ? t(item.daysLeft < 0 ? 'programme.today.emergencyFileOverdue' : 'programme.today.emergencyFile', { due: formatDate(item.due) })
          : t('programme.today.recognitionLapsing', { date: formatDate(item.due) })
      }`;
  }
}

function WhenTag({ item }: { item: TodayItem }) {
  const { t } = useTranslation();
  const working = item.unit === 'workingDays';
  if (item.daysLeft < 0) {
    const count = -item.daysLeft;
    return (
      <Tag color="red" style={{ fontSize: '0.9375rem', marginInlineEnd: 0 }} data-state="overdue">
        {working ? t('today.when.overdueWorking', { count }) : t('today.when.overdue', { count })}
      </Tag>
    );
  }
  if (item.daysLeft === 0) {
    return (
      <Tag color="orange" style={{ fontSize: '0.9375rem', marginInlineEnd: 0 }} data-state="today">
        {t('today.when.today')}
      </Tag>
    );
  }
  return (
    <Tag color="blue" style={{ fontSize: '0.9375rem', marginInlineEnd: 0 }} data-state="soon">
      {working ? t('today.when.soonWorking', { count: item.daysLeft }) : t('today.when.soon', { count: item.daysLeft })}
    </Tag>
  );
}
