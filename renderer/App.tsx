import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLayoutEffect, useState } from 'react';
import { createHashRouter, Navigate, Outlet, Route, RouterProvider, Routes } from 'react-router';
import { textSizePx, useAuth, useTextSize } from './data';
import { AppLayout } from './ui/AppLayout';
import { LockScreen } from './ui/LockScreen';
import { LoginPage } from './ui/LoginPage';
import { TodayPage } from './ui/today/TodayPage';
import {
  ApplicationDetailPage,
  ApplicationListPage,
  ApplicationSummaryPrintPage,
  ApprovalFormPrintPage,
  CareNeedEditPage,
  CareNeedListPage,
  CareNeedNewPage,
  DashboardPage,
  EditApplicationPage,
  EndOfDayPage,
  HouseholdDetailPage,
  HouseholdFormPage,
  HouseholdListPage,
  MissingItemsNoticePrintPage,
  NewApplicationPage,
  PledgePrintPage,
  AcceptanceReceiptPrintPage,
  PolicyPage,
  PublicNoticeListPrintPage,
  RefusalNoticePrintPage,
  RosterPage,
  SyncCentrePage,
  UserAdminPage,
  VisitFormPage,
  VisitRecordPrintPage,
} from './ui/shell/lazyPages';
import { AppErrorBoundary } from './ui/shell/AppErrorBoundary';
import { PageFrame } from './ui/shell/PageFrame';
import { appTheme } from './ui/shell/theme';
import { usePrefersReducedMotion } from './ui/usePrefersReducedMotion';

dayjs.locale('zh-cn');

/** Signed in: the app's pages inside the layout. Hash routes work from app:// and a plain web server. */
function SignedInRoutes() {
  return (
    <Routes>
      {/* Printed forms stand alone: no menu or header on the page, nor on paper. */}
      <Route element={<PageFrame><Outlet /></PageFrame>}>
        <Route path="print/visits/:id" element={<VisitRecordPrintPage />} />
        <Route path="print/applications/:id/missing-items" element={<MissingItemsNoticePrintPage />} />
        <Route path="print/applications/:id/pledge" element={<PledgePrintPage />} />
        <Route path="print/applications/:id/receipt" element={<AcceptanceReceiptPrintPage />} />
        <Route path="print/applications/:id/summary" element={<ApplicationSummaryPrintPage />} />
        <Route path="print/applications/:id/approval-form" element={<ApprovalFormPrintPage />} />
        <Route path="print/applications/:id/refusal-notice" element={<RefusalNoticePrintPage />} />
        <Route path="print/public-notice/:villageCode" element={<PublicNoticeListPrintPage />} />
      </Route>
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

export function App() {
  const reducedMotion = usePrefersReducedMotion();
  const [router] = useState(makeRouter);
  const basePx = textSizePx[useTextSize().size];
  // 字号 for what antd does not draw (the few sizes written as rem in the pages).
  useLayoutEffect(() => {
    document.documentElement.style.fontSize = `${basePx}px`;
  }, [basePx]);
  return (
    // autoInsertSpace off: antd would show 保存 as "保 存", which also changes the button's accessible name.
    <ConfigProvider locale={zhCN} theme={appTheme(basePx, reducedMotion)} componentSize="large" button={{ autoInsertSpace: false }}>
      <AntApp>
        <AppErrorBoundary>
          {/* Navigations are not transitions: a page still loading its code shows 加载中 at once,
              rather than the page just left staying on screen (and editable) meanwhile. */}
          <RouterProvider router={router} useTransitions={false} />
        </AppErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
