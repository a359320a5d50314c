import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../shared/areas';
import type { SessionUser } from '../../shared/auth/roles';
import { useAuth } from '../data';
import { TextSizeMenu } from './shell/TextSizeMenu';
import { WipeLocalData } from './WipeLocalData';

export interface UserInfoProps {
  user: SessionUser;
  onSignOut: () => void;
}

/**
 * Who is signed in: name, role in Chinese, area — and 锁定 (stepping away), 退出登录 (the
 * records stay on the laptop, encrypted, for this person) and 清除本机数据.
 */
export function UserInfo({ user, onSignOut }: UserInfoProps) {
  const { t } = useTranslation();
  const { lockNow } = useAuth();
  return (
    <Space size="middle" wrap aria-label={t('layout.userLabel')}>
      <Space size="small">
        <UserOutlined aria-hidden />
        <Typography.Text strong data-testid="user-name">
          {user.displayName}
        </Typography.Text>
      </Space>
      <Typography.Text data-testid="user-role">{t(`role.${user.role}`)}</Typography.Text>
      <Typography.Text data-testid="user-area">{areaLabel(user.areaCode)}</Typography.Text>
      <TextSizeMenu />
      <Button icon={<LockOutlined />} onClick={lockNow} data-testid="lock-now">
        {t('lock.lockNow')}
      </Button>
      <Button icon={<LogoutOutlined />} onClick={onSignOut} data-testid="sign-out">
        {t('layout.signOut')}
      </Button>
      <WipeLocalData />
    </Space>
  );
}
