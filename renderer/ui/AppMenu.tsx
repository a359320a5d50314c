import { HomeOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/**
 * The left menu. For now only 家庭; 今日 · 走访 · 申请 · 同步中心 (and the township/county
 * entries) join as their pages are built — `layout.menu.*` already holds their names.
 */
export function AppMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items: MenuProps['items'] = [
    { key: '/households', icon: <HomeOutlined />, label: t('layout.menu.households') },
  ];
  const selected = items.flatMap((item) =>
    item && typeof item.key === 'string' && pathname.startsWith(item.key) ? [item.key] : [],
  );
  return (
    <nav aria-label={t('layout.navLabel')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected}
        onClick={({ key }) => navigate(key)}
        style={{ borderInlineEnd: 'none', fontSize: 17 }}
      />
    </nav>
  );
}
