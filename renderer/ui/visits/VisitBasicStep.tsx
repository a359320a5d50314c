import { Checkbox, Flex, Form, Select, Typography } from 'antd';
import { Controller, useFormState, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/schemas/household';
import { DateField } from '../forms/DateField';
import { fieldStatus } from '../forms/fieldStatus';
import type { VisitFormValues, VisitValues } from './visitDraft';
import { useVisitTypeOptions } from './useVisitTypeOptions';

export interface VisitStepProps {
  control: Control<VisitFormValues, unknown, VisitValues>;
}

/** 基本情况: type, date, who went (two or more for 入户调查), who was at home. */
export function VisitBasicStep({ control, members }: VisitStepProps & { members: Member[] }) {
  const { t } = useTranslation();
  const typeOptions = useVisitTypeOptions();
  const { errors } = useFormState({ control, name: 'investigators' });
  const investigatorsError = errors.investigators;
  // The list's own message (至少填写一位走访人, 入户调查须有两名以上…), at `root` when names also have errors, else a name's.
  const investigatorsMessage =
    investigatorsError?.message ?? investigatorsError?.root?.message ?? investigatorsError?.find?.((e) => e?.message)?.message;
  const living = members.filter((member) => !member.deceasedOn);

  return (
    <>
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
              // eslint-disable-next-line @typescript-eslint/no-deprecated -- antd's Select hides its arrow with suffixIcon={null} and reads no `suffix` (the deprecation is rc-select's).
              suffixIcon={null}
              notFoundContent={null}
              open={false}
              aria-invalid={investigatorsMessage ? true : undefined}
              data-testid="visit-investigators"
            />
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name="membersPresent"
        render={({ field, fieldState }) => (
          <Form.Item label={t('visitSurvey.membersPresent')} extra={t('visitSurvey.membersPresentHint')} {...fieldStatus(fieldState.error?.message)}>
            {living.length === 0 ? (
              <Typography.Text type="secondary">{t('visitSurvey.noMembers')}</Typography.Text>
            ) : (
              <Flex wrap gap={8} role="group" aria-label={t('visitSurvey.membersPresent')}>
                {living.map((member, index) => (
                  <Checkbox
                    key={member.id}
                    checked={field.value.includes(member.id)}
                    onChange={(event) =>
                      field.onChange(
                        event.target.checked
                          ? living.map((m) => m.id).filter((id) => id === member.id || field.value.includes(id))
                          : field.value.filter((id) => id !== member.id),
                      )
                    }
                    data-testid={`visit-member-present-${index + 1}`}
                    style={{ minWidth: 140, paddingBlock: 4 }}
                  >
                    {t('visitSurvey.memberLabel', { name: member.name, relation: t(`household.relation.${member.relation}`) })}
                  </Checkbox>
                ))}
              </Flex>
            )}
          </Form.Item>
        )}
      />
    </>
  );
}
