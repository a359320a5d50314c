import {
  BarChartOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  HeartOutlined,
  HomeOutlined,
  SlidersOutlined,
  SolutionOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../data';
import { menuKeyMatches, useApplicationMenuItems } from './applications/applicationMenu';

/** The left menu by role (ui.md): 今日 · 家庭 · 申请 · (待办审核 / 审核确认 / 照料需求) · 同步中心. */
export function AppMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const applicationItems = useApplicationMenuItems();
  const role = useAuth().session?.user.role;
  const items: MenuProps['items'] = [
    { key: '/today', icon: <CalendarOutlined />, label: <span data-testid="menu-today">{t('layout.menu.today')}</span> },
    { key: '/households', icon: <HomeOutlined />, label: t('layout.menu.households') },
    ...applicationItems,
    // 照料需求: the social worker's own work; the township station may look.
    ...(role === 'social_worker' || role === 'township'
      ? [{ key: '/care-needs', icon: <HeartOutlined />, label: <span data-testid="menu-care-needs">{t('careNeed.menu')}</span> }]
      : []),
    // 统计: townships, counties and the city (ui.md).
    ...(role === 'township' || role === 'county' || role === 'city'
      ? [{ key: '/dashboard', icon: <BarChartOutlined />, label: <span data-testid="menu-dashboard">{t('dashboard.menu')}</span> }]
      : []),
    // 花名册: who is paid what this month, for the township and the county (B1 art. 31-33).
    ...(role === 'township' || role === 'county'
      ? [{ key: '/roster', icon: <SolutionOutlined />, label: <span data-testid="menu-roster">{t('caseLife.roster.menu')}</span> }]
      : []),
    // 今日汇总: the township's end-of-day report (from the server); counties and the city may look too.
    ...(role === 'township' || role === 'county' || role === 'city'
      ? [{ key: '/end-of-day', icon: <FileDoneOutlined />, label: <span data-testid="menu-end-of-day">{t('endOfDay.menu')}</span> }]
      : []),
    // 政策参数: the figures the county owns; the city sets them for any county or city-wide.
    ...(role === 'county' || role === 'city'
      ? [{ key: '/policies', icon: <SlidersOutlined />, label: <span data-testid="menu-policies">{t('policies.menu')}</span> }]
      : []),
    // 账号管理: townships and counties manage the accounts below them.
    ...(role === 'township' || role === 'county' || role === 'city' || role === 'admin'
      ? [{ key: '/admin/users', icon: <TeamOutlined />, label: <span data-testid="menu-admin">{t('admin.menu')}</span> }]
      : []),
    { key: '/sync-centre', icon: <SyncOutlined />, label: <span data-testid="menu-sync-centre">{t('layout.menu.syncCenter')}</span> },
  ];
  const selected = items.flatMap((item) =>
    item && typeof item.key === 'string' && menuKeyMatches(item.key, pathname, search) ? [item.key] : [],
  );
  return (
    <nav aria-label={t('layout.navLabel')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected}
        onClick={({ key }) => navigate(key)}
        style={{ borderInlineEnd: 'none', fontSize: '1.0625rem' }}
      />
    </nav>
  );
}
