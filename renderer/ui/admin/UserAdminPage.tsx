import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { adminErrorKey, useAuth, useManagedUsers, type ManagedUser } from '../../data';
import { CreateAccountModal } from './CreateAccountModal';
import { ImportAccountsButton } from './ImportAccountsButton';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }).slice(0, 16) : null);

/** 账号管理: the accounts below the signed-in township or county, their computers, and what can be done. */
export function UserAdminPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { session } = useAuth();
  const { users, error, reload, createUser, resetPassword, deactivate, revokeDevice } = useManagedUsers();
  const [creating, setCreating] = useState(false);

  const run = (action: () => Promise<void>) =>
    action().then(
      () => message.success(t('admin.done')),
      (failure: unknown) => message.error(t(adminErrorKey(failure) as 'admin.error.server')),
    );

  const askNewPassword = (user: ManagedUser) => {
    let password = '';
    modal.confirm({
      title: `${t('admin.resetPassword')}：${user.displayName}`,
      content: <Input.Password autoFocus aria-label={t('admin.form.newPassword')} data-testid="new-password" onChange={(e) => (password = e.target.value)} />,
      okText: t('admin.resetPassword'),
      cancelText: t('common.cancel'),
      onOk: () => (password.length < 8 ? Promise.reject(message.error(t('admin.form.passwordShort'))) : run(() => resetPassword(user.id, password))),
    });
  };

  if (!session) return null;
  return (
    <Flex vertical gap={16} data-testid="user-admin">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>{t('admin.title')}</Typography.Title>
        <Space>
          <ImportAccountsButton onImported={reload} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-new">{t('admin.create')}</Button>
        </Space>
      </Flex>
      <Typography.Paragraph>{t('admin.intro')}</Typography.Paragraph>
      {error && <Alert type="warning" showIcon title={t(error as 'admin.error.server')} />}
      <Table<ManagedUser>
        rowKey="id"
        loading={users === null && !error}
        dataSource={users ?? []}
        pagination={{ pageSize: 20 }}
        onRow={() => ({ 'data-testid': 'account-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('admin.columns.name'), dataIndex: 'displayName' },
          { title: t('admin.columns.username'), dataIndex: 'username' },
          { title: t('admin.columns.role'), dataIndex: 'role', render: (role: ManagedUser['role']) => t(`role.${role}`) },
          { title: t('admin.columns.area'), dataIndex: 'areaCode', render: (code: string) => areaLabel(code) },
          { title: t('admin.columns.state'), dataIndex: 'active', render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('admin.active') : t('admin.inactive')}</Tag> },
          { title: t('admin.columns.lastSeen'), dataIndex: 'lastSeenAt', render: (at: string | null) => when(at) ?? t('admin.never') },
          {
            title: t('admin.columns.devices'),
            key: 'devices',
            render: (_: unknown, user) => (
              <Space orientation="vertical" size={4}>
                {user.devices.map((device) => (
                  <Space key={device.deviceId} size={8} data-testid="account-device">
                    <Typography.Text>{(device.deviceName ?? device.deviceId).slice(0, 24)} · {when(device.lastSeenAt)}</Typography.Text>
                    {device.revokedAt ? (
                      <Tag>{t('admin.deviceRevoked')}</Tag>
                    ) : (
                      <Popconfirm title={t('admin.revokeConfirm')} okText={t('admin.revokeDevice')} cancelText={t('common.cancel')}
                        onConfirm={() => run(() => revokeDevice(user.id, device.deviceId))}>
                        <Button size="small" danger data-testid="device-revoke">{t('admin.revokeDevice')}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ))}
              </Space>
            ),
          },
          {
            title: t('admin.columns.actions'),
            key: 'actions',
            render: (_: unknown, user) => (
              <Space>
                <Button size="small" onClick={() => askNewPassword(user)} data-testid="account-reset-password">{t('admin.resetPassword')}</Button>
                {user.active && (
                  <Popconfirm title={t('admin.deactivateConfirm')} okText={t('admin.deactivate')} cancelText={t('common.cancel')}
                    onConfirm={() => run(() => deactivate(user.id))}>
                    <Button size="small" danger data-testid="account-deactivate">{t('admin.deactivate')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {/* Mounted while open: each opening starts from the kept draft, if any. */}
      {creating && <CreateAccountModal creator={session.user} open onClose={() => setCreating(false)} onCreate={createUser} />}
    </Flex>
  );
}
