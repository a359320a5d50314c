import { householdIdHashes } from '../../shared/domain/idHash';
import { checkHistoryStep } from '../../shared/rules/applicationStatus';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import type { SyncedCollection } from '../../shared/sync/collections';
import type { Caller } from '../auth/caller';
import { HttpError } from '../http/errors';
import type { Doc, WriteGuard } from './documentStore';

/**
 * An application's status moves only as the status machine allows the caller's role, and its
 * history is append-only: the same check the app makes, made again where it cannot be skipped.
 */
function applicationGuard(caller: Caller): WriteGuard {
  return (master, next) => {
    const previous = master as Pick<Application, 'status' | 'history'> | null;
    const application = next as Application;
    const step = checkHistoryStep(previous, application, caller.role);
    if (!step.ok) {
      throw new HttpError(403, step.code, `${step.message}；本批次未保存`, { ids: [application.id], code: step.code });
    }
    // The status machine checks roles; only the server knows who is really calling.
    const appended = application.history.slice(previous?.history.length ?? 0);
    if (appended.some((entry) => entry.byUserId !== caller.userId)) {
      throw new HttpError(403, 'history_not_yours', '申请记录中的办理人与当前用户不符；本批次未保存', {
        ids: [application.id],
      });
    }
  };
}

/** ID hashes must be the real ones, or a search by ID number would find the wrong household. */
function householdGuard(searchKey: string): WriteGuard {
  return async (_master, next) => {
    const household = next as Household;
    if (household.idHashes === undefined) return;
    const expected = await householdIdHashes(searchKey, household.members);
    if (expected.length !== household.idHashes.length || expected.some((h, i) => h !== household.idHashes?.[i])) {
      throw new HttpError(422, 'invalid_document', '身份证号检索码与成员不符，本批次未保存', {
        problems: [{ id: household.id, field: 'idHashes', message: 'does not match the members’ ID numbers' }],
      });
    }
  };
}

export function writeGuardFor(collection: SyncedCollection, caller: Caller, searchKey: string): WriteGuard | undefined {
  if (collection === 'applications') return applicationGuard(caller);
  if (collection === 'households') return householdGuard(searchKey);
  return undefined;
}

export type { Doc };
