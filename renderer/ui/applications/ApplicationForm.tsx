import { Alert, Button, Card, Checkbox, Flex, Form, Radio, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applicationAssistance, applicationModes, applicationTypes } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { useKeepOnChange } from '../drafts/useFormDraft';
import { fieldStatus } from '../forms/fieldStatus';
import { focusNextOnEnter } from '../forms/focusNextOnEnter';
import { TextField } from '../forms/TextField';
import {
  documentsForType,
  spendingKeys,
  useApplicationResolver,
  type ApplicationDraft,
  type ApplicationValues,
} from './applicationDraft';
import { DocumentsField } from './DocumentsField';
import { IncomeItemsField } from './IncomeItemsField';
import { MembersSection } from './MembersSection';
import { MoneyField } from './MoneyField';
import { formatMoney } from './money';
import { PropertyItemsField } from './PropertyItemsField';

export interface ApplicationFormProps {
  household: Household;
  defaultValues: ApplicationDraft;
  /** Called only with valid values; `submit` = 保存并提交. Rejects when saving failed. */
  onSubmit: (values: ApplicationValues, submit: boolean) => Promise<void>;
  onCancel: () => void;
  /** Every change, at once: the page keeps it as a draft. */
  onChange: (values: ApplicationDraft) => void;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={4} id={id} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      }
      aria-labelledby={id}
      role="group"
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}

