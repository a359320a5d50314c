/**
 * The renderer's data layer: everything UI components need, as hooks. Components never touch
 * RxDB or fetch directly, so storage and sync can change behind this file.
 */
export { AppDataProvider, useAuth, useWorkspace } from './AppDataProvider';
export {
  useHouseholdPage,
  useMatchingHouseholds,
  useHousehold,
  useVisits,
  useSaveHousehold,
  useSaveVisit,
  useArchiveHousehold,
  type HouseholdSearch,
} from './records';
export {
  useApplications,
  useApplication,
  useCreateApplication,
  useUpdateApplication,
  useApplyAction,
  type ApplicationFilter,
} from './applications';
export { useHouseholdSummaries, useHouseholdsByIds, useReadHouseholds, type HouseholdSummary } from './householdSummaries';
export { useLatestVisits, type LatestVisits, type VisitDates } from './visitIndex';
export { type ActionInput } from './applicationRecords';
export { ActionRefusedError, WriteRefusedError } from './refusals';
export { useCareNeeds, useCareNeed, useSaveCareNeed } from './careNeeds';
export { usePolicy, usePrograms, useUserNames } from './reference';
export { useDraft } from './drafts';
export { useSyncStatus, useSyncNow, useCollectionSyncStatus } from './syncStatus';
export type { AppSession, SignInInput, SignInResult, SignInFailure, SyncStatus, CollectionSyncStatus } from './types';
export type { ConflictRecord } from './sync/conflicts';
export { useOpenConflicts, useConflictActions } from './conflictActions';
export { useArrivalsToday, type VillageArrivals } from './arrivals';
export { useManagedUsers, adminErrorKey, type ManagedUser, type NewAccount } from './admin';
export { useDashboardFigures, useScope as useDashboardScope, type FigureSource, type DashboardFiguresResult } from './stats';
export { useBundles, NoBundleKeysError, type ImportResult } from './bundles';
