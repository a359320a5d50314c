import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { Controller, useForm, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isIsoDate } from '../../../shared/rules/dates';
import type { NewPolicyPeriod } from '../../../shared/schemas/policyPeriod';
import { policyFigureNames, policyFigureShape, type Policy, type PolicyFigureName } from '../../../shared/schemas/reference';
import { policyFigureGroups, policyFigureTerms, type PolicyFigureUnit } from '../../../shared/vocabulary';
import { policyErrorKey } from '../../data';
import { DraftNotice } from '../drafts/DraftNotice';
import { useFormDraft, useKeepOnChange, useResetOnDiscard } from '../drafts/useFormDraft';
import { DateField } from '../forms/DateField';
import { fieldStatus } from '../forms/fieldStatus';

/** The form's checks: the server's own (policyFigureShape, the source required) plus a start after the current period's. */
function periodFormSchema(t: TFunction, currentFrom: string | null) {
  return z.object({
    validFrom: z
      .string({ error: t('policies.form.dateRequired') })
      .refine(isIsoDate, t('policies.form.dateRequired'))
      .refine((date) => currentFrom === null || date > currentFrom, t('policies.form.dateAfter', { current: currentFrom ?? '' })),
    source: z.string().trim().min(1, t('policies.form.required')).max(500),
    figures: z.object(policyFigureShape),
    figureSources: z.record(z.string(), z.string().trim().max(300, t('policies.form.figureSourceTooLong')).optional()),
  });
}
type FormInput = z.input<ReturnType<typeof periodFormSchema>>;
type FormOutput = z.output<ReturnType<typeof periodFormSchema>>;

const precision: Record<PolicyFigureUnit, number> = { yuanPerPersonMonth: 2, yuanPerYear: 2, yuan: 2, multiple: 2, share: 4, days: 0, houses: 0, yesNo: 0 };