/** 救助申请表: eight sections, checked by the shared application rules. */
export function ApplicationForm({ household, defaultValues, onSubmit, onCancel, onChange }: ApplicationFormProps) {
  const { t } = useTranslation();
  const resolver = useApplicationResolver();
  const { control, handleSubmit, formState, setValue, getValues, watch } = useForm<ApplicationDraft, unknown, ApplicationValues>({
    resolver,
    defaultValues,
  });
  useKeepOnChange(watch, onChange);
  const type = useWatch({ control, name: 'type' });
  const medical = useWatch({ control, name: 'medical' });
  const saveDraft = handleSubmit((values) => onSubmit(values, false));
  const saveAndSubmit = handleSubmit((values) => onSubmit(values, true));
  const hasErrors = formState.submitCount > 0 && Object.keys(formState.errors).length > 0;
  const outOfPocket =
    medical && typeof medical.totalCost === 'number' && typeof medical.reimbursed === 'number'
      ? Math.max(0, Math.round(medical.totalCost * 100) - Math.round(medical.reimbursed * 100)) / 100
      : null;

  const typeOptions = applicationTypes.map((value) => ({ value, label: t(`application.type.${value}`) }));
  const modeOptions = applicationModes.map((value) => ({ value, label: t(`application.mode.${value}`) }));
  const assistanceOptions = applicationAssistance.map((value) => ({ value, label: t(`application.assistance.${value}`) }));

  return (
    <Form
      layout="vertical"
      onFinish={() => void saveDraft()}
      onKeyDown={focusNextOnEnter}
      noValidate
      aria-labelledby="page-title"
      data-testid="application-form"
      style={{ maxWidth: 1100 }}
    >
      <Typography.Paragraph type="secondary">{t('application.form.enterHint')}</Typography.Paragraph>

      <Section id="application-section-basics" title={t('application.form.sections.basics')}>
        <Controller
          control={control}
          name="type"
          render={({ field, fieldState }) => (
            <Form.Item label={t('application.form.type')} htmlFor="application-type" required {...fieldStatus(fieldState.error?.message)}>
              <Select
                id="application-type"
                ref={field.ref}
                options={typeOptions}
                value={field.value}
                onChange={(next) => {
                  setValue('documents', documentsForType(getValues('documents'), field.value, next), { shouldDirty: true });
                  field.onChange(next);
                }}
                onBlur={field.onBlur}
                placeholder={t('application.form.typePlaceholder')}
                aria-required
                aria-invalid={fieldState.invalid || undefined}
                data-testid="application-type"
                style={{ maxWidth: 360 }}
              />
            </Form.Item>
          )}
        />
        <Flex wrap gap={32}>
          <Controller
            control={control}
            name="mode"
            render={({ field }) => (
              <Form.Item label={t('application.form.mode')} required>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={modeOptions}
                  value={field.value}
                  onChange={(event) => field.onChange(event.target.value)}
                  aria-label={t('application.form.mode')}
                  data-testid="application-mode"
                />
              </Form.Item>
            )}
          />
          <Controller
            control={control}
            name="assistance"
            render={({ field }) => (
              <Form.Item label={t('application.form.assistance')} extra={t('application.form.assistanceHint')} required>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={assistanceOptions}
                  value={field.value}
                  onChange={(event) => field.onChange(event.target.value)}
                  aria-label={t('application.form.assistance')}
                  data-testid="application-assistance"
                />
              </Form.Item>
            )}
          />
        </Flex>
      </Section>

      <Section id="application-section-members" title={t('application.form.sections.members')}>
        <MembersSection control={control} setValue={setValue} getValues={getValues} household={household} />
      </Section>

      <Section id="application-section-income" title={t('application.form.sections.income')}>
        <IncomeItemsField control={control} setValue={setValue} household={household} />
      </Section>

      <Section id="application-section-property" title={t('application.form.sections.property')}>
        <PropertyItemsField control={control} />
      </Section>

      <Section id="application-section-spending" title={t('application.form.sections.spending')}>
        <Typography.Paragraph type="secondary">{t('application.form.spending.hint')}</Typography.Paragraph>
        <Flex wrap gap={16}>
          {spendingKeys.map((key) => (
            <MoneyField
              key={key}
              control={control}
              name={`essentialSpending.${key}`}
              id={`spending-${key}`}
              label={t(`application.form.spending.${key}`)}
              testId={`spending-${key}`}
            />
          ))}
        </Flex>
      </Section>

      {type === 'medicalAid' && (
        <Section id="application-section-medical" title={t('application.form.sections.medical')}>
          <Typography.Paragraph type="secondary">{t('application.form.medical.hint')}</Typography.Paragraph>
          <Flex wrap gap={16} align="start">
            <MoneyField control={control} name="medical.totalCost" id="medical-total-cost" label={t('application.form.medical.totalCost')} testId="medical-total-cost" width={260} />
            <MoneyField control={control} name="medical.reimbursed" id="medical-reimbursed" label={t('application.form.medical.reimbursed')} testId="medical-reimbursed" width={260} />
          </Flex>
          {outOfPocket !== null && (
            <Typography.Text strong style={{ fontSize: '1.125rem' }} data-testid="medical-out-of-pocket">
              {t('application.form.medical.outOfPocket', { amount: formatMoney(outOfPocket) })}
            </Typography.Text>
          )}
        </Section>
      )}

      <Section id="application-section-documents" title={t('application.form.sections.documents')}>
        <DocumentsField control={control} typeChosen={type !== undefined} />
      </Section>

      <Section id="application-section-pledge" title={t('application.form.sections.pledge')}>
        <Controller
          control={control}
          name="pledgeSigned"
          render={({ field }) => (
            <Form.Item extra={t('application.form.pledgeHint')}>
              <Checkbox
                ref={field.ref}
                checked={field.value}
                onChange={(event) => field.onChange(event.target.checked)}
                data-testid="application-pledge"
                style={{ fontSize: '1.0625rem' }}
              >
                {t('application.form.pledgeSigned')}
              </Checkbox>
            </Form.Item>
          )}
        />
        <div style={{ maxWidth: 720 }}>
          <TextField control={control} name="reason" id="application-reason" label={t('application.form.reason')} kind="multiline" placeholder={t('application.form.reasonPlaceholder')} testId="application-reason" />
        </div>
      </Section>

      {hasErrors && <Alert type="error" showIcon title={t('application.form.fixErrors')} role="alert" data-testid="application-form-errors" style={{ marginBottom: 16 }} />}
      <Flex gap={12} wrap>
        <Button htmlType="submit" loading={formState.isSubmitting} data-testid="application-save">
          {t('application.form.save')}
        </Button>
        <Button type="primary" onClick={() => void saveAndSubmit()} loading={formState.isSubmitting} data-testid="application-save-submit">
          {t('application.form.saveAndSubmit')}
        </Button>
        <Button onClick={onCancel} data-testid="application-cancel">
          {t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
