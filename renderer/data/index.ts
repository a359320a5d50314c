/**
 * The renderer's data layer: everything UI components need, as hooks. Components never touch
 * RxDB or fetch directly, so storage and sync can change behind this file.
 */
export { AppDataProvider, useAuth } from './AppDataProvider';
export { useHouseholds, useHousehold, useVisits, useSaveHousehold, useSaveVisit } from './records';
export { useSyncStatus, useSyncNow } from './syncStatus';
export type { AppSession, SignInInput, SignInResult, SignInFailure, SyncStatus } from './types';
