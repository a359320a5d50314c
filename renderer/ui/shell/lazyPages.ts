import { lazy, type ComponentType } from 'react';

/**
 * The pages that bring heavy code of their own — the dashboard's ECharts, the print pages, the
 * roster, the end-of-day report, the sync centre, accounts and policy figures — load on their
 * first visit (code splitting): starting the app parses none of them. A page's chunk comes from
 * the app's own files (app:// on the desktop, the service worker's cache offline in a browser:
 * renderer/public/sw.js keeps them all).
 *
 * The record pages (households, visits, applications, care needs, their forms) are in the main
 * chunk: loaded lazily, a form just saved could be drawn again with its cleared draft restored
 * when one came back to it while the next page's code was still loading (tests/e2e/drafts.spec.ts
 * failed so about one run in three; cause not found, see the issue note).
 */
export { HouseholdListPage } from '../households/HouseholdListPage';
export { HouseholdFormPage } from '../households/HouseholdFormPage';
export { HouseholdDetailPage } from '../households/HouseholdDetailPage';
export { VisitFormPage } from '../visits/VisitFormPage';
export { CareNeedNewPage } from '../careNeeds/CareNeedFormPage';
export { CareNeedEditPage } from '../careNeeds/CareNeedFormPage';
export { CareNeedListPage } from '../careNeeds/CareNeedListPage';
export { NewApplicationPage } from '../applications/ApplicationFormPage';
export { EditApplicationPage } from '../applications/ApplicationFormPage';
export { ApplicationListPage } from '../applications/ApplicationListPage';
export { ApplicationDetailPage } from '../applications/ApplicationDetailPage';

const lazyPage = <M extends Record<K, ComponentType>, K extends string>(load: () => Promise<M>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

export const DashboardPage = lazyPage(() => import('../dashboard/DashboardPage'), 'DashboardPage');
export const RosterPage = lazyPage(() => import('../caseLife/RosterPage'), 'RosterPage');
export const EndOfDayPage = lazyPage(() => import('../endOfDay/EndOfDayPage'), 'EndOfDayPage');
export const SyncCentrePage = lazyPage(() => import('../syncCentre/SyncCentrePage'), 'SyncCentrePage');
export const UserAdminPage = lazyPage(() => import('../admin/UserAdminPage'), 'UserAdminPage');
export const PolicyPage = lazyPage(() => import('../policies/PolicyPage'), 'PolicyPage');
export const VisitRecordPrintPage = lazyPage(() => import('../print/VisitRecordPrintPage'), 'VisitRecordPrintPage');
export const MissingItemsNoticePrintPage = lazyPage(() => import('../print/MissingItemsNoticePrintPage'), 'MissingItemsNoticePrintPage');
export const PledgePrintPage = lazyPage(() => import('../print/PledgePrintPage'), 'PledgePrintPage');
export const AcceptanceReceiptPrintPage = lazyPage(() => import('../print/AcceptanceReceiptPrintPage'), 'AcceptanceReceiptPrintPage');
export const ApplicationSummaryPrintPage = lazyPage(() => import('../print/ApplicationSummaryPrintPage'), 'ApplicationSummaryPrintPage');
export const ApprovalFormPrintPage = lazyPage(() => import('../print/ApprovalFormPrintPage'), 'ApprovalFormPrintPage');
export const RefusalNoticePrintPage = lazyPage(() => import('../print/RefusalNoticePrintPage'), 'RefusalNoticePrintPage');
export const PublicNoticeListPrintPage = lazyPage(() => import('../print/PublicNoticeListPrintPage'), 'PublicNoticeListPrintPage');
