import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Flex, Form, Select } from 'antd';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { visitFormSchema, type VisitForm as VisitDraft } from '../../../shared/schemas/visit';
import { DateField } from '../forms/DateField';
import { fieldStatus } from '../forms/fieldStatus';
import { focusNextOnEnter } from '../forms/focusNextOnEnter';
import { TextField } from '../forms/TextField';
import { useVisitTypeOptions } from './useVisitTypeOptions';

export type VisitValues = z.output<typeof visitFormSchema>;

export interface VisitFormProps {
  defaultValues: VisitDraft;
  /** Called only with valid values; rejects when saving failed. */
  onSubmit: (values: VisitValues) => Promise<void>;
  onCancel: () => void;
}

/** 登记走访: type, date, who went, what they found, when to come back. */
export function VisitForm({ defaultValues, onSubmit, onCancel }: VisitFormProps) {
  const { t } = useTranslation();
  const typeOptions = useVisitTypeOptions();
  const { control, handleSubmit, formState } = useForm<VisitDraft, unknown, VisitValues>({
    resolver: zodResolver(visitFormSchema),
    defaultValues,
  });
  const submit = handleSubmit(onSubmit);
  const investigatorsError = formState.errors.investigators;
  // The list's own message (至少填写一位走访人, 入户调查须有两名以上…), at `root` when names also have errors, else a name's.
  const investigatorsMessage =
    investigatorsError?.message ?? investigatorsError?.root?.message ?? investigatorsError?.find?.((e) => e?.message)?.message;

  return (
    <Form
      layout="vertical"
      onFinish={() => void submit()}
      onKeyDown={focusNextOnEnter}
      noValidate
      aria-labelledby="page-title"
      data-testid="visit-form"
      style={{ maxWidth: 720 }}
    >
      <Controller
        control={control}
        name="type"
        render={({ field, fieldState }) => (
          <Form.Item label={t('visit.form.type')} htmlFor="visit-type" required {...fieldStatus(fieldState.error?.message)}>
            <Select
              id="visit-type"
              ref={field.ref}
              options={typeOptions}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              data-testid="visit-type"
              style={{ maxWidth: 280 }}
            />
          </Form.Item>
        )}
      />
      <DateField control={control} name="visitDate" id="visit-date" label={t('visit.form.visitDate')} placeholder={t('visit.form.datePlaceholder')} required testId="visit-date" />
      <Controller
        control={control}
        name="investigators"
        render={({ field }) => (
          <Form.Item
            label={t('visit.form.investigators')}
            htmlFor="visit-investigators"
            required
            extra={t('visit.form.investigatorsHint')}
            {...fieldStatus(investigatorsMessage)}
          >
            <Select
              id="visit-investigators"
              ref={field.ref}
              mode="tags"
              value={field.value}
              onChange={(names: string[]) => field.onChange(names.map((name) => name.trim()).filter(Boolean))}
              onBlur={field.onBlur}
              tokenSeparators={[',', '，', '、']}
              suffixIcon={null}
              notFoundContent={null}
              open={false}
              data-testid="visit-investigators"
            />
          </Form.Item>
        )}
      />
      <TextField control={control} name="findings" id="visit-findings" label={t('visit.form.findings')} kind="multiline" required placeholder={t('visit.form.findingsPlaceholder')} testId="visit-findings" />
      <DateField control={control} name="nextVisitDate" id="visit-next-date" label={t('visit.form.nextVisitDate')} placeholder={t('visit.form.datePlaceholder')} extra={t('visit.form.nextVisitDateHint')} testId="visit-next-date" />
      <Flex gap={12} style={{ marginTop: 24 }}>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} data-testid="visit-submit">
          {t('visit.form.submit')}
        </Button>
        <Button onClick={onCancel} data-testid="visit-cancel">
          {t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
