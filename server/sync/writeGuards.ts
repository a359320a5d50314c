import { chinaDateOf, chinaToday } from '../../shared/domain/chinaTime';
import { requirementInputOf, stepRequirements } from '../../shared/rules/actionRequirements';
import { checkHistoryStep, type ApplicationHistoryEntry } from '../../shared/rules/applicationStatus';
import { emergencyGrantProblems } from '../../shared/rules/programmes/emergencyGrant';
import { futureDateProblems } from '../../shared/rules/recordDates';
import type { Application } from '../../shared/schemas/application';
import type { SyncedCollection } from '../../shared/sync/collections';
import { checkWrite } from '../../shared/sync/writeCheck';
import type { Caller } from '../auth/caller';
import { HttpError } from '../http/errors';
import { deriveHouseholdFields } from '../search/searchKeys';
import { storedAreas } from '../storage/documentStore';
import { benefitRefusal, householdGroupsFollow, settleApplication } from './caseLife';
import type { Doc, PushRules, StoredWrite } from '../storage/storedWrite';
import { checkCountyPublicNotice, checkEmergencyGrants } from './programmeFigures';
import { registerTrackingCodes } from './trackingCodes';

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

/**
 * What B1 asks for at each step the push takes (two investigators, an amount, a reason, a full 公示 …),
 * each on the day the step says it was taken (never later than the server's day: the server clamps a
 * step dated ahead): a 报县 dated before its 公示 has run is refused even in a push that arrives later.
 */
function stepProblems(previous: Doc | null, next: Doc, today: string): Problem[] {
  const application = next as Application;
  const appended: ApplicationHistoryEntry[] = application.history.slice((previous as Application | null)?.history.length ?? 0);
  return appended.flatMap((entry) => {
    const stepDay = chinaDateOf(entry.at);
    return stepRequirements(entry.action, requirementInputOf(application, entry.note), stepDay < today ? stepDay : today);
  });
}

/**
 * What the programme's path says of records written without a step: a 急难 grant is the
 * township's once, on a 急难 临时救助 only, dated no later than today. The county's delegated limit
 * and the file's days are policy records: `checkEmergencyGrants` holds the grant to them.
 */
function programmeRecordProblems(previous: Doc | null, next: Doc, today: string): Problem[] {
  const before = previous as Application | null;
  const application = next as Application;
  const grant = application.emergencyGrant;
  if (grant === undefined) {
    return before?.emergencyGrant === undefined ? [] : [{ field: 'emergencyGrant', message: '急难先行救助已经记录，不能删除' }];
  }
  if (sameGrant(before?.emergencyGrant, grant)) return [];
  return emergencyGrantProblems(application, before?.emergencyGrant, grant, today, null);
}

const sameGrant = (a: Application['emergencyGrant'], b: Application['emergencyGrant']): boolean =>
  a !== undefined && b !== undefined && a.amount === b.amount && a.grantedOn === b.grantedOn && a.fileDueBy === b.fileDueBy;

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
    const benefit = collection === 'applications' ? benefitRefusal(live, write.doc, caller, today) : null;
    if (benefit) throw refuse(benefit.status, benefit.status === 403 ? 'field_not_allowed' : 'requirements_not_met', id, benefit.problems);
    const unmet = [
      ...(collection === 'applications' ? stepProblems(live, write.doc, today) : []),
      ...(collection === 'applications' ? programmeRecordProblems(live, write.doc, today) : []),
      ...futureDateProblems(collection, live, write.doc, today),
    ];
    if (unmet.length > 0) throw refuse(422, 'requirements_not_met', id, unmet);
  };
}

/**
 * A record filed under a household (a visit, an application, a care need) or attached to a record
 * (a file) belongs to that record's village: a push that names a household or record of another
 * area is refused, so no one files something under another village's family. A record the server
 * does not hold yet (pushed by another collection's replication a moment later) is not checked.
 */
function linkChecker(collection: SyncedCollection): PushRules['checkLinks'] {
  if (collection === 'households') return undefined;
  const links = sameAreaChecker(collection);
  if (collection !== 'applications') return links;
  return async (tx, writes) => {
    await links(tx, writes);
    await checkEmergencyGrants(tx, writes);
    await checkCountyPublicNotice(tx, writes);
    await registerTrackingCodes(tx, writes, Date.now());
  };
}

function sameAreaChecker(collection: Exclude<SyncedCollection, 'households'>): NonNullable<PushRules['checkLinks']> {
  return async (tx, writes) => {
    const links = writes
      .filter((write) => !write.deleted)
      .map((write) => {
        const doc = write.doc;
        const owner = collection === 'attachments' ? (doc['owner'] as { collection?: unknown; id?: unknown } | undefined) : { collection: 'households', id: doc['householdId'] };
        return { id: String(doc['id']), areaCode: String(doc['areaCode']), collection: String(owner?.collection), ownerId: String(owner?.id) };
      });
    if (links.length === 0) return;
    const areaOf = await storedAreas(tx, links.map((link) => ({ collection: link.collection, id: link.ownerId })));
    const foreign = links.filter((link) => {
      const area = areaOf.get(`${link.collection}/${link.ownerId}`);
      return area !== undefined && area !== link.areaCode;
    });
    if (foreign.length > 0) {
      const field = collection === 'attachments' ? 'owner' : 'householdId';
      throw new HttpError(403, 'out_of_scope', '所属家庭（或记录）在另一个村，本批次未保存', {
        ids: foreign.map((link) => link.id),
        problems: foreign.map((link) => ({ id: link.id, field, message: '所属记录在另一个村' })),
      });
    }
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
    author: { userId: caller.userId, displayName: caller.displayName },
    ...(collection === 'households' ? { derive: deriveHouseholdFields(searchKeyRoot) } : {}),
    ...(collection === 'applications' ? { settle: settleApplication, followOn: householdGroupsFollow(caller, now) } : {}),
    guard: guardFor(collection, caller, now),
    checkLinks: linkChecker(collection),
    now,
  };
}

export type { Doc };
