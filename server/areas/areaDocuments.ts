import { allAreas, padAreaCode } from '../../shared/areas';
import type { AreaDoc } from '../../shared/schemas/area';
import type { PullResponse, SyncCheckpoint } from '../../shared/sync/wire';

/** The area list changes only with a new release of the division data; this is its date. */
const AREAS_UPDATED_AT = Date.UTC(2023, 0, 1);

let cached: AreaDoc[] | null = null;

function areaDocuments(): AreaDoc[] {
  cached ??= allAreas().map((area) => ({
    id: area.code,
    areaCode: padAreaCode(area.code),
    name: area.name,
    level: area.level,
    parentId: area.parentCode ?? '',
    updatedAt: AREAS_UPDATED_AT,
  }));
  return cached;
}

/**
 * Areas a user needs: everything inside the scope, plus the scope's ancestors so the app can
 * name the county and township it belongs to. The checkpoint is a position in the fixed list.
 */
export function pullAreas(scope: string, checkpoint: SyncCheckpoint | null, limit: number): PullResponse<AreaDoc> {
  const visible = areaDocuments().filter((a) => a.areaCode.startsWith(scope) || scope.startsWith(a.id));
  const start = checkpoint?.seq ?? 0;
  const page = visible.slice(start, start + limit);
  return {
    documents: page.map((doc) => ({ ...doc, _deleted: false })),
    checkpoint: page.length > 0 ? { seq: start + page.length } : checkpoint,
  };
}
