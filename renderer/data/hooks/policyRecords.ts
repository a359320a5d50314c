import { map } from 'rxjs';
import { naturalAreaCode, padAreaCode } from '../../../shared/areas';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/**
 * Every policy period the laptop holds for an area's county, as plain records (figures by their
 * flat names, validFrom, validTo): what a programme's step reads its figures from, without
 * depending on one version of the policy schema.
 */
export function useCountyPolicyRecords(areaCode: string): readonly Readonly<Record<string, unknown>>[] {
  const { db } = useWorkspace();
  // The county's code, or the city's for the city-wide periods (3716 → 371600000000, not a 10-digit code).
  const county = padAreaCode(naturalAreaCode(areaCode).slice(0, 6));
  return useObservable<readonly Readonly<Record<string, unknown>>[]>(
    () => db.policies.find({ selector: { areaCode: county } }).$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Record<string, unknown>))),
    [],
    [db, county],
  );
}
