import { AuditOutlined, FileTextOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../data';

type MenuItems = NonNullable<MenuProps['items']>;

/** 申请 (协理员, 乡镇), 待办审核 (乡镇) and 审核确认 (县) in the left menu. */
export function useApplicationMenuItems(): MenuItems {
  const { t } = useTranslation();
  const { session } = useAuth();
  const role = session?.user.role;
  const items: MenuItems = [];
  if (role === 'assistant' || role === 'township') {
    items.push({ key: '/applications', icon: <FileTextOutlined />, label: <span data-testid="menu-applications">{t('application.menu.list')}</span> });
  }
  if (role === 'township') {
    items.push({
      key: '/applications?queue=township',
      icon: <AuditOutlined />,
      label: <span data-testid="menu-township-queue">{t('application.menu.townshipQueue')}</span>,
    });
  }
  if (role === 'county') {
    items.push({
      key: '/applications?queue=county',
      icon: <SafetyCertificateOutlined />,
      label: <span data-testid="menu-county-queue">{t('application.menu.countyQueue')}</span>,
    });
  }
  return items;
}

/**
 * Whether a menu key is the page shown: a key with a query (…?queue=township) must match the
 * query too; a plain key matches its path and what lies below it, when no queue is asked for.
 */
export function menuKeyMatches(key: string, pathname: string, search: string): boolean {
  const [path = '', query] = key.split('?');
  if (!pathname.startsWith(path)) return false;
  const queue = new URLSearchParams(search).get('queue');
  if (query === undefined) return queue === null;
  return new URLSearchParams(query).get('queue') === queue;
}
