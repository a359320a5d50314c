import { Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useAuth } from '../data';
import { AppMenu } from './AppMenu';
import { FirstSyncBanner } from './FirstSyncBanner';
import { useConfirmSignOut } from './drafts/useLeaveGuard';
import { OfflineBanner } from './OfflineBanner';
import { PageFrame } from './shell/PageFrame';
import { SyncIndicator } from './SyncIndicator';
import { UserInfo } from './UserInfo';

/** The frame around every signed-in page: menu on the left, who/where/sync state on top. */
export function AppLayout() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  // A form with unsaved changes asks first; its draft stays, sealed, for the next sign-in.
  const confirmSignOut = useConfirmSignOut(() => void signOut());
  if (!session) return null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={180} breakpoint="md" collapsedWidth={0} theme="light" style={{ borderInlineEnd: '1px solid #e5e5e5' }}>
        <Typography.Title level={3} style={{ padding: '16px 24px', margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <AppMenu />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            height: 'auto',
            lineHeight: 1.5,
            padding: '12px 24px',
            display: 'flex',
            flexWrap: 'wrap',
            gap: 16,
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #e5e5e5',
          }}
        >
          <SyncIndicator />
          <UserInfo user={session.user} onSignOut={confirmSignOut} />
        </Layout.Header>
        {session.offline && <OfflineBanner />}
        <FirstSyncBanner />
        <Layout.Content style={{ padding: 24 }}>
          <PageFrame>
            <Outlet />
          </PageFrame>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
