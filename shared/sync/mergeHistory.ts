/**
 * Merging an application's status and history (流转记录) when the laptop and the server both
 * moved it on since they last agreed. History is append-only on the server, so the server's
 * entries stay where they are, in its order; the laptop's new steps are replayed after them, in
 * the order they were made on the laptop, as the same actions by the same person. A step keeps
 * its id, action, time, author and note; its `from` becomes the status it is now applied to.
 * When any replayed step is not allowed from there (for that person's role), the two cannot be
 * combined: the caller keeps the server's pair and records the laptop's version as a conflict.
 *
 * Time order: entries are not re-sorted by `at` across the two sides. Inserting a laptop step
 * before server entries would rewrite history the server already holds (and device clocks drift
 * while offline), so a laptop step made earlier than a server step still comes after it.
 * Every history entry today is a status step: the schema has no comment-only entries.
 */
import {
  checkHistoryStep,
  transition,
  type ApplicationHistoryEntry,
  type ApplicationState,
  type ApplicationStatus,
  type PathContext,
} from '../rules/applicationStatus';
import { sameJson, type JsonObject } from './merge';

const historyOf = (doc: JsonObject): ApplicationHistoryEntry[] =>
  Array.isArray(doc['history']) ? (doc['history'] as ApplicationHistoryEntry[]) : [];

const startsWith = (list: ApplicationHistoryEntry[], prefix: ApplicationHistoryEntry[]) =>
  list.length >= prefix.length && prefix.every((entry, i) => sameJson(entry, list[i]));

/** The merged `{status, history}`, or null when the laptop's steps cannot follow the server's. */
export function mergeApplicationHistory(base: JsonObject, local: JsonObject, remote: JsonObject): JsonObject | null {
  const [baseHistory, localHistory, remoteHistory] = [historyOf(base), historyOf(local), historyOf(remote)];
  if (!startsWith(localHistory, baseHistory) || !startsWith(remoteHistory, baseHistory)) return null;
  const serverIds = new Set(remoteHistory.map((entry) => entry.id));
  const added = localHistory.slice(baseHistory.length).filter((entry) => !serverIds.has(entry.id));
  // A status changed without a step of its own cannot be replayed.
  if (added.length === 0) return null;
  const role = added[0]!.role;
  if (added.some((entry) => entry.role !== role)) return null;

  // The path is the application's own (its type, 急难 and 初审 opinion), as the laptop saw it.
  const context = local as PathContext;
  let status = remote['status'] as ApplicationStatus;
  const replayed: ApplicationHistoryEntry[] = [];
  for (const entry of added) {
    const step = transition(status, entry.action, entry.role, context);
    if (!step.ok) return null;
    replayed.push({ ...entry, from: status, to: step.to });
    status = step.to;
  }
  const server: ApplicationState = { status: remote['status'] as ApplicationStatus, history: remoteHistory };
  const merged: ApplicationState = { ...context, status, history: [...remoteHistory, ...replayed] };
  // The same check the server's write guard makes on the push that follows.
  if (!checkHistoryStep(server, merged, role).ok) return null;
  return { status: merged.status, history: merged.history };
}
