/**
 * The renderer's data layer: everything UI components need, as hooks. Components never touch
 * RxDB or fetch directly, so storage and sync can change behind this file.
 */
export { AppDataProvider, useAuth, useWorkspace } from './AppDataProvider';
export {
  useHouseholds,
  useHousehold,
  useVisits,
  useAllVisits,
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
export { ActionRefusedError, type ActionInput } from './applicationRecords';
export { useCareNeeds, useCareNeed, useSaveCareNeed } from './careNeeds';
export { usePolicy, usePrograms, useUserNames } from './reference';
export { useDraft } from './drafts';
export { useSyncStatus, useSyncNow } from './syncStatus';
export type { AppSession, SignInInput, SignInResult, SignInFailure, SyncStatus } from './types';
export { useOpenConflicts, useConflictActions } from './conflictActions';
