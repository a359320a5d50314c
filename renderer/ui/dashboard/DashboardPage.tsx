import { Alert, Card, Col, Flex, Row, Select, Spin, Statistic, Switch, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { childrenOf, findArea } from '../../../shared/areas';
import { applicationStatuses } from '../../../shared/rules/applicationStatus';
import { applicationTypes } from '../../../shared/schemas/application';
import { needCategories } from '../../../shared/schemas/visit';
import { ageBands, dashboardCircles, dashboardGroups, type DashboardFigures } from '../../../shared/stats/figures';
import { useAuth, useDashboardFigures, useDashboardScope, type FigureSource } from '../../data';
import { PageTitle } from '../PageTitle';
import { EChart } from './EChart';
import { FigureChart, type FigureRow } from './FigureChart';

const VILLAGE_LENGTH = 12;
const TOWNSHIP_LENGTH = 9;

/** Where a by-area row leads: a village opens its households, a larger area the dashboard narrowed to it. */
function areaTarget(code: string): string {
  return code.length === VILLAGE_LENGTH ? `/households?village=${code}` : `/dashboard?area=${code}`;
}

function Figures({ figures }: { figures: DashboardFigures }) {
  const { t } = useTranslation();
  const groupRows: FigureRow[] = dashboardGroups.map((group) => ({
    key: group,
    label: t(`householdExtra.category.${group}`),
    value: figures.byGroup[group].households,
    second: figures.byGroup[group].people,
    to: `/households?category=${group}`,
  }));
  const circleRows = dashboardCircles.map((circle) => ({
    key: circle,
    label: t(`householdExtra.circle.${circle}`),
    value: figures.byCircle[circle].households,
    second: figures.byCircle[circle].people,
  }));
  const ageRows = ageBands.map((band) => ({ key: band, label: t(`dashboard.age.${band}`), value: figures.ages[band] }));
  const areaRows = figures.byArea.map((area) => ({
    key: area.code,
    label: findArea(area.code)?.name ?? area.code,
    value: area.households,
    second: area.people,
    to: areaTarget(area.code),
  }));
  const typeRows = applicationTypes
    .filter((type) => figures.applications.byType[type] > 0)
    .map((type) => ({ key: type, label: t(`application.type.${type}`), value: figures.applications.byType[type] }));
  const statusRows = applicationStatuses.map((status) => ({
    key: status,
    label: t(`application.status.${status}`),
    value: figures.applications.byStatus[status],
    to: `/applications?status=${status}`,
  }));
  const deadlineRows = [
    { key: 'near', label: t('dashboard.deadline.near'), value: figures.applications.deadlinesNear },
    { key: 'overdue', label: t('dashboard.deadline.overdue'), value: figures.applications.deadlinesOverdue },
  ];
  const { visits } = figures;
  const visitRows = (['required', 'requiredVisited', 'visitsThisMonth', 'householdsVisited'] as const).map((key) => ({
    key,
    label: t(`dashboard.visits.${key}`),
    value: visits[key],
  }));
  const coverage = visits.required === 0 ? 100 : Math.round((visits.requiredVisited / visits.required) * 100);
  const careRows = needCategories.map((category) => ({
    key: category,
    label: t(`needCategory.${category}`),
    value: figures.careNeeds.byCategory[category],
  }));
  const trendOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: figures.trend.map((month) => month.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('dashboard.trend.created'), data: figures.trend.map((month) => month.created) },
        { type: 'line', name: t('dashboard.trend.approved'), data: figures.trend.map((month) => month.approved) },
      ],
    }),
    [figures.trend, t],
  );
  const households = t('dashboard.column.households');
  const people = t('dashboard.column.people');
  const count = t('dashboard.column.count');

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {(
          [
            ['households', figures.totals.households],
            ['people', figures.totals.people],
            ['applications', figures.applications.total],
            ['openCareNeeds', figures.careNeeds.open],
          ] as const
        ).map(([key, value]) => (
          <Col xs={12} md={6} key={key}>
            <Card data-testid={`total-${key}`} data-value={value}>
              <Statistic title={t(`dashboard.totals.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <FigureChart id="group" title={t('dashboard.chart.group')} kind="bar" rows={groupRows} valueLabel={households} secondLabel={people} />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart id="circle" title={t('dashboard.chart.circle')} kind="pie" rows={circleRows} valueLabel={households} secondLabel={people} />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            id="age"
            title={t('dashboard.chart.age')}
            kind="bar"
            rows={ageRows}
            valueLabel={people}
            note={`${t('dashboard.age.under16Total', { count: figures.ages.under16 })} · ${t('dashboard.age.age60plusTotal', { count: figures.ages.age60plus })}`}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart id="area" title={t('dashboard.chart.area')} kind="bar" rows={areaRows} valueLabel={households} secondLabel={people} />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart id="status" title={t('dashboard.chart.applicationStatus')} kind="bar" rows={statusRows} valueLabel={count} />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart id="type" title={t('dashboard.chart.applicationType')} kind="pie" rows={typeRows} valueLabel={count} />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart id="deadlines" title={t('dashboard.chart.deadlines')} kind="bar" rows={deadlineRows} valueLabel={count} />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart
            id="visits"
            title={t('dashboard.chart.visits')}
            kind="bar"
            rows={visitRows}
            valueLabel={count}
            note={t('dashboard.visits.coverage', { percent: coverage })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <FigureChart id="careNeeds" title={t('dashboard.chart.careNeeds')} kind="pie" rows={careRows} valueLabel={count} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.chart.trend')} data-testid="card-trend">
            <EChart option={trendOption} testId="chart-trend" label={t('dashboard.chart.trend')} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/**
 * 统计: the figures of the user's area. Villages and townships count on this laptop (本机数据);
 * counties and the city ask the server (服务器汇总). A township may switch to compare the two.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const scope = useDashboardScope();
  const [params, setParams] = useSearchParams();
  const large = scope.length < TOWNSHIP_LENGTH;
  const canCompare = session?.user.role === 'township' || session?.user.role === 'social_worker';
  const sourceParam = params.get('source');
  const source: FigureSource = large ? 'server' : canCompare && sourceParam === 'server' ? 'server' : 'local';
  const areaParam = params.get('area') ?? undefined;
  const area = areaParam && /^\d{1,12}$/.test(areaParam) && areaParam.startsWith(scope) ? areaParam : undefined;
  const { figures, loading, error } = useDashboardFigures(source, area);

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const areaOptions = useMemo(
    () => (large ? childrenOf(scope).map((child) => ({ value: child.code, label: child.name })) : []),
    [large, scope],
  );

  return (
    <>
      <PageTitle title={t('dashboard.title')} />
      <Flex wrap gap={16} align="center" style={{ marginBottom: 16 }}>
        <Tag color={source === 'local' ? 'green' : 'blue'} data-testid="dashboard-source" data-source={source} style={{ fontSize: '1rem', padding: '4px 10px' }}>
          {t(`dashboard.source.${source}`)}
        </Tag>
        <Typography.Text type="secondary">{t(source === 'local' ? 'dashboard.source.localHint' : 'dashboard.source.serverHint')}</Typography.Text>
        {canCompare && (
          <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <Switch
              checked={source === 'server'}
              onChange={(checked) => setParam('source', checked ? 'server' : undefined)}
              data-testid="dashboard-source-switch"
            />
            {t('dashboard.source.compare')}
          </label>
        )}
        {large && (
          <Select
            style={{ minWidth: 200 }}
            allowClear
            value={areaOptions.some((option) => option.value === area) ? area : undefined}
            placeholder={t('dashboard.areaAll')}
            aria-label={t('dashboard.area')}
            options={areaOptions}
            onChange={(value: string | undefined) => setParam('area', value)}
            data-testid="dashboard-area"
          />
        )}
        {area && (
          <Tag closable onClose={() => setParam('area', undefined)} data-testid="dashboard-area-tag">
            {findArea(area)?.name ?? area}
          </Tag>
        )}
        {figures && <Typography.Text type="secondary">{t('dashboard.asOf', { date: figures.today })}</Typography.Text>}
      </Flex>
      {error ? (
        <Alert type={error === 'offline' ? 'info' : 'warning'} showIcon title={t(`dashboard.error.${error}`)} data-testid="dashboard-error" data-error={error} />
      ) : loading || !figures ? (
        <div style={{ padding: 48, textAlign: 'center' }} data-testid="dashboard-loading">
          <Spin description={t('dashboard.loading')} size="large">
            <div style={{ minHeight: 80 }} />
          </Spin>
        </div>
      ) : (
        <div data-testid="dashboard-figures" data-scope={figures.scope}>
          <Figures figures={figures} />
        </div>
      )}
    </>
  );
}
