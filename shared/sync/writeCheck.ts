/**
 * Reads the write policy (writePolicy.ts) for one write: which of its changes the writer may make.
 * The server refuses a push with any problem found here; the app asks the same questions to
 * decide which buttons and fields to offer.
 */
import { applicationActionTerms, type ApplicationAction } from '../vocabulary/applicationActions';
import { roleTerms, type Role } from '../vocabulary/roles';
import { shortOf } from '../vocabulary/term';
import type { SyncedCollection } from './collections';
import { sameJson } from './merge';
import { creatorRoles, writePolicy, type ChangeGrant, type FieldGroup } from './writePolicy';

type Doc = Readonly<Record<string, unknown>>;

/** Who is writing: the server takes both from the verified caller, never from the document. */
export interface Writer {
  role: Role;
  userId: string;
}

export interface WriteProblem {
  field: string;
  message: string;
}

export interface WriteToCheck {
  collection: SyncedCollection;
  /** What the server holds (null: nothing yet). */
  previous: { doc: Doc; deleted: boolean } | null;
  next: Doc;
  deleted: boolean;
  writer: Writer;
}

/** Steps of the status machine the write appends (an application's new history entries). */
export function appendedSteps(previous: Doc | null, next: Doc): ApplicationAction[] {
  const before = Array.isArray(previous?.['history']) ? (previous['history'] as unknown[]).length : 0;
  const after = Array.isArray(next['history']) ? (next['history'] as { action?: unknown }[]) : [];
  return after.slice(before).flatMap((entry) => (typeof entry?.action === 'string' ? [entry.action as ApplicationAction] : []));
}

function grantApplies(grant: ChangeGrant, writer: Writer, record: Doc, state: string, steps: readonly ApplicationAction[]): boolean {
  if (!grant.roles.includes(writer.role)) return false;
  if (grant.states && !grant.states.includes(state)) return false;
  if (grant.steps && !steps.some((step) => grant.steps?.includes(step))) return false;
  if (grant.authorOnly && record['createdBy'] !== writer.userId) return false;
  return true;
}

/** Whether the writer may change a group of an existing record now (and, for step grants, by which steps). */
export function mayChangeGroup(
  collection: SyncedCollection,
  groupName: string,
  record: Doc,
  writer: Writer,
  steps: readonly ApplicationAction[] = [],
): boolean {
  const policy = writePolicy[collection];
  const group = policy.groups[groupName];
  if (!group) return false;
  const state = policy.stateOf(record);
  return group.change.some((grant) => grantApplies(grant, writer, record, state, steps));
}

export function mayCreate(collection: SyncedCollection, role: Role): boolean {
  return creatorRoles(collection).includes(role);
}

export function mayDelete(collection: SyncedCollection, record: Doc, writer: Writer): boolean {
  const policy = writePolicy[collection];
  const state = policy.stateOf(record);
  return policy.delete.some((grant) => grantApplies(grant, writer, record, state, []));
}

const fieldsOf = (group: FieldGroup) => group.fields;

/**
 * Every change in the write that the writer may not make, each naming the field; an empty list
 * means the write is allowed. Status and history are left to the status machine
 * (`checkHistoryStep`), which the server runs first; provenance and derived fields to the server.
 */
export function checkWrite(write: WriteToCheck): WriteProblem[] {
  const { collection, writer } = write;
  const policy = writePolicy[collection];
  // The role as a refusal names it (村级协理员不能…): the short form.
  const role = shortOf(roleTerms[writer.role], 'zh');
  const previous = write.previous ? write.previous.doc : null;

  if (write.deleted) {
    if (write.previous?.deleted) return [];
    if (policy.delete.length === 0) {
      const instead = collection === 'applications' ? applicationActionTerms.withdraw.zh : collection === 'households' ? '归档' : '结束或更正';
      return [{ field: '_deleted', message: `${policy.label}不能删除，只能${instead}` }];
    }
    const record = previous ?? { ...write.next, createdBy: writer.userId };
    return mayDelete(collection, record, writer) ? [] : [{ field: '_deleted', message: `${role}不能删除这条${policy.label}` }];
  }

  // Restoring a deleted record is deleting undone: only those who may delete it may, and what is
  // fixed in it stays fixed (the checks below compare with the deleted version).
  if (write.previous?.deleted && !mayDelete(collection, write.previous.doc, writer)) {
    return [{ field: '_deleted', message: `${role}不能恢复这条已删除的${policy.label}` }];
  }

  const problems: WriteProblem[] = [];
  if (previous === null) {
    if (!mayCreate(collection, writer.role)) {
      return [{ field: policy.groups[Object.keys(policy.groups)[0] ?? '']?.fields[0] ?? 'id', message: `${role}不能新建${policy.label}` }];
    }
    for (const group of Object.values(policy.groups)) {
      if (group.create.includes(writer.role)) continue;
      for (const field of fieldsOf(group)) {
        if (write.next[field] !== undefined) problems.push({ field, message: `新建${policy.label}时不能填写${group.label}` });
      }
    }
    return problems;
  }

  const state = policy.stateOf(previous);
  const stateLabel = policy.states[state] ?? state;
  const steps = appendedSteps(previous, write.next);
  for (const [name, group] of Object.entries(policy.groups)) {
    if (group.governedBy === 'statusMachine') continue;
    const changed = fieldsOf(group).filter((field) => !sameJson(previous[field], write.next[field]));
    if (changed.length === 0) continue;
    if (mayChangeGroup(collection, name, previous, writer, steps)) continue;
    const why =
      group.change.length === 0
        ? `${policy.label}的${group.label}保存后不能更改`
        : `${role}不能在${policy.label}“${stateLabel}”时修改${group.label}`;
    for (const field of changed) problems.push({ field, message: why });
  }
  return problems;
}
