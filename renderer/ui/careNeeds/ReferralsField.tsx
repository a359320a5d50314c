import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select, Typography } from 'antd';
import { Controller, useFieldArray, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { referralKinds, referralStates } from '../../../shared/schemas/careNeed';
import { fieldStatus } from '../forms/fieldStatus';
import { TextField } from '../forms/TextField';
import { newReferral, type CareNeedFormValues, type CareNeedValues } from './careNeedDraft';

export interface ReferralsFieldProps {
  control: Control<CareNeedFormValues, unknown, CareNeedValues>;
  readOnly: boolean;
}

/** 转介: where to (慈善基金, 工会, 公益性岗位 …), to whom, how far it has got. */
export function ReferralsField({ control, readOnly }: ReferralsFieldProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'referrals' });
  const kindOptions = referralKinds.map((value) => ({ value, label: t(`careNeed.referralKind.${value}`) }));
  const stateOptions = referralStates.map((value) => ({ value, label: t(`careNeed.referralState.${value}`) }));

  return (
    <section aria-labelledby="referrals-title" style={{ marginTop: 8 }}>
      <Typography.Title level={4} id="referrals-title">
        {t('careNeed.form.referrals')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('careNeed.form.referralsHint')}</Typography.Paragraph>
      {fields.map((item, index) => {
        const n = index + 1;
        const label = (field: string) => `${t('careNeed.form.referralTitle', { n })} ${field}`;
        return (
          <Card
            key={item.id}
            size="small"
            title={t('careNeed.form.referralTitle', { n })}
            data-testid={`referral-${n}`}
            style={{ marginBottom: 12 }}
            extra={
              !readOnly && (
                <Button danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('careNeed.form.referralRemove', { n })} data-testid={`referral-${n}-remove`}>
                  {t('careNeed.form.remove')}
                </Button>
              )
            }
          >
            <Flex wrap gap={16} align="start">
              <Controller
                control={control}
                name={`referrals.${index}.kind`}
                render={({ field, fieldState }) => (
                  <Form.Item label={t('careNeed.form.referralKind')} htmlFor={`referral-${n}-kind`} required style={{ width: 200 }} {...fieldStatus(fieldState.error?.message)}>
                    <Select
                      id={`referral-${n}-kind`}
                      ref={field.ref}
                      options={kindOptions}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      placeholder={t('careNeed.form.referralKindPlaceholder')}
                      aria-label={label(t('careNeed.form.referralKind'))}
                      aria-invalid={fieldState.invalid || undefined}
                      data-testid={`referral-${n}-kind`}
                    />
                  </Form.Item>
                )}
              />
              <div style={{ width: 320 }}>
                <TextField
                  control={control}
                  name={`referrals.${index}.target`}
                  id={`referral-${n}-target`}
                  label={t('careNeed.form.referralTarget')}
                  ariaLabel={label(t('careNeed.form.referralTarget'))}
                  required
                  placeholder={readOnly ? undefined : t('careNeed.form.referralTargetPlaceholder')}
                  testId={`referral-${n}-target`}
                />
              </div>
              <Controller
                control={control}
                name={`referrals.${index}.state`}
                render={({ field, fieldState }) => (
                  <Form.Item label={t('careNeed.form.referralState')} htmlFor={`referral-${n}-state`} required style={{ width: 160 }} {...fieldStatus(fieldState.error?.message)}>
                    <Select
                      id={`referral-${n}-state`}
                      ref={field.ref}
                      options={stateOptions}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      aria-label={label(t('careNeed.form.referralState'))}
                      data-testid={`referral-${n}-state`}
                    />
                  </Form.Item>
                )}
              />
            </Flex>
            <div style={{ maxWidth: 720 }}>
              <TextField control={control} name={`referrals.${index}.note`} id={`referral-${n}-note`} label={t('careNeed.form.referralNote')} ariaLabel={label(t('careNeed.form.referralNote'))} testId={`referral-${n}-note`} />
            </div>
          </Card>
        );
      })}
      {!readOnly && (
        <Button icon={<PlusOutlined />} onClick={() => append(newReferral(), { focusName: `referrals.${fields.length}.target` })} data-testid="referral-add">
          {t('careNeed.form.referralAdd')}
        </Button>
      )}
    </section>
  );
}
