import { Alert, Button, Descriptions, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { areaLabel, CITY_CODE, countiesOf, padAreaCode } from '../../../shared/areas';
import { policyFigureNames, type Policy } from '../../../shared/schemas/reference';
import { policyFigureGroups, policyFigureTerms } from '../../../shared/vocabulary';
import { useAuth, usePolicies, useSetPolicyPeriod, useSyncStatus } from '../../data';
import { formatMoney } from '../applications/money';
import { PolicyPeriodForm } from './PolicyPeriodForm';

const moneyUnits = new Set(['yuanPerPersonMonth', 'yuanPerYear', 'yuan']);

/** The areas the signed-in user may set figures for: a county user their county; the city every county and itself. */
function settableAreas(role: string | undefined, areaCode: string | undefined): string[] {
  if (role === 'county' && areaCode) return [padAreaCode(areaCode.slice(0, 6))];
  if (role === 'city') return [padAreaCode(CITY_CODE), ...countiesOf().map((county) => padAreaCode(county.code))];
  return [];
}

function PeriodFigures({ period }: { period: Policy }) {
  const { t } = useTranslation();
  const shown = (value: number | null | undefined, name: (typeof policyFigureNames)[number]) => {
    if (value === null || value === undefined) return <Typography.Text type="warning">{t('policies.notSet')}</Typography.Text>;
    const unit = policyFigureTerms[name].unit;
    if (unit === 'yesNo') return t(`policies.yesNo.${value === 1 ? 1 : 0}`);
    return `${moneyUnits.has(unit) ? formatMoney(value) : String(value)} ${t(`policies.unit.${unit}`)}`;
  };
  return (
    <Flex vertical gap={8}>
      {policyFigureGroups.map((group) => (
        <Descriptions
          key={group}
          size="small"
          bordered
          title={t(`policies.group.${group}`)}
          column={{ xs: 1, md: 2 }}
          items={policyFigureNames
            .filter((name) => policyFigureTerms[name].group === group)
            .map((name) => ({
              key: name,
              label: t(`policies.figure.${name}`),
              children: (
                <span data-testid="policy-figure-value" data-name={name}>
                  {shown(period[name], name)}
                  {period.figureSources[name] && <Typography.Text type="secondary">（{t('policies.figureSource')}：{period.figureSources[name]}）</Typography.Text>}
                </span>
              ),
            }))}
        />
      ))}
    </Flex>
  );
}

/**
 * 政策参数: each county's periods of figures (and the city's), newest first, with their document,
 * validity and who set them; county and city users set a new period here (online only).
 */
export function PolicyPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const { online } = useSyncStatus();
  const policies = usePolicies();
  const setPeriod = useSetPolicyPeriod();
  const areas = settableAreas(session?.user.role, session?.user.areaCode);
  const [area, setArea] = useState<string | undefined>(areas[areas.length > 1 ? 1 : 0]);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // The newest period's figures are open until the user folds or opens rows themselves.
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);
  const periods = useMemo(
    () => policies.filter((p) => p.areaCode === area).sort((a, b) => b.validFrom.localeCompare(a.validFrom)),
    [policies, area],
  );
  if (!session || area === undefined) return null;
  const areaName = area === padAreaCode(CITY_CODE) ? t('policies.cityWide') : areaLabel(area);

  return (
    <Flex vertical gap={16} data-testid="policy-page">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('policies.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('policies.intro')}</Typography.Paragraph>
      {!online && <Alert type="warning" showIcon title={t('policies.offline')} data-testid="policy-offline" />}
      {saved && <Alert type="success" showIcon closable={{ onClose: () => setSaved(null) }} title={saved} data-testid="policy-saved" />}
      <Flex gap={16} align="center" wrap>
        {areas.length > 1 && (
          <Space>
            <label htmlFor="policy-area">{t('policies.area')}</label>
            <Select
              id="policy-area"
              value={area}
              onChange={(value: string) => {
                setArea(value);
                setEditing(false);
                setExpanded(null);
              }}
              style={{ minWidth: 280 }}
              options={areas.map((code) => ({ value: code, label: code === padAreaCode(CITY_CODE) ? t('policies.cityWide') : areaLabel(code) }))}
              data-testid="policy-area"
            />
          </Space>
        )}
        {!editing && (
          <Button type="primary" size="large" disabled={!online} onClick={() => setEditing(true)} data-testid="policy-new-period">
            {t('policies.newPeriod')}
          </Button>
        )}
      </Flex>
      {editing && online && (
        <PolicyPeriodForm
          key={area}
          areaCode={area}
          areaName={areaName}
          current={periods[0] ?? null}
          onSave={async (period) => {
            await setPeriod(period);
            setSaved(t('policies.form.saved', { area: areaName, from: period.validFrom }));
          }}
          onDone={() => setEditing(false)}
        />
      )}
      {periods[0]?.example && <Alert type="warning" showIcon title={t('policies.exampleNotice', { area: areaName })} data-testid="policy-example" />}
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('policies.periods')}：{areaName}
      </Typography.Title>
      <Table<Policy>
        rowKey="id"
        dataSource={periods}
        pagination={false}
        locale={{ emptyText: t('policies.noPeriods') }}
        onRow={(period) => ({ 'data-testid': 'policy-period', 'data-valid-from': period.validFrom }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (period) => <PeriodFigures period={period} />,
          expandedRowKeys: expanded ?? (periods[0] ? [periods[0].id] : []),
          onExpandedRowsChange: (keys) => setExpanded(keys),
        }}
        columns={[
          {
            title: t('policies.validity'),
            key: 'validity',
            render: (_: unknown, period) => (
              <Space wrap>
                <span data-testid="policy-period-validity">
                  {period.validTo ? t('policies.fromTo', { from: period.validFrom, to: period.validTo }) : t('policies.from', { from: period.validFrom })}
                </span>
                {!period.validTo && <Tag color="green">{t('policies.open')}</Tag>}
                {period.placeholder && <Tag color="orange">{t('policies.placeholder')}</Tag>}
                {period.example && <Tag color="gold">{t('policies.example')}</Tag>}
              </Space>
            ),
          },
          { title: t('policies.source'), dataIndex: 'source', render: (source: string) => <span data-testid="policy-period-source">{source}</span> },
          {
            title: t('policies.setBy'),
            key: 'setBy',
            render: (_: unknown, period) => <span data-testid="policy-period-set-by">{period.setByName ?? t('policies.setBySystem')}</span>,
          },
        ]}
      />
    </Flex>
  );
}
