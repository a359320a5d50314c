import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { figureLabels, previewEligibility, type EligibilityRule } from '../../../shared/rules/eligibility';
import { periodInForce } from '../../../shared/rules/policyInForce';
import type { Application } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { usePolicies } from '../../data';
import { UsedFiguresList } from './UsedFiguresList';
import { applicationDateOf, eligibilityInputOf, eligibilityPolicyOf, householdResidence, memberOf } from './applicationFacts';
import { formatMoney } from './money';

/** Figures that are not money: counts, ages, ratios, names. */
const plainFigures = new Set(['memberCount', 'age', 'edgeMultiplier', 'rigidSpendingShare', 'disability', 'memberId']);

const resultAlert = { likelyEligible: 'success', likelyNotEligible: 'warning', cannotTell: 'info' } as const;
const ruleColors = { passed: 'green', failed: 'red', unknown: 'orange', reference: 'blue' } as const;

function ruleState(rule: EligibilityRule): keyof typeof ruleColors {
  if (rule.forReference) return 'reference';
  return rule.passed === null ? 'unknown' : rule.passed ? 'passed' : 'failed';
}

/**
 * 条件初步判断: the shared preview over the household's members, the application's figures and
 * the county's policy — each rule with its figures and source. A preview, never a decision.
 */
export function EligibilityPanel({ application, household }: { application: Application; household: Household }) {
  const { t } = useTranslation();
  const today = chinaToday();
  const date = applicationDateOf(application, today);
  const policies = usePolicies();
  // The county's own period in force on the application's date (the city's may fill its gaps).
  const countyPeriod = useMemo(() => periodInForce(policies, application.areaCode.slice(0, 6), date), [policies, application.areaCode, date]);
  const preview = useMemo(() => {
    const figures = eligibilityPolicyOf(policies, application.areaCode, date);
    return previewEligibility(eligibilityInputOf(application, household, figures), today);
  }, [application, household, policies, date, today]);
  const residence = householdResidence(household, application.areaCode);
  // 示例: the demo's example figures (the county's own period, or a city-wide one filling its gaps).
  const usesExample = countyPeriod?.example === true || preview.rules.some((rule) => rule.policyFigures?.some((figure) => figure.example));

  const figureText = (key: string, value: number | string): string => {
    if (key === 'memberId' && typeof value === 'string') return memberOf(household, value)?.name ?? value;
    if (typeof value === 'number' && !plainFigures.has(key)) return formatMoney(value);
    return String(value);
  };

  return (
    <section aria-labelledby="application-eligibility-title" style={{ marginBottom: 24 }} data-testid="eligibility-preview" data-result={preview.result}>
      <Typography.Title level={3} id="application-eligibility-title">
        {t('application.detail.eligibility.title')}
      </Typography.Title>
      <Alert
        type={resultAlert[preview.result]}
        showIcon
        title={
          <Space wrap>
            <Tag color={preview.result === 'likelyEligible' ? 'green' : preview.result === 'likelyNotEligible' ? 'red' : 'orange'} style={{ fontSize: '0.9375rem' }}>
              {t(`application.detail.eligibility.result.${preview.result}`)}
            </Tag>
            <span data-testid="eligibility-headline" style={{ fontSize: '1.0625rem' }}>
              {preview.headline}
            </span>
          </Space>
        }
        description={t('application.detail.eligibility.note')}
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph type="secondary" data-testid="eligibility-policy-date">
        {t('application.detail.eligibility.policyDate', { date })}
      </Typography.Paragraph>
      {(countyPeriod === null || countyPeriod.placeholder) && (
        <Alert
          type="warning"
          showIcon
          title={t(countyPeriod === null ? 'application.detail.eligibility.noPolicy' : 'application.detail.eligibility.placeholderPolicy', { date })}
          data-testid="eligibility-policy-placeholder"
          style={{ marginBottom: 12 }}
        />
      )}
      {usesExample && (
        <Alert
          type="warning"
          showIcon
          title={t('application.detail.eligibility.examplePolicy')}
          data-testid="eligibility-policy-example"
          style={{ marginBottom: 12 }}
        />
      )}
      {preview.missing.length > 0 && (
        <Alert
          type="warning"
          title={t('application.detail.eligibility.missingTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="eligibility-missing">
              {preview.missing.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {(application.type === 'dibao' || application.type === 'dibaoEdge') && (
        <Typography.Paragraph type="secondary">
          {t('application.detail.eligibility.residence', {
            residence: t(`application.detail.eligibility.${residence}`),
          })}
        </Typography.Paragraph>
      )}
      {preview.rules.map((rule, index) => {
          const state = ruleState(rule);
          const figures = Object.entries(rule.figures);
          return (
            <Card
              key={`${rule.id}-${index}`}
              size="small"
              style={{ marginBottom: 8 }}
              data-testid="eligibility-rule"
              data-rule={rule.id}
              data-passed={state}
              title={
                <Space wrap>
                  <Tag color={ruleColors[state]} style={{ fontSize: '0.9375rem' }}>
                    {t(`application.detail.eligibility.rule.${state}`)}
                  </Tag>
                  <span style={{ whiteSpace: 'normal' }}>{rule.title}</span>
                </Space>
              }
            >
              <Typography.Paragraph style={{ marginBottom: figures.length > 0 ? 8 : 4 }}>{rule.explanation}</Typography.Paragraph>
              {figures.length > 0 && (
                <Descriptions
                  size="small"
                  bordered
                  column={{ xs: 1, md: 2, xl: 3 }}
                  items={figures.map(([key, value]) => ({
                    key,
                    label: figureLabels[key] ?? key,
                    children: (
                      <span data-testid="eligibility-figure" data-key={key}>
                        {figureText(key, value)}
                      </span>
                    ),
                  }))}
                  style={{ marginBottom: 8 }}
                />
              )}
              {rule.policyFigures && <UsedFiguresList figures={rule.policyFigures} />}
              <Typography.Text type="secondary">{t('application.detail.eligibility.source', { source: rule.source })}</Typography.Text>
            </Card>
          );
        })}
    </section>
  );
}
