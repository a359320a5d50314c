import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { areaLabel } from '../../../shared/areas';
import { roles, type Role, type SessionUser } from '../../../shared/auth/roles';
import { adminErrorKey, type NewAccount } from '../../data';
import { DraftNotice } from '../drafts/DraftNotice';
import { useFormDraft, useKeepOnChange, useResetOnDiscard } from '../drafts/useFormDraft';
import { fieldStatus } from '../forms/fieldStatus';
import { areaChoices, creatableRoles } from './accountOptions';

function accountSchema(t: TFunction) {
  return z.object({
    displayName: z.string().trim().min(1, t('admin.form.displayNameRequired')).max(80),
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,40}$/, t('admin.form.usernameInvalid')),
    password: z.string().min(8, t('admin.form.passwordShort')).max(200),
    role: z.enum(roles),
    areaCode: z.string().regex(/^\d{12}$/, t('admin.form.areaRequired')),
  });
}

type AccountValues = z.input<ReturnType<typeof accountSchema>>;

export interface CreateAccountModalProps {
  creator: SessionUser;
  open: boolean;
  onClose: () => void;
  onCreate: (account: NewAccount) => Promise<void>;
}

/** 新建账号: name, user name, first password, post and area — only below the creator's own level. */
export function CreateAccountModal({ creator, open, onClose, onCreate }: CreateAccountModalProps) {
  const { t } = useTranslation();
  const rolesAllowed = creatableRoles(creator);
  const schema = useMemo(() => accountSchema(t), [t]);
  // Kept while typed, like every form — but never the password.
  const draft = useFormDraft<AccountValues>('account:new', () => ({
    displayName: '',
    username: '',
    password: '',
    role: rolesAllowed[0] ?? 'assistant',
    areaCode: '',
  }));
  const { control, handleSubmit, setValue, watch, reset } = useForm<AccountValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { ...draft.start, password: '' },
  });
  useKeepOnChange(watch, (values) => draft.keep({ ...values, password: '' }));
  useResetOnDiscard(draft, reset);
  const role = useWatch({ control, name: 'role' }) as Role;
  const areas = useMemo(() => areaChoices(creator, role), [creator, role]);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = handleSubmit(async (values) => {
    try {
      await onCreate(values);
      draft.saved();
      setFailure(null);
      onClose();
    } catch (error) {
      setFailure(adminErrorKey(error));
    }
  });

  return (
    <Modal open={open} title={t('admin.create')} okText={t('admin.form.submit')} cancelText={t('common.cancel')}
      onOk={() => void submit()} onCancel={onClose} okButtonProps={{ 'data-testid': 'account-submit' } as Record<`data-${string}`, string>} destroyOnHidden>
      {failure && <Alert type="error" showIcon role="alert" data-testid="account-error" title={t(failure as 'admin.error.server')} style={{ marginBottom: 16 }} />}
      <DraftNotice draft={draft} hint={t('drafts.autosaveHintNoPassword')} />
      <Form layout="vertical" component="div">
        <Controller control={control} name="displayName" render={({ field, fieldState }) => (
          <Form.Item label={t('admin.form.displayName')} htmlFor="account-display-name" required {...fieldStatus(fieldState.error?.message)}>
            <Input id="account-display-name" {...field} data-testid="account-display-name" />
          </Form.Item>
        )} />
        <Controller control={control} name="username" render={({ field, fieldState }) => (
          <Form.Item label={t('admin.form.username')} htmlFor="account-username" required extra={t('admin.form.usernameHint')} {...fieldStatus(fieldState.error?.message)}>
            <Input id="account-username" autoComplete="off" {...field} data-testid="account-username" />
          </Form.Item>
        )} />
        <Controller control={control} name="password" render={({ field, fieldState }) => (
          <Form.Item label={t('admin.form.password')} htmlFor="account-password" required extra={t('admin.form.passwordHint')} {...fieldStatus(fieldState.error?.message)}>
            <Input.Password id="account-password" autoComplete="new-password" {...field} data-testid="account-password" />
          </Form.Item>
        )} />
        <Controller control={control} name="role" render={({ field }) => (
          <Form.Item label={t('admin.form.role')} htmlFor="account-role" required>
            <Select id="account-role" value={field.value} data-testid="account-role"
              onChange={(value: Role) => { field.onChange(value); setValue('areaCode', ''); }}
              options={rolesAllowed.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
        )} />
        <Controller control={control} name="areaCode" render={({ field, fieldState }) => (
          <Form.Item label={t('admin.form.area')} htmlFor="account-area" required {...fieldStatus(fieldState.error?.message)}>
            <Select id="account-area" showSearch={{ optionFilterProp: 'label' }} value={field.value || undefined} onChange={field.onChange}
              data-testid="account-area" options={areas.map((a) => ({ value: a.value, label: areaLabel(a.code) }))} />
          </Form.Item>
        )} />
      </Form>
    </Modal>
  );
}
