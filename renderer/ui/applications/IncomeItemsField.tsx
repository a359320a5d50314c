import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Radio, Select, Typography } from 'antd';
import { Controller, useFieldArray, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { incomeKinds, incomeTreatments } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { TextField } from '../forms/TextField';
import { defaultTreatment, newIncomeItem, type ApplicationDraft, type ApplicationValues } from './applicationDraft';
import { MoneyField } from './MoneyField';

export interface IncomeItemsFieldProps {
  control: Control<ApplicationDraft, unknown, ApplicationValues>;
  setValue: UseFormSetValue<ApplicationDraft>;
  household: Household;
}

/** 家庭收入: a row per income — who, what kind, how much a month, and whether B1 counts it. */
export function IncomeItemsField({ control, setValue, household }: IncomeItemsFieldProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'incomeItems' });
  const memberOptions = [
    { value: '', label: t('application.form.income.memberHousehold') },
    ...household.members.map((member) => ({ value: member.id, label: member.name })),
  ];
  const kindOptions = incomeKinds.map((kind) => ({ value: kind, label: t(`application.incomeKind.${kind}`) }));
  const treatmentOptions = incomeTreatments.map((treatment) => ({ value: treatment, label: t(`application.incomeTreatment.${treatment}`) }));

  return (
    <div data-testid="income-items">
      <Typography.Paragraph type="secondary">{t('application.form.income.hint')}</Typography.Paragraph>
      {fields.map((item, index) => {
        const n = index + 1;
        const title = t('application.form.income.itemTitle', { n });
        const label = (field: string) => `${title} ${field}`;
        return (
          <Card
            key={item.id}
            size="small"
            title={title}
            data-testid={`income-${n}`}
            style={{ marginBottom: 12 }}
            extra={
              <Button danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('application.form.income.removeLabel', { n })} data-testid={`income-${n}-remove`}>
                {t('application.form.income.remove')}
              </Button>
            }
          >
            <Flex wrap gap={16} align="start">
              <Controller
                control={control}
                name={`incomeItems.${index}.memberId`}
                render={({ field }) => (
                  <Form.Item label={t('application.form.income.member')} htmlFor={`income-${n}-member`} style={{ width: 180 }}>
                    <Select
                      id={`income-${n}-member`}
                      ref={field.ref}
                      options={memberOptions}
                      value={field.value}
                      onChange={field.onChange}
                      aria-label={label(t('application.form.income.member'))}
                      data-testid={`income-${n}-member`}
                    />
                  </Form.Item>
                )}
              />
              <Controller
                control={control}
                name={`incomeItems.${index}.kind`}
                render={({ field }) => (
                  <Form.Item label={t('application.form.income.kind')} htmlFor={`income-${n}-kind`} style={{ width: 220 }}>
                    <Select
                      id={`income-${n}-kind`}
                      ref={field.ref}
                      options={kindOptions}
                      value={field.value}
                      onChange={(kind) => {
                        field.onChange(kind);
                        setValue(`incomeItems.${index}.treatment`, defaultTreatment(kind));
                      }}
                      aria-label={label(t('application.form.income.kind'))}
                      data-testid={`income-${n}-kind`}
                    />
                  </Form.Item>
                )}
              />
              <MoneyField
                control={control}
                name={`incomeItems.${index}.monthlyAmount`}
                id={`income-${n}-amount`}
                label={t('application.form.income.amount')}
                ariaLabel={label(t('application.form.income.amount'))}
                required
                testId={`income-${n}-amount`}
              />
              <Controller
                control={control}
                name={`incomeItems.${index}.treatment`}
                render={({ field }) => (
                  <Form.Item label={t('application.form.income.treatment')}>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      options={treatmentOptions}
                      value={field.value}
                      onChange={(event) => field.onChange(event.target.value)}
                      aria-label={label(t('application.form.income.treatment'))}
                      data-testid={`income-${n}-treatment`}
                    />
                  </Form.Item>
                )}
              />
            </Flex>
            <div style={{ maxWidth: 640 }}>
              <TextField control={control} name={`incomeItems.${index}.note`} id={`income-${n}-note`} label={t('application.form.income.note')} ariaLabel={label(t('application.form.income.note'))} testId={`income-${n}-note`} />
            </div>
          </Card>
        );
      })}
      {fields.length > 0 && <Typography.Paragraph type="secondary">{t('application.form.income.treatmentHint')}</Typography.Paragraph>}
      <Button icon={<PlusOutlined />} onClick={() => append(newIncomeItem(), { focusName: `incomeItems.${fields.length}.monthlyAmount` })} data-testid="income-add">
        {t('application.form.income.add')}
      </Button>
    </div>
  );
}
