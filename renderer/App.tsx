import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { createHashRouter, Navigate, Route, RouterProvider, Routes } from 'react-router';
import { useAuth } from './data';
import { AppLayout } from './ui/AppLayout';
import { CareNeedEditPage, CareNeedNewPage } from './ui/careNeeds/CareNeedFormPage';
import { CareNeedListPage } from './ui/careNeeds/CareNeedListPage';
import { DashboardPage } from './ui/dashboard/DashboardPage';
import { RosterPage } from './ui/caseLife/RosterPage';
import { EndOfDayPage } from './ui/endOfDay/EndOfDayPage';
import { LockScreen } from './ui/LockScreen';
import { LoginPage } from './ui/LoginPage';
import { SyncCentrePage } from './ui/syncCentre/SyncCentrePage';
import { UserAdminPage } from './ui/admin/UserAdminPage';
import { PolicyPage } from './ui/policies/PolicyPage';
import { ApplicationDetailPage } from './ui/applications/ApplicationDetailPage';
import { EditApplicationPage, NewApplicationPage } from './ui/applications/ApplicationFormPage';
import { ApplicationListPage } from './ui/applications/ApplicationListPage';
import { HouseholdDetailPage } from './ui/households/HouseholdDetailPage';
import { HouseholdFormPage } from './ui/households/HouseholdFormPage';
import { HouseholdListPage } from './ui/households/HouseholdListPage';
import { TodayPage } from './ui/today/TodayPage';
import { VisitFormPage } from './ui/visits/VisitFormPage';
import { ApplicationSummaryPrintPage } from './ui/print/ApplicationSummaryPrintPage';
import { ApprovalFormPrintPage } from './ui/print/ApprovalFormPrintPage';
import { MissingItemsNoticePrintPage } from './ui/print/MissingItemsNoticePrintPage';
import { PledgePrintPage } from './ui/print/PledgePrintPage';
import { PublicNoticeListPrintPage } from './ui/print/PublicNoticeListPrintPage';
import { RefusalNoticePrintPage } from './ui/print/RefusalNoticePrintPage';
import { VisitRecordPrintPage } from './ui/print/VisitRecordPrintPage';
import { usePrefersReducedMotion } from './ui/usePrefersReducedMotion';

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
      {/* Printed forms stand alone: no menu or header on the page, nor on paper. */}
      <Route path="print/visits/:id" element={<VisitRecordPrintPage />} />
      <Route path="print/applications/:id/missing-items" element={<MissingItemsNoticePrintPage />} />
      <Route path="print/applications/:id/pledge" element={<PledgePrintPage />} />
      <Route path="print/applications/:id/summary" element={<ApplicationSummaryPrintPage />} />
      <Route path="print/applications/:id/approval-form" element={<ApprovalFormPrintPage />} />
      <Route path="print/applications/:id/refusal-notice" element={<RefusalNoticePrintPage />} />
      <Route path="print/public-notice/:villageCode" element={<PublicNoticeListPrintPage />} />
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/today" replace />} />
        <Route path="today" element={<TodayPage />} />
        <Route path="households" element={<HouseholdListPage />} />
        <Route path="households/new" element={<HouseholdFormPage />} />
        <Route path="households/:id" element={<HouseholdDetailPage />} />
        <Route path="households/:id/edit" element={<HouseholdFormPage />} />
        <Route path="households/:id/visits/new" element={<VisitFormPage />} />
        <Route path="households/:id/care-needs/new" element={<CareNeedNewPage />} />
        <Route path="care-needs" element={<CareNeedListPage />} />
        <Route path="care-needs/:id" element={<CareNeedEditPage />} />
        <Route path="households/:id/applications/new" element={<NewApplicationPage />} />
        <Route path="applications" element={<ApplicationListPage />} />
        <Route path="applications/:id" element={<ApplicationDetailPage />} />
        <Route path="applications/:id/edit" element={<EditApplicationPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="roster" element={<RosterPage />} />
        <Route path="end-of-day" element={<EndOfDayPage />} />
        <Route path="sync-centre" element={<SyncCentrePage />} />
        <Route path="admin/users" element={<UserAdminPage />} />
        <Route path="policies" element={<PolicyPage />} />
        <Route path="*" element={<Navigate to="/today" replace />} />
      </Route>
    </Routes>
  );
}

function Screens() {
  const { session, locked } = useAuth();
  if (!session) return <LoginPage />;
  return (
    <>
      {/* Kept mounted while locked, so an open form is exactly as it was after unlocking; the lock
          screen hides it from sight, keyboard and screen readers meanwhile. */}
      <SignedInRoutes />
      {locked && <LockScreen />}
    </>
  );
}

/**
 * Every path is matched by `SignedInRoutes` (or the sign-in page); the router is a data router
 * only so that a form with unsaved changes can ask before the app leaves it (`useBlocker`).
 */
function makeRouter() {
  return createHashRouter([{ path: '*', element: <Screens /> }]);
}

const stillTheme: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };

export function App() {
  const reducedMotion = usePrefersReducedMotion();
  const [router] = useState(makeRouter);
  return (
    // autoInsertSpace off: antd would show 保存 as "保 存", which also changes the button's accessible name.
    <ConfigProvider locale={zhCN} theme={reducedMotion ? stillTheme : theme} componentSize="large" button={{ autoInsertSpace: false }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
