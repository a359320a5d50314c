import { Checkbox, Flex, Form, Radio } from 'antd';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { needCategories } from '../../../shared/schemas/visit';
import { reviewOutcomes } from '../../../shared/vocabulary/caseLife';
import { DateField } from '../forms/DateField';
import { fieldStatus } from '../forms/fieldStatus';
import { TextField } from '../forms/TextField';
import type { VisitStepProps } from './VisitBasicStep';

/**
 * 需求与下次走访: needs found, what the visit found in words, the next visit date — and, for a
 * household receiving a monthly benefit, the review's outcome (复核结论).
 */
export function VisitNeedsStep({ control, reviewAsked }: VisitStepProps & { reviewAsked: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {reviewAsked && (
        <Controller
          control={control}
          name="reviewOutcome"
          render={({ field, fieldState }) => (
            <Form.Item label={t('caseLife.visitReview.label')} required extra={t('caseLife.visitReview.hint')} {...fieldStatus(fieldState.error?.message)}>
              <Radio.Group
                value={field.value}
                onChange={(event) => field.onChange(event.target.value)}
                aria-label={t('caseLife.visitReview.label')}
                data-testid="visit-review-outcome"
              >
                {reviewOutcomes.map((code) => (
                  <Radio key={code} value={code} data-testid={`visit-review-${code}`} style={{ paddingBlock: 4 }}>
                    {t(`caseLife.reviewOutcome.${code}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          )}
        />
      )}
      <Controller
        control={control}
        name="needsFound"
        render={({ field, fieldState }) => (
          <Form.Item label={t('visitSurvey.needsFound')} extra={t('visitSurvey.needsFoundHint')} {...fieldStatus(fieldState.error?.message)}>
            <Flex wrap gap={8} role="group" aria-label={t('visitSurvey.needsFound')}>
              {needCategories.map((category) => (
                <Checkbox
                  key={category}
                  checked={field.value.includes(category)}
                  onChange={(event) =>
                    field.onChange(
                      event.target.checked
                        ? needCategories.filter((c) => c === category || field.value.includes(c))
                        : field.value.filter((c) => c !== category),
                    )
                  }
                  data-testid={`visit-need-${category}`}
                  style={{ minWidth: 120, paddingBlock: 4 }}
                >
                  {t(`needCategory.${category}`)}
                </Checkbox>
              ))}
            </Flex>
          </Form.Item>
        )}
      />
      <TextField control={control} name="findings" id="visit-findings" label={t('visit.form.findings')} kind="multiline" required placeholder={t('visit.form.findingsPlaceholder')} testId="visit-findings" />
      <DateField control={control} name="nextVisitDate" id="visit-next-date" label={t('visit.form.nextVisitDate')} placeholder={t('visit.form.datePlaceholder')} extra={t('visit.form.nextVisitDateHint')} testId="visit-next-date" />
    </>
  );
}
