import { Alert, Checkbox, Form, Select } from 'antd';
import { Controller, useWatch, type Control, type UseFormGetValues, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../shared/schemas/household';
import { fieldStatus } from '../forms/fieldStatus';
import type { ApplicationDraft, ApplicationValues } from './applicationDraft';

export interface MembersSectionProps {
  control: Control<ApplicationDraft, unknown, ApplicationValues>;
  setValue: UseFormSetValue<ApplicationDraft>;
  getValues: UseFormGetValues<ApplicationDraft>;
  household: Household;
}

/** 申请人, 单人户 and 共同生活的保障成员: a 单人户 covers the applicant alone. */
export function MembersSection({ control, setValue, getValues, household }: MembersSectionProps) {
  const { t } = useTranslation();
  const applicant = useWatch({ control, name: 'applicantMemberId' });
  const single = useWatch({ control, name: 'singlePersonUnit' });
  const memberLabel = (id: string) => {
    const member = household.members.find((m) => m.id === id);
    return member ? t('application.form.memberOption', { name: member.name, relation: t(`household.relation.${member.relation}`) }) : id;
  };
  const options = household.members.map((member) => ({ value: member.id, label: memberLabel(member.id) }));
  // Only people the household registered as 单人户 may apply alone: say so when someone else is chosen.
  const notRegistered = single && !(household.singlePersonUnitMemberIds ?? []).includes(applicant);
  const valid = { shouldValidate: false, shouldDirty: true } as const;

  const chooseApplicant = (id: string) => {
    setValue('applicantMemberId', id, { shouldDirty: true, shouldValidate: true });
    if (getValues('singlePersonUnit')) {
      setValue('coveredMemberIds', [id], valid);
    } else if (!getValues('coveredMemberIds').includes(id)) {
      setValue('coveredMemberIds', [...getValues('coveredMemberIds'), id], valid);
    }
  };

  return (
    <>
      <Controller
        control={control}
        name="applicantMemberId"
        render={({ field, fieldState }) => (
          <Form.Item label={t('application.form.applicant')} htmlFor="application-applicant" required {...fieldStatus(fieldState.error?.message)}>
            <Select
              id="application-applicant"
              ref={field.ref}
              options={options}
              value={field.value || undefined}
              onChange={chooseApplicant}
              onBlur={field.onBlur}
              placeholder={t('application.form.applicantPlaceholder')}
              aria-required
              aria-invalid={fieldState.invalid || undefined}
              data-testid="application-applicant"
              style={{ maxWidth: 360 }}
            />
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name="singlePersonUnit"
        render={({ field }) => (
          <Form.Item extra={t('application.form.singlePersonUnitHint')} style={{ marginBottom: 12 }}>
            <Checkbox
              ref={field.ref}
              checked={field.value}
              onChange={(event) => {
                field.onChange(event.target.checked);
                const id = getValues('applicantMemberId');
                setValue('coveredMemberIds', event.target.checked ? (id ? [id] : []) : household.members.map((m) => m.id), valid);
              }}
              data-testid="application-single-person-unit"
              style={{ fontSize: '1.0625rem' }}
            >
              {t('application.form.singlePersonUnit')}
            </Checkbox>
          </Form.Item>
        )}
      />
      {notRegistered && (
        <Alert type="warning" showIcon title={t('application.form.singlePersonUnitNotRegistered')} data-testid="single-person-unit-hint" style={{ marginBottom: 16 }} />
      )}
      <Controller
        control={control}
        name="coveredMemberIds"
        render={({ field, fieldState }) => (
          <Form.Item
            label={t('application.form.covered')}
            required
            extra={single ? t('application.form.coveredSingleHint') : t('application.form.coveredHint')}
            {...fieldStatus(fieldState.error?.message)}
          >
            <Checkbox.Group
              value={field.value}
              onChange={(ids) => field.onChange(ids)}
              data-testid="application-covered"
              style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px' }}
            >
              {household.members.map((member) => (
                <Checkbox
                  key={member.id}
                  value={member.id}
                  disabled={single && member.id !== applicant}
                  data-testid={`covered-${member.id}`}
                  style={{ fontSize: '1.0625rem' }}
                >
                  {memberLabel(member.id)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        )}
      />
    </>
  );
}
