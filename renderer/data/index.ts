/**
 * The renderer's data layer: everything UI components need, as hooks. Components never touch
 * RxDB or fetch directly, so storage and sync can change behind this file.
 */
export { AppDataProvider, useAuth, useWorkspace } from './hooks/AppDataProvider';
export { useHouseholdPage, useMatchingHouseholds, useHousehold, useSaveHousehold, useArchiveHousehold } from './hooks/households';
export type { HouseholdSearch } from './households/householdSearch';
export { useVisits, useSaveVisit, useLatestVisits } from './hooks/visits';
export { isLaterVisit, type LatestVisits, type VisitDates } from './visits/visitIndex';
export {
  useApplications,
  useApplication,
  useCreateApplication,
  useUpdateApplication,
  useApplyAction,
  type ApplicationFilter,
} from './hooks/applications';
export { useHouseholdSummaries, useHouseholdsByIds, useReadHouseholds } from './hooks/householdSummaries';
export type { HouseholdSummary } from './households/householdSummaries';
export { type ActionInput } from './applications/applicationRecords';
export { ActionRefusedError, WriteRefusedError } from './core/refusals';
export { useCareNeeds, useCareNeed, useSaveCareNeed } from './hooks/careNeeds';
export { usePolicy, usePrograms, useUserNames } from './hooks/reference';
export { useDraft } from './hooks/drafts';
export { useSyncStatus, useSyncNow, useCollectionSyncStatus } from './hooks/syncStatus';
export type { AppSession, SignInInput, SignInResult, SignInFailure, SyncStatus, CollectionSyncStatus } from './core/types';
export type { ConflictRecord } from './core/sync/conflicts';
export { useOpenConflicts, useConflictActions } from './hooks/conflicts';
export { useArrivalsToday, type VillageArrivals } from './hooks/arrivals';
export { useManagedUsers, adminErrorKey, type ManagedUser, type NewAccount } from './hooks/admin';
export { useDashboardFigures, useScope as useDashboardScope, type FigureSource, type DashboardFiguresResult } from './hooks/stats';
export { useBundles } from './hooks/bundles';
export { NoBundleKeysError, type ImportResult } from './core/sync/bundles';
