import { naturalAreaCode } from '../../shared/areas';
import type { CollectionName } from '../../shared/sync/collections';

/**
 * Which reference rows a scope sees: rows inside it, and rows of the areas above it (the
 * county's policy, the city's programs, the township staff's names), never a sibling's.
 */
export function referenceVisibility(_collection: CollectionName, scope: string): (areaCode: string) => boolean {
  return (areaCode) => areaCode.startsWith(scope) || scope.startsWith(naturalAreaCode(areaCode));
}
