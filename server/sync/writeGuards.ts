import { chinaToday } from '../../shared/domain/chinaTime';
import { requirementInputOf, stepRequirements } from '../../shared/rules/actionRequirements';
import { checkHistoryStep, type ApplicationHistoryEntry } from '../../shared/rules/applicationStatus';
import { futureDateProblems } from '../../shared/rules/recordDates';
import type { Application } from '../../shared/schemas/application';
import type { SyncedCollection } from '../../shared/sync/collections';
import { checkWrite } from '../../shared/sync/writeCheck';
import type { Caller } from '../auth/caller';
import { HttpError } from '../http/errors';
import { deriveHouseholdFields } from '../search/searchKeys';
import type { Doc, PushRules, StoredWrite } from '../storage/storedWrite';

interface Problem {
  field: string;
  message: string;
}

const refuse = (status: 403 | 422, code: string, id: string, problems: Problem[]) =>
  new HttpError(status, code, `${problems[0]?.message ?? '不允许的修改'}；本批次未保存`, {
    ids: [id],
    problems: problems.map((problem) => ({ id, ...problem })),
  });

/**
 * An application's status moves only as the status machine allows the caller's role, its history
 * is append-only, and every appended step is signed by the caller: the same check the app makes,
 * made again where it cannot be skipped.
 */
function checkApplicationPath(caller: Caller, previous: Doc | null, next: Doc): void {
  const before = previous as Pick<Application, 'status' | 'history'> | null;
  const application = next as Application;
  const step = checkHistoryStep(before, application, caller.role);
  if (!step.ok) {
    throw new HttpError(403, step.code, `${step.message}；本批次未保存`, { ids: [application.id], code: step.code });
  }
  // The status machine checks roles; only the server knows who is really calling.
  const appended = application.history.slice(before?.history.length ?? 0);
  if (appended.some((entry) => entry.byUserId !== caller.userId)) {
    throw new HttpError(403, 'history_not_yours', '申请记录中的办理人与当前用户不符；本批次未保存', { ids: [application.id] });
  }
}

/** What B1 asks for at each step the push takes (two investigators, an amount, a reason, a full 公示 …). */
function stepProblems(previous: Doc | null, next: Doc, today: string): Problem[] {
  const application = next as Application;
  const appended: ApplicationHistoryEntry[] = application.history.slice((previous as Application | null)?.history.length ?? 0);
  return appended.flatMap((entry) => stepRequirements(entry.action, requirementInputOf(application, entry.note), today));
}

/**
 * The server's rules for every write of a push, in the order a person would fix them: what the
 * status machine allows, what the caller's role may change at this point (the write policy in
 * shared/sync/writePolicy.ts), then what the step needs. Derived fields are not checked: the
 * server has computed them itself (`deriveHouseholdFields`) before the guard sees the write.
 */
function guardFor(collection: SyncedCollection, caller: Caller, now: () => number) {
  return (write: StoredWrite): void => {
    const id = String(write.doc['id']);
    const live = write.previous && !write.previous.deleted ? write.previous.data : null;
    const writer = { role: caller.role, userId: caller.userId };
    if (collection === 'applications' && !write.deleted) checkApplicationPath(caller, live, write.doc);
    const notAllowed = checkWrite({ collection, previous: write.previous && { doc: write.previous.data, deleted: write.previous.deleted }, next: write.doc, deleted: write.deleted, writer });
    if (notAllowed.length > 0) throw refuse(403, 'field_not_allowed', id, notAllowed);
    if (write.deleted) return;
    const today = chinaToday(now());
    const unmet = [
      ...(collection === 'applications' ? stepProblems(live, write.doc, today) : []),
      ...futureDateProblems(collection, live, write.doc, today),
    ];
    if (unmet.length > 0) throw refuse(422, 'requirements_not_met', id, unmet);
  };
}

/**
 * How the server stores a push of the caller's: provenance from the caller, derived fields
 * (a household's `memberNames` and `idHashes`, under its township's key from `searchKeyRoot`)
 * computed by the server, then the collection's rules.
 */
export function pushRulesFor(
  collection: SyncedCollection,
  caller: Caller,
  searchKeyRoot: string,
  now: () => number = Date.now,
): Omit<PushRules, 'afterWrite'> {
  return {
    author: { userId: caller.userId },
    ...(collection === 'households' ? { derive: deriveHouseholdFields(searchKeyRoot) } : {}),
    guard: guardFor(collection, caller, now),
    now,
  };
}

export type { Doc };
