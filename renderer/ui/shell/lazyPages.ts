import { lazy, type ComponentType } from 'react';

/**
 * Every page but the sign-in page, the lock screen and 今日 loads on its first visit (code
 * splitting): starting the app parses only what 今日 needs, not the dashboard's ECharts, the
 * print pages or the forms. A page's chunk comes from the app's own files (app:// on the
 * desktop, the service worker's cache offline in a browser: renderer/public/sw.js keeps them all).
 */
const lazyPage = <M extends Record<K, ComponentType>, K extends string>(load: () => Promise<M>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

export const HouseholdListPage = lazyPage(() => import('../households/HouseholdListPage'), 'HouseholdListPage');
export const HouseholdFormPage = lazyPage(() => import('../households/HouseholdFormPage'), 'HouseholdFormPage');
export const HouseholdDetailPage = lazyPage(() => import('../households/HouseholdDetailPage'), 'HouseholdDetailPage');
export const VisitFormPage = lazyPage(() => import('../visits/VisitFormPage'), 'VisitFormPage');
export const CareNeedNewPage = lazyPage(() => import('../careNeeds/CareNeedFormPage'), 'CareNeedNewPage');
export const CareNeedEditPage = lazyPage(() => import('../careNeeds/CareNeedFormPage'), 'CareNeedEditPage');
export const CareNeedListPage = lazyPage(() => import('../careNeeds/CareNeedListPage'), 'CareNeedListPage');
export const NewApplicationPage = lazyPage(() => import('../applications/ApplicationFormPage'), 'NewApplicationPage');
export const EditApplicationPage = lazyPage(() => import('../applications/ApplicationFormPage'), 'EditApplicationPage');
export const ApplicationListPage = lazyPage(() => import('../applications/ApplicationListPage'), 'ApplicationListPage');
export const ApplicationDetailPage = lazyPage(() => import('../applications/ApplicationDetailPage'), 'ApplicationDetailPage');
export const DashboardPage = lazyPage(() => import('../dashboard/DashboardPage'), 'DashboardPage');
export const RosterPage = lazyPage(() => import('../caseLife/RosterPage'), 'RosterPage');
export const EndOfDayPage = lazyPage(() => import('../endOfDay/EndOfDayPage'), 'EndOfDayPage');
export const SyncCentrePage = lazyPage(() => import('../syncCentre/SyncCentrePage'), 'SyncCentrePage');
export const UserAdminPage = lazyPage(() => import('../admin/UserAdminPage'), 'UserAdminPage');
export const PolicyPage = lazyPage(() => import('../policies/PolicyPage'), 'PolicyPage');
export const VisitRecordPrintPage = lazyPage(() => import('../print/VisitRecordPrintPage'), 'VisitRecordPrintPage');
export const MissingItemsNoticePrintPage = lazyPage(() => import('../print/MissingItemsNoticePrintPage'), 'MissingItemsNoticePrintPage');
export const PledgePrintPage = lazyPage(() => import('../print/PledgePrintPage'), 'PledgePrintPage');
export const ApplicationSummaryPrintPage = lazyPage(() => import('../print/ApplicationSummaryPrintPage'), 'ApplicationSummaryPrintPage');
export const ApprovalFormPrintPage = lazyPage(() => import('../print/ApprovalFormPrintPage'), 'ApprovalFormPrintPage');
export const RefusalNoticePrintPage = lazyPage(() => import('../print/RefusalNoticePrintPage'), 'RefusalNoticePrintPage');
export const PublicNoticeListPrintPage = lazyPage(() => import('../print/PublicNoticeListPrintPage'), 'PublicNoticeListPrintPage');
