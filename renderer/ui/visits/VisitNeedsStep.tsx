import { Checkbox, Flex, Form } from 'antd';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { needCategories } from '../../../shared/schemas/visit';
import { DateField } from '../forms/DateField';
import { fieldStatus } from '../forms/fieldStatus';
import { TextField } from '../forms/TextField';
import type { VisitStepProps } from './VisitBasicStep';

/** 需求与下次走访: needs found, what the visit found in words, the next visit date. */
export function VisitNeedsStep({ control }: VisitStepProps) {
  const { t } = useTranslation();
  return (
    <>
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
