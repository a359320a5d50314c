import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { useAuth } from './data';
import { AppLayout } from './ui/AppLayout';
import { LoginPage } from './ui/LoginPage';
import { HouseholdDetailPage } from './ui/households/HouseholdDetailPage';
import { HouseholdFormPage } from './ui/households/HouseholdFormPage';
import { HouseholdListPage } from './ui/households/HouseholdListPage';
import { VisitFormPage } from './ui/visits/VisitFormPage';

dayjs.locale('zh-cn');

/** Base 16 px text and darker secondary text: read on old screens, sometimes in the sun. */
const theme: ThemeConfig = {
  token: {
    fontSize: 16,
    colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
  },
};

/** Signed in: the app's pages inside the layout. Hash routes work from app:// and a plain web server. */
function SignedInRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/households" replace />} />
        <Route path="households" element={<HouseholdListPage />} />
        <Route path="households/new" element={<HouseholdFormPage />} />
        <Route path="households/:id" element={<HouseholdDetailPage />} />
        <Route path="households/:id/edit" element={<HouseholdFormPage />} />
        <Route path="households/:id/visits/new" element={<VisitFormPage />} />
        <Route path="*" element={<Navigate to="/households" replace />} />
      </Route>
    </Routes>
  );
}

function Screens() {
  const { session } = useAuth();
  return session ? <SignedInRoutes /> : <LoginPage />;
}

export function App() {
  return (
    // autoInsertSpace off: antd would show 保存 as "保 存", which also changes the button's accessible name.
    <ConfigProvider locale={zhCN} theme={theme} componentSize="large" button={{ autoInsertSpace: false }}>
      <AntApp>
        <HashRouter>
          <Screens />
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}
