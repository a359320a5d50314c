import { map } from 'rxjs';
import { naturalAreaCode } from '../../../shared/areas';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/**
 * Every policy period the laptop holds for an area's county, as plain records (figures by their
 * flat names, validFrom, validTo): what a programme's step reads its figures from, without
 * depending on one version of the policy schema.
 */
export function useCountyPolicyRecords(areaCode: string): readonly Readonly<Record<string, unknown>>[] {
  const { db } = useWorkspace();
  const county = `${naturalAreaCode(areaCode).slice(0, 6)}000000`;
  return useObservable<readonly Readonly<Record<string, unknown>>[]>(
    () => db.policies.find({ selector: { areaCode: county } }).$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Record<string, unknown>))),
    [],
    [db, county],
  );
}
