import { Ajv, type ValidateFunction } from 'ajv';
import { isInScope } from '../../shared/auth/roles';
import { collectionDefinitions, type SyncedCollection } from '../../shared/sync/collections';
import { unstorableTextPaths } from '../db/storableText';
import { HttpError } from '../http/errors';
import type { IncomingRow } from '../storage/storedWrite';

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<SyncedCollection, ValidateFunction>();

function jsonValidator(collection: SyncedCollection): ValidateFunction {
  let validate = validators.get(collection);
  if (!validate) {
    // RxDB's own keys (primaryKey, indexes, version…) are not JSON-schema keywords; strict:false ignores them.
    validate = ajv.compile(collectionDefinitions[collection].jsonSchema);
    validators.set(collection, validate);
  }
  return validate;
}

interface Problem {
  id: string | null;
  field: string;
  message: string;
}

const MAX_ROWS = 1000;

/**
 * Checks a push body against the shared schemas and the caller's scope. Any problem refuses the
 * whole batch (nothing is stored), and the error lists every document id and field at fault.
 */
export function validatePushBody(collection: SyncedCollection, body: unknown, scope: string): IncomingRow[] {
  if (!Array.isArray(body)) throw new HttpError(400, 'bad_request', '推送内容应为数组');
  if (body.length > MAX_ROWS) throw new HttpError(413, 'batch_too_large', `一次最多推送${MAX_ROWS}条`);
  const problems: Problem[] = [];
  const outOfScope: string[] = [];
  const rows: IncomingRow[] = [];
  const seenIds = new Set<string>();
  body.forEach((row: unknown, index) => {
    const parsedRow = splitRow(row);
    if (typeof parsedRow === 'string') {
      problems.push({ id: null, field: `[${index}]`, message: parsedRow });
      return;
    }
    const { doc } = parsedRow;
    const id = typeof doc.id === 'string' ? doc.id : null;
    const docProblems = documentProblems(collection, doc);
    problems.push(...docProblems.map((p) => ({ ...p, id })));
    if (docProblems.length > 0 || id === null) return;
    if (seenIds.has(id)) {
      problems.push({ id, field: 'id', message: '同一批次中重复的记录' });
      return;
    }
    seenIds.add(id);
    const typed = parsedRow as IncomingRow;
    if (!isInScope(typed.doc.areaCode, scope)) outOfScope.push(id);
    rows.push(typed);
  });
  if (problems.length > 0) {
    throw new HttpError(422, 'invalid_document', '数据不符合要求，本批次未保存', { problems });
  }
  if (outOfScope.length > 0) {
    throw new HttpError(403, 'out_of_scope', '记录不在您的管辖范围内，本批次未保存', { ids: outOfScope });
  }
  return rows;
}

function splitRow(row: unknown): Omit<IncomingRow, 'doc'> & { doc: Record<string, unknown> } | string {
  if (!isPlainObject(row)) return 'row must be an object';
  const keys = Object.keys(row);
  if (keys.some((k) => k !== 'assumedMasterState' && k !== 'newDocumentState')) return 'unknown key in row';
  const next = splitWireDocument(row.newDocumentState);
  if (!next) return 'newDocumentState must be a document with _deleted';
  const assumedRaw = row.assumedMasterState;
  if (assumedRaw === null || assumedRaw === undefined) {
    return { assumed: null, assumedDeleted: false, doc: next.doc, deleted: next.deleted };
  }
  const assumed = splitWireDocument(assumedRaw);
  if (!assumed) return 'assumedMasterState must be null or a document with _deleted';
  return { assumed: assumed.doc, assumedDeleted: assumed.deleted, doc: next.doc, deleted: next.deleted };
}

/** Separates the wire-only `_deleted` flag from the document the schemas describe. */
function splitWireDocument(value: unknown): { doc: Record<string, unknown>; deleted: boolean } | null {
  if (!isPlainObject(value)) return null;
  const { _deleted: deleted, ...doc } = value;
  if (deleted !== undefined && typeof deleted !== 'boolean') return null;
  return { doc, deleted: deleted === true };
}

function documentProblems(collection: SyncedCollection, doc: Record<string, unknown>): Omit<Problem, 'id'>[] {
  const validate = jsonValidator(collection);
  if (!validate(doc)) {
    return (validate.errors ?? []).map((e) => ({
      field: [e.instancePath.replace(/^\//, '').replaceAll('/', '.'), e.params['additionalProperty'] ?? e.params['missingProperty'] ?? '']
        .filter(Boolean)
        .join('.'),
      message: e.message ?? 'invalid',
    }));
  }
  const result = collectionDefinitions[collection].schema.safeParse(doc);
  if (!result.success) return result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  return unstorableTextPaths(doc).map((field) => ({ field, message: 'text contains NUL or an unpaired surrogate' }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
