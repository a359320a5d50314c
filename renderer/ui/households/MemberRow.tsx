import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select } from 'antd';
import { Controller, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldStatus } from '../forms/fieldStatus';
import { TextField } from '../forms/TextField';
import type { HouseholdDraft, HouseholdValues } from './householdDraft';
import { MemberDerivedInfo } from './MemberDerivedInfo';
import { MemberMoreInfo } from './MemberMoreInfo';
import { useRelationOptions } from './useRelationOptions';

export interface MemberRowProps {
  control: Control<HouseholdDraft, unknown, HouseholdValues>;
  index: number;
  canRemove: boolean;
  onRemove: () => void;
}

/**
 * One member: 姓名 · 身份证号 · 与户主关系, with 出生日期 and 性别 read from the ID number, and
 * the folded 更多信息 (残疾, 疾病, 劳动能力, 收入, 死亡日期).
 */
export function MemberRow({ control, index, canRemove, onRemove }: MemberRowProps) {
  const { t } = useTranslation();
  const relationOptions = useRelationOptions();
  const idNumber = useWatch({ control, name: `members.${index}.idNumber` });
  const n = index + 1;
  const label = (field: string) => t('household.form.memberField', { n, field });

  return (
    <Card
      size="small"
      title={t('household.form.memberTitle', { n })}
      data-testid={`member-${n}`}
      extra={
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={t('household.form.removeMemberLabel', { n })}
          data-testid={`member-${n}-remove`}
        >
          {t('household.form.removeMember')}
        </Button>
      }
      style={{ marginBottom: 12 }}
    >
      <Flex wrap gap={16} align="start">
        <div style={{ width: 180 }}>
          <TextField
            control={control}
            name={`members.${index}.name`}
            id={`member-${n}-name`}
            label={t('household.form.memberName')}
            ariaLabel={label(t('household.form.memberName'))}
            required
            autoComplete="off"
            testId={`member-${n}-name`}
          />
        </div>
        <div style={{ width: 280 }}>
          <TextField
            control={control}
            name={`members.${index}.idNumber`}
            id={`member-${n}-id-number`}
            label={t('household.form.memberIdNumber')}
            ariaLabel={label(t('household.form.memberIdNumber'))}
            required
            autoComplete="off"
            testId={`member-${n}-id-number`}
          />
        </div>
        <Controller
          control={control}
          name={`members.${index}.relation`}
          render={({ field, fieldState }) => (
            <Form.Item
              label={t('household.form.memberRelation')}
              htmlFor={`member-${n}-relation`}
              required
              style={{ width: 180 }}
              {...fieldStatus(fieldState.error?.message)}
            >
              <Select
                id={`member-${n}-relation`}
                ref={field.ref}
                options={relationOptions}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                placeholder={t('household.form.memberRelationPlaceholder')}
                aria-label={label(t('household.form.memberRelation'))}
                aria-invalid={fieldState.invalid || undefined}
                data-testid={`member-${n}-relation`}
              />
            </Form.Item>
          )}
        />
        <MemberDerivedInfo number={n} idNumber={typeof idNumber === 'string' ? idNumber : ''} />
      </Flex>
      <MemberMoreInfo control={control} index={index} />
    </Card>
  );
}
