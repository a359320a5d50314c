import { Alert, Button, ConfigProvider, Flex, Form, Radio, Select, type ThemeConfig } from 'antd';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { careSeverities } from '../../../shared/schemas/careNeed';
import type { Member } from '../../../shared/schemas/household';
import { needCategories } from '../../../shared/schemas/visit';
import { useKeepOnChange } from '../drafts/useFormDraft';
import { fieldStatus } from '../forms/fieldStatus';
import { focusNextOnEnter } from '../forms/focusNextOnEnter';
import { TextField } from '../forms/TextField';
import { careNeedResolver, type CareNeedFormValues, type CareNeedValues } from './careNeedDraft';
import { FollowUpsField } from './FollowUpsField';
import { ReferralsField } from './ReferralsField';

/** Read-only fields keep dark text: greyed-out words are hard to read on an old screen. */
const readOnlyTheme: ThemeConfig = {
  token: { colorTextDisabled: 'rgba(0, 0, 0, 0.85)', colorBgContainerDisabled: '#fafafa' },
  // The chosen category, severity and state must still stand out.
  components: { Radio: { buttonCheckedBgDisabled: '#1677ff', buttonCheckedColorDisabled: '#fff' } },
};

export interface CareNeedFormProps {
  defaultValues: CareNeedFormValues;
  members: Member[];
  /** Township staff and others may look but not change: everything disabled, no 保存. */
  readOnly: boolean;
  /** Called only with valid values; rejects when saving failed. */
  onSubmit: (values: CareNeedValues) => Promise<void>;
  onCancel: () => void;
  /** Every change, at once: the page keeps it as a draft. */
  onChange: (values: CareNeedFormValues) => void;
}

/** 照料需求: who, what kind, how urgent, the need and the plan; referrals and follow-ups; open or closed. */
export function CareNeedForm({ defaultValues, members, readOnly, onSubmit, onCancel, onChange }: CareNeedFormProps) {
  const { t } = useTranslation();
  const { control, handleSubmit, formState, watch } = useForm<CareNeedFormValues, unknown, CareNeedValues>({
    resolver: careNeedResolver,
    defaultValues,
  });
  useKeepOnChange(watch, onChange);
  const submit = handleSubmit(onSubmit);
  const memberOptions = members.map((member) => ({
    value: member.id,
    label: t('visitSurvey.memberLabel', { name: member.name, relation: t(`household.relation.${member.relation}`) }),
  }));

  // Examples in an empty read-only field would read as if they were the answer.
  const hint = (text: string) => (readOnly ? undefined : text);

  const form = (
    <Form
      layout="vertical"
      onFinish={() => void submit()}
      onKeyDown={focusNextOnEnter}
      noValidate
      disabled={readOnly}
      aria-labelledby="page-title"
      data-testid="care-need-form"
      style={{ maxWidth: 960 }}
    >
      {readOnly && <Alert type="info" showIcon title={t('careNeed.form.readOnly')} style={{ marginBottom: 16 }} data-testid="care-need-read-only" />}
      <Controller
        control={control}
        name="memberId"
        render={({ field, fieldState }) => (
          <Form.Item label={t('careNeed.form.member')} htmlFor="care-need-member" {...fieldStatus(fieldState.error?.message)}>
            <Select
              id="care-need-member"
              ref={field.ref}
              options={memberOptions}
              value={field.value}
              onChange={(value?: string) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              allowClear
              placeholder={t('careNeed.form.memberPlaceholder')}
              data-testid="care-need-member"
              style={{ maxWidth: 360 }}
            />
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name="category"
        render={({ field, fieldState }) => (
          <Form.Item label={t('careNeed.form.category')} required {...fieldStatus(fieldState.error?.message)}>
            <Radio.Group
              ref={field.ref}
              optionType="button"
              options={needCategories.map((value) => ({ value, label: t(`needCategory.${value}`) }))}
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              aria-label={t('careNeed.form.category')}
              aria-invalid={fieldState.invalid || undefined}
              data-testid="care-need-category"
            />
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name="severity"
        render={({ field, fieldState }) => (
          <Form.Item label={t('careNeed.form.severity')} required {...fieldStatus(fieldState.error?.message)}>
            <Radio.Group
              ref={field.ref}
              optionType="button"
              options={careSeverities.map((value) => ({ value, label: t(`careNeed.severity.${value}`) }))}
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              aria-label={t('careNeed.form.severity')}
              aria-invalid={fieldState.invalid || undefined}
              data-testid="care-need-severity"
            />
          </Form.Item>
        )}
      />
      <div style={{ maxWidth: 720 }}>
        <TextField control={control} name="description" id="care-need-description" label={t('careNeed.form.description')} kind="multiline" required placeholder={hint(t('careNeed.form.descriptionPlaceholder'))} testId="care-need-description" />
        <TextField control={control} name="servicePlan" id="care-need-service-plan" label={t('careNeed.form.servicePlan')} kind="multiline" placeholder={hint(t('careNeed.form.servicePlanPlaceholder'))} testId="care-need-service-plan" />
      </div>
      <ReferralsField control={control} readOnly={readOnly} />
      <FollowUpsField control={control} readOnly={readOnly} />
      <Controller
        control={control}
        name="state"
        render={({ field }) => (
          <Form.Item label={t('careNeed.form.state')} style={{ marginTop: 24 }}>
            <Radio.Group
              ref={field.ref}
              optionType="button"
              options={(['open', 'closed'] as const).map((value) => ({ value, label: t(`careNeed.state.${value}`) }))}
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              aria-label={t('careNeed.form.state')}
              data-testid="care-need-state"
            />
          </Form.Item>
        )}
      />
      <Flex gap={12} style={{ marginTop: 24 }}>
        {!readOnly && (
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting} data-testid="care-need-submit">
            {t('careNeed.form.submit')}
          </Button>
        )}
        <Button onClick={onCancel} disabled={false} data-testid="care-need-cancel">
          {readOnly ? t('common.back') : t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
  return readOnly ? <ConfigProvider theme={readOnlyTheme}>{form}</ConfigProvider> : form;
}
