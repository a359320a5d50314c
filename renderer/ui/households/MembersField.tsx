import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useFieldArray, type Control, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { newMember, type HouseholdDraft, type HouseholdValues } from './householdDraft';
import { MemberRow } from './MemberRow';

export interface MembersFieldProps {
  control: Control<HouseholdDraft, unknown, HouseholdValues>;
  errors: FieldErrors<HouseholdDraft>;
  getMembers: () => HouseholdDraft['members'];
}

/** 家庭成员: a row per member, 添加成员 / 删除, and the list-level message (请指定一位户主). */
export function MembersField({ control, errors, getMembers }: MembersFieldProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'members' });
  // The resolver puts a list-level message at `members.root` when members also have field errors.
  const listError = errors.members?.root?.message ?? errors.members?.message;

  const add = () => {
    const hasHead = getMembers().some((member) => member.relation === 'head');
    append(newMember(hasHead ? undefined : 'head'), { focusName: `members.${fields.length}.name` });
  };

  return (
    <section aria-labelledby="household-members-title">
      <Typography.Title level={4} id="household-members-title">
        {t('household.form.members')}
      </Typography.Title>
      {listError && (
        <Alert type="error" showIcon title={listError} role="alert" data-testid="members-error" style={{ marginBottom: 12 }} />
      )}
      {fields.map((field, index) => (
        <MemberRow key={field.id} control={control} index={index} canRemove={fields.length > 1} onRemove={() => remove(index)} />
      ))}
      <Button icon={<PlusOutlined />} onClick={add} data-testid="member-add">
        {t('household.form.addMember')}
      </Button>
    </section>
  );
}