function FigureField({ control, name }: { control: Control<FormInput, unknown, FormOutput>; name: PolicyFigureName }) {
  const { t } = useTranslation();
  const unit = policyFigureTerms[name].unit;
  const id = `policy-figure-${name}`;
  return (
    <div style={{ width: 300 }}>
      <Controller
        control={control}
        name={`figures.${name}`}
        render={({ field, fieldState }) => (
          <Form.Item label={t(`policies.figure.${name}`)} htmlFor={id} extra={t(`policies.help.${name}`)} {...fieldStatus(fieldState.error?.message)}>
            {unit === 'yesNo' ? (
              // A rule, not a sum: chosen, never typed (1 要求, 0 不要求; empty: 待配置).
              <Select<0 | 1>
                id={id}
                ref={field.ref}
                value={field.value === 0 || field.value === 1 ? field.value : undefined}
                onChange={(value) => field.onChange(value ?? null)}
                onBlur={field.onBlur}
                allowClear
                placeholder={t('policies.notSet')}
                options={([1, 0] as const).map((value) => ({ value, label: t(`policies.yesNo.${value}`) }))}
                style={{ width: '100%' }}
                data-testid={id}
              />
            ) : (
            <InputNumber<number>
              id={id}
              ref={field.ref}
              value={typeof field.value === 'number' ? field.value : null}
              onChange={(value) => field.onChange(typeof value === 'number' ? value : null)}
              onBlur={field.onBlur}
              min={0}
              precision={precision[unit]}
              controls={false}
              placeholder={t('policies.notSet')}
              suffix={t(`policies.unit.${unit}`)}
              style={{ width: '100%' }}
              data-testid={id}
            />
            )}
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name={`figureSources.${name}`}
        render={({ field, fieldState }) => (
          <Form.Item {...fieldStatus(fieldState.error?.message)} style={{ marginTop: -12 }}>
            <Input
              {...field}
              value={field.value ?? ''}
              size="small"
              placeholder={t('policies.form.figureSourcePlaceholder')}
              aria-label={`${t(`policies.figure.${name}`)} ${t('policies.figureSource')}`}
              data-testid={`policy-figure-source-${name}`}
            />
          </Form.Item>
        )}
      />
    </div>
  );
}

export interface PolicyPeriodFormProps {
  areaCode: string;
  areaName: string;
  /** The latest period of the area, whose figures the form starts from; null: none yet. */
  current: Policy | null;
  onSave: (period: NewPolicyPeriod) => Promise<unknown>;
  onDone: () => void;
}

/** 设置新的执行期: the start date, the document, and every figure by programme, each with an optional source. */
export function PolicyPeriodForm({ areaCode, areaName, current, onSave, onDone }: PolicyPeriodFormProps) {
  const { t } = useTranslation();
  const schema = useMemo(() => periodFormSchema(t, current?.validFrom ?? null), [t, current]);
  // One draft per area: a new period half set for 无棣县 is not offered for 惠民县.
  const draft = useFormDraft<FormInput>(`policy:${areaCode}`, () => ({
    validFrom: undefined as unknown as string,
    // A placeholder's document says 待配置: the county names its own. The demo's example figures
    // (示例) are nobody's: none of them is carried into a real period.
    source: current && !current.placeholder && !current.example ? current.source : '',
    figures: Object.fromEntries(policyFigureNames.map((name) => [name, current?.example ? null : (current?.[name] ?? null)])) as FormInput['figures'],
    figureSources: current?.placeholder || current?.example ? {} : { ...(current?.figureSources ?? {}) },
  }));
  const { control, handleSubmit, formState, watch, reset } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: draft.start,
  });
  useKeepOnChange(watch, draft.keep);
  useResetOnDiscard(draft, reset);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = handleSubmit(async (values) => {
    const figureSources = Object.fromEntries(Object.entries(values.figureSources).filter((entry): entry is [string, string] => Boolean(entry[1])));
    try {
      await onSave({ areaCode, validFrom: values.validFrom, source: values.source, figures: values.figures, figureSources });
      draft.saved();
      setFailure(null);
      onDone();
    } catch (error) {
      setFailure(policyErrorKey(error));
    }
  });

  return (
    <Card title={t('policies.form.title', { area: areaName })} data-testid="policy-period-form">
      {failure && <Alert type="error" showIcon role="alert" data-testid="policy-error" title={t(failure as 'policies.error.server')} style={{ marginBottom: 16 }} />}
      <DraftNotice draft={draft} />
      <Form layout="vertical" component="div">
        <DateField
          control={control}
          name="validFrom"
          id="policy-valid-from"
          label={t('policies.form.validFrom')}
          placeholder="YYYY-MM-DD"
          required
          extra={current ? t('policies.form.validFromHelp', { current: current.validFrom }) : undefined}
          testId="policy-valid-from"
        />
        <Controller
          control={control}
          name="source"
          render={({ field, fieldState }) => (
            <Form.Item label={t('policies.form.source')} htmlFor="policy-source" required {...fieldStatus(fieldState.error?.message)}>
              <Input.TextArea id="policy-source" {...field} autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('policies.form.sourcePlaceholder')} data-testid="policy-source" />
            </Form.Item>
          )}
        />
        <Typography.Paragraph type="secondary">{t('policies.form.copyHint')}</Typography.Paragraph>
        {policyFigureGroups.map((group) => (
          <Card key={group} size="small" title={t(`policies.group.${group}`)} style={{ marginBottom: 12 }} data-testid={`policy-group-${group}`}>
            <Flex wrap gap={16}>
              {policyFigureNames
                .filter((name) => policyFigureTerms[name].group === group)
                .map((name) => (
                  <FigureField key={name} control={control} name={name} />
                ))}
            </Flex>
          </Card>
        ))}
        <Flex gap={8}>
          <Button type="primary" size="large" loading={formState.isSubmitting} onClick={() => void submit()} data-testid="policy-submit">
            {t('policies.form.submit')}
          </Button>
          <Button size="large" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
