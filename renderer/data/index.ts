/**
 * The renderer's data layer, and its one door: everything UI components need, as hooks (and the
 * few plain values, errors and types that go with them). Components import this file only, never
 * a file behind it and never RxDB, so storage and sync can change behind it (eslint.config.js).
 *
 * Behind it, in floors (ARCHITECTURE.md): hooks/ (React) → households/, visits/, applications/,
 * careNeeds/, attachments/ (each record kind's writes, queries and indexes) → core/ (database,
 * workspace, keys, sign-in, the write path, sync).
 */

// Sign-in, the session and the signed-in user's workspace
export { AppDataProvider, useAuth, useWorkspace } from './hooks/AppDataProvider';
export type { AppSession, SignInInput, SignInResult, SignInFailure, SyncStatus, CollectionSyncStatus } from './core/types';
export { ActionRefusedError, WriteRefusedError } from './core/refusals';
export { useDraft } from './hooks/drafts';
export { useServerReach } from './hooks/serverReach';
export type { ServerReach } from './core/serverProbe';

// Households
export { useHouseholdPage, useMatchingHouseholds, useHousehold, useIdNumberHolder, useSaveHousehold, useArchiveHousehold, useSetHouseholdResidence } from './hooks/households';
export type { HouseholdSearch } from './households/householdSearch';
export { useHouseholdSummaries, useHouseholdsByIds, useReadHouseholds } from './hooks/householdSummaries';
export type { HouseholdSummary } from './households/householdSummaries';

// Visits
export { useVisits, useVisit, useSaveVisit, useLatestVisits } from './hooks/visits';
export { isLaterVisit, type LatestVisits, type VisitDates } from './visits/visitIndex';

// Applications and care needs
export {
  useApplications,
  useApplicationSummaries,
  useApplication,
  useCreateApplication,
  useUpdateApplication,
  useApplyAction,
  useRevokeTrackingCode,
  useRecordVerification,
  useGrantEmergency,
  useRenewRecognition,
  type ApplicationFilter,
} from './hooks/applications';
export { type EmergencyGrantInput, type VerificationInput } from './applications/programmeRecords';
export { type ActionInput } from './applications/applicationRecords';
export { useChangeBenefit, useRecordReview, useApprovedApplications } from './hooks/benefits';
export { useCareNeeds, useCareNeed, useSaveCareNeed } from './hooks/careNeeds';

// Attachments (附件): photos, scanned certificates, bills and signatures kept with a record
export {
  useAttachmentsOf,
  useUploadProgress,
  useFileHeld,
  useSaveAttachment,
  useRemoveAttachment,
  useAttachmentUrl,
  type AttachmentView,
} from './hooks/attachments';
export { FileRefusedError, type NewAttachment } from './attachments/attachmentRecords';
export { checkPickedFile, imageScaling, isPicture, scaledSize, type FileProblem } from './attachments/limits';
export type { UploadProgress, UploadPhase } from './core/files/uploadQueue';

// Reference data
export { usePolicies, usePrograms, useUserNames } from './hooks/reference';
export { policyErrorKey, useSetPolicyPeriod } from './hooks/policies';
export { useCountyPolicyRecords } from './hooks/policyRecords';

// Sync, conflicts and USB bundles
export { useSyncStatus, useSyncNow, useCollectionSyncStatus, useFirstSyncProgress } from './hooks/syncStatus';
export { arrivedOf, remainingOf, type KindProgress, type FirstSyncProgress, type FirstSyncSummary } from './core/sync/firstSyncProgress';
export type { ConflictRecord } from './core/sync/conflicts';
export { useOpenConflicts, useConflictActions } from './hooks/conflicts';
export { useBundles } from './hooks/bundles';
export { NoBundleKeysError, type ImportResult } from './core/sync/bundles';
export { useServerKind, useHandedToRelay, useAwaitingCounty, useRelayWaitingByVillage, type HandedToRelay } from './hooks/relay';
export type { ServerKind } from './core/sync/relayLink';
export type { RelayRefusal } from './core/sync/relayBatches';
export { UsbExportError, UsbImportError, type UsbExportProgress, type UsbExportResult, type UsbImportStep, type UsbWriteProblem } from './core/sync/usbTransfer';

// 导出Excel and 打印: workbook writing, saving, and the audit record of each
export { useExportSheet, useRecordPrint, type AuditScope } from './hooks/exports';
export { SaveFailedError } from './core/exports/offerFile';
export { platform, type Platform } from './core/platform';

// Figures and reports
export { useArrivalsToday, type VillageArrivals } from './hooks/arrivals';
export { useDashboardFigures, useScope as useDashboardScope, type FigureSource, type DashboardFiguresResult } from './hooks/stats';
export { useEndOfDayReport, type EndOfDayState, type EndOfDayError } from './hooks/endOfDay';
export { useStatusCheckAddress } from './hooks/statusCheck';

// Account administration (online only)
export { useManagedUsers, adminErrorKey, type ManagedUser, type NewAccount } from './hooks/admin';
export { useAccountImport, SheetHeaderError, TooManyRowsError, UnreadableSheetError, type AccountImportResult } from './hooks/accountImport';

// The app shell: the in-memory app log, 导出诊断信息, and the per-user 字号
export { recordAppEvent, pagePattern, watchUncaughtErrors } from './core/diagnostics/appLog';
export { forwardAppLogToHost } from './core/diagnostics/hostLog';
export { exportDiagnostics, APP_VERSION, type CaughtError } from './core/diagnostics/diagnosticsReport';
export { useTextSize } from './hooks/textSize';
export { textSizes, textSizePx, type TextSize } from './core/textSize';
