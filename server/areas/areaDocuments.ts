import { allAreas, padAreaCode } from '../../shared/areas';
import type { AreaDoc } from '../../shared/schemas/area';
import type { PullResponse, SyncCheckpoint } from '../../shared/sync/wire';

/** The built-in area list's date: it changes only with a new release of the division data. */
const BUILT_IN_UPDATED_AT = Date.UTC(2023, 0, 1);

/**
 * A checkpoint is a position in the list plus REVISION_STRIDE × the division file's revision
 * (0 for the built-in list; each import counts one up, server/reference/referenceStore.ts). A
 * laptop whose checkpoint is of an older revision pulls the whole list again from the start and
 * so takes every new or renamed village; one of the current revision goes on where it was.
 * Binzhou has a few thousand areas: far below the stride.
 */
const REVISION_STRIDE = 1_000_000;

let revision = 0;
let updatedAt = BUILT_IN_UPDATED_AT;
let cached: AreaDoc[] | null = null;

/** The division file in use changed (at the server's start): its revision and import time, or null for the built-in list. */
export function setAreaRevision(current: { revision: number; updatedAt: number } | null): void {
  revision = current?.revision ?? 0;
  updatedAt = current?.updatedAt ?? BUILT_IN_UPDATED_AT;
  cached = null;
}

function areaDocuments(): AreaDoc[] {
  cached ??= allAreas().map((area) => ({
    id: area.code,
    areaCode: padAreaCode(area.code),
    name: area.name,
    level: area.level,
    parentId: area.parentCode ?? '',
    updatedAt,
  }));
  return cached;
}

/**
 * Areas a user needs: everything inside the scope, plus the scope's ancestors so the app can
 * name the county and township it belongs to.
 */
export function pullAreas(scope: string, checkpoint: SyncCheckpoint | null, limit: number): PullResponse<AreaDoc> {
  const visible = areaDocuments().filter((a) => a.areaCode.startsWith(scope) || scope.startsWith(a.id));
  const base = revision * REVISION_STRIDE;
  const seq = checkpoint?.seq ?? 0;
  const start = seq >= base && seq < base + REVISION_STRIDE ? seq - base : 0;
  const page = visible.slice(start, start + limit);
  const position = base + start;
  return {
    documents: page.map((doc) => ({ ...doc, _deleted: false })),
    checkpoint: page.length > 0 ? { seq: position + page.length } : checkpoint === null && position === 0 ? null : { seq: position },
  };
}
