import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TextField } from '../forms/TextField';
import { conditionKeys } from './visitDraft';
import type { VisitStepProps } from './VisitBasicStep';

const testIdOf = (key: string) => `visit-condition-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** 家庭经济与生活状况: income, property and the actual food, clothing, housing and daily use; health changes. */
export function VisitLivingStep({ control }: VisitStepProps) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('visitSurvey.conditionsTitle')}
      </Typography.Title>
      {conditionKeys.map((key) => (
        <TextField
          key={key}
          control={control}
          name={`conditions.${key}`}
          id={testIdOf(key)}
          label={t(`visitSurvey.conditions.${key}`)}
          kind="multiline"
          placeholder={t(`visitSurvey.conditionPlaceholders.${key}`)}
          testId={testIdOf(key)}
        />
      ))}
      <TextField
        control={control}
        name="healthChanges"
        id="visit-health-changes"
        label={t('visitSurvey.healthChanges')}
        kind="multiline"
        placeholder={t('visitSurvey.healthChangesPlaceholder')}
        testId="visit-health-changes"
      />
    </>
  );
}
