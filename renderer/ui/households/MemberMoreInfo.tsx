import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, InputNumber, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useFormState, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { disabilityCategories, labourAbilities } from '../../../shared/schemas/household';
import { DateField } from '../forms/DateField';
import { fieldStatus } from '../forms/fieldStatus';
import { TextField } from '../forms/TextField';
import { hasMemberDetails, type HouseholdDraft, type HouseholdValues, type MemberDraft } from './householdDraft';
import { useMemberDetailText } from './useMemberDetailText';

export interface MemberMoreInfoProps {
  control: Control<HouseholdDraft, unknown, HouseholdValues>;
  index: number;
}

const DISABILITY_GRADES = [1, 2, 3, 4] as const;
const DETAIL_FIELDS = ['disability', 'illnessNote', 'labourAbility', 'monthlyIncome', 'deceasedOn'] as const;

/**
 * 更多信息 of one member — 残疾, 重特大疾病, 劳动能力, 就业意愿, 月收入, 死亡日期 — folded away
 * so the simple case (name, ID number, relation) stays simple. Opens by itself when it holds
 * an error, and shows a one-line summary of what is filled in while folded.
 */
export function MemberMoreInfo({ control, index }: MemberMoreInfoProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const member = useWatch({ control, name: `members.${index}` }) as MemberDraft | undefined;
  const { errors } = useFormState({ control, name: `members.${index}` });
  const memberErrors = errors.members?.[index];
  const hasErrors = DETAIL_FIELDS.some((field) => memberErrors?.[field] !== undefined);
  const [opened, setOpened] = useState(() => (member ? hasMemberDetails(member) : false));
  const open = opened || hasErrors;
  const summary = useMemberDetailText(member);
  const label = (field: string) => t('household.form.memberField', { n, field });
  const sectionId = `member-${n}-more-section`;

  const gradeOptions = DISABILITY_GRADES.map((grade) => ({ value: grade, label: t('householdExtra.grade', { grade }) }));
  const categoryOptions = disabilityCategories.map((category) => ({ value: category, label: t(`householdExtra.disability.${category}`) }));
  const labourOptions = labourAbilities.map((ability) => ({ value: ability, label: t(`householdExtra.labour.${ability}`) }));

  return (
    <div style={{ borderTop: '1px dashed #d9d9d9', marginTop: 4, paddingTop: 8 }}>
      <Flex align="center" gap={12} wrap>
        <Button
          icon={open ? <UpOutlined /> : <DownOutlined />}
          onClick={() => setOpened(!open)}
          aria-expanded={open}
          aria-controls={sectionId}
          data-testid={`member-${n}-more`}
        >
          {open ? t('householdExtra.form.moreHide') : t('householdExtra.form.more')}
        </Button>
        {!open && (
          <Typography.Text type="secondary" data-testid={`member-${n}-more-summary`}>
            {summary || t('householdExtra.form.moreSummaryEmpty')}
          </Typography.Text>
        )}
      </Flex>
      {open && (
        <div id={sectionId} role="group" aria-label={label(t('householdExtra.form.moreGroup'))} style={{ paddingTop: 8 }}>
          <Flex wrap gap={16} align="start">
            <Controller
              control={control}
              name={`members.${index}.disability.category`}
              // Category and grade go together: once checked, a change to one re-checks the other.
              rules={{ deps: [`members.${index}.disability.grade`] }}
              render={({ field, fieldState }) => (
                <Form.Item label={t('householdExtra.form.disabilityCategory')} htmlFor={`member-${n}-disability-category`} style={{ width: 200 }} {...fieldStatus(fieldState.error?.message)}>
                  <Select
                    id={`member-${n}-disability-category`}
                    ref={field.ref}
                    options={categoryOptions}
                    value={field.value}
                    onChange={(value) => field.onChange(value ?? undefined)}
                    onBlur={field.onBlur}
                    allowClear
                    placeholder={t('householdExtra.form.disabilityCategoryPlaceholder')}
                    aria-label={label(t('householdExtra.form.disabilityCategory'))}
                    aria-invalid={fieldState.invalid || undefined}
                    data-testid={`member-${n}-disability-category`}
                  />
                </Form.Item>
              )}
            />
            <Controller
              control={control}
              name={`members.${index}.disability.grade`}
              rules={{ deps: [`members.${index}.disability.category`] }}
              render={({ field, fieldState }) => (
                <Form.Item label={t('householdExtra.form.disabilityGrade')} htmlFor={`member-${n}-disability-grade`} style={{ width: 200 }} {...fieldStatus(fieldState.error?.message)}>
                  <Select
                    id={`member-${n}-disability-grade`}
                    ref={field.ref}
                    options={gradeOptions}
                    value={field.value}
                    onChange={(value) => field.onChange(value ?? undefined)}
                    onBlur={field.onBlur}
                    allowClear
                    placeholder={t('householdExtra.form.gradePlaceholder')}
                    aria-label={label(t('householdExtra.form.disabilityGrade'))}
                    aria-invalid={fieldState.invalid || undefined}
                    data-testid={`member-${n}-disability-grade`}
                  />
                </Form.Item>
              )}
            />
            <Controller
              control={control}
              name={`members.${index}.monthlyIncome`}
              render={({ field, fieldState }) => (
                <Form.Item
                  label={t('householdExtra.form.monthlyIncome')}
                  htmlFor={`member-${n}-monthly-income`}
                  extra={t('householdExtra.form.monthlyIncomeHint')}
                  style={{ width: 260 }}
                  {...fieldStatus(fieldState.error?.message)}
                >
                  <InputNumber<number>
                    id={`member-${n}-monthly-income`}
                    ref={field.ref}
                    value={field.value}
                    onChange={(value) => field.onChange(typeof value === 'number' ? value : null)}
                    onBlur={field.onBlur}
                    min={0}
                    precision={2}
                    step={100}
                    controls={false}
                    suffix={t('householdExtra.form.yuan')}
                    aria-label={label(t('householdExtra.form.monthlyIncome'))}
                    aria-invalid={fieldState.invalid || undefined}
                    data-testid={`member-${n}-monthly-income`}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              )}
            />
          </Flex>
          <Flex wrap gap={16} align="start">
            <Controller
              control={control}
              name={`members.${index}.labourAbility`}
              render={({ field, fieldState }) => (
                <Form.Item label={t('householdExtra.form.labourAbility')} {...fieldStatus(fieldState.error?.message)}>
                  <Radio.Group
                    ref={field.ref}
                    optionType="button"
                    options={labourOptions}
                    value={field.value}
                    onChange={(event) => field.onChange(event.target.value)}
                    aria-label={label(t('householdExtra.form.labourAbility'))}
                    data-testid={`member-${n}-labour-ability`}
                  />
                </Form.Item>
              )}
            />
            <Controller
              control={control}
              name={`members.${index}.wantsEmployment`}
              render={({ field }) => (
                <Form.Item label={t('householdExtra.form.employment')}>
                  <Checkbox
                    ref={field.ref}
                    checked={field.value}
                    onChange={(event) => field.onChange(event.target.checked)}
                    aria-label={label(t('householdExtra.form.wantsEmployment'))}
                    data-testid={`member-${n}-wants-employment`}
                  >
                    {t('householdExtra.form.wantsEmployment')}
                  </Checkbox>
                </Form.Item>
              )}
            />
          </Flex>
          <Controller
            control={control}
            name={`members.${index}.seriousIllness`}
            render={({ field }) => (
              <Form.Item style={{ marginBottom: member?.seriousIllness ? 8 : undefined }}>
                <Checkbox
                  ref={field.ref}
                  checked={field.value}
                  onChange={(event) => field.onChange(event.target.checked)}
                  aria-label={label(t('householdExtra.form.seriousIllness'))}
                  data-testid={`member-${n}-serious-illness`}
                >
                  {t('householdExtra.form.seriousIllness')}
                </Checkbox>
              </Form.Item>
            )}
          />
          {member?.seriousIllness && (
            <div style={{ maxWidth: 640 }}>
              <TextField
                control={control}
                name={`members.${index}.illnessNote`}
                id={`member-${n}-illness-note`}
                label={t('householdExtra.form.illnessNote')}
                ariaLabel={label(t('householdExtra.form.illnessNote'))}
                placeholder={t('householdExtra.form.illnessNotePlaceholder')}
                kind="multiline"
                testId={`member-${n}-illness-note`}
              />
            </div>
          )}
          <DateField
            control={control}
            name={`members.${index}.deceasedOn`}
            id={`member-${n}-deceased-on`}
            label={t('householdExtra.form.deceasedOn')}
            placeholder={t('visit.form.datePlaceholder')}
            extra={t('householdExtra.form.deceasedOnHint')}
            testId={`member-${n}-deceased-on`}
          />
        </div>
      )}
    </div>
  );
}
