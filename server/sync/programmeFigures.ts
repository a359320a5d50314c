import { naturalAreaCode } from '../../shared/areas';
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { emergencyGrantProblems, NO_EMERGENCY_DELEGATION, type EmergencyFigures } from '../../shared/rules/programmes/emergencyGrant';
import { emergencyFiguresOf, figuresInForce } from '../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../shared/schemas/application';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import type { StoredWrite } from '../storage/storedWrite';

const CITY_AREA = '371600000000';

/** The county's 急难 figures in force on `date` (the city's where the county left them unset); null where none is set. */
async function emergencyFiguresFor(tx: Queryable, areaCode: string, date: string): Promise<EmergencyFigures | null> {
  const county = `${naturalAreaCode(areaCode).slice(0, 6)}000000`;
  const rows = await tx.query<{ area_code: string; data: Record<string, unknown> }>(
    "SELECT area_code, data FROM documents WHERE collection = 'policies' AND NOT deleted AND area_code = ANY($1::text[])",
    [[county, CITY_AREA]],
  );
  const of = (code: string) => rows.filter((row) => row.area_code === code).map((row) => row.data);
  const figures = emergencyFiguresOf(figuresInForce(of(county), of(CITY_AREA), date));
  return figures.ok ? figures.figures : null;
}

/**
 * A 急难 grant against the figures the server holds: the amount within the county's delegated
 * limit and the file due the county's days after the grant, by the period in force on the
 * application's date (its first step), as the app reads them; refused where the county has
 * delegated nothing. (The rest of the grant is checked by the write guard, without figures.)
 */
export async function checkEmergencyGrants(tx: Queryable, writes: StoredWrite[]): Promise<void> {
  for (const write of writes) {
    if (write.deleted) continue;
    const application = write.doc as unknown as Application;
    const grant = application.emergencyGrant;
    const before = write.previous && !write.previous.deleted ? (write.previous.data as unknown as Application).emergencyGrant : undefined;
    if (grant === undefined || before !== undefined) continue;
    const first = application.history[0];
    const figures = await emergencyFiguresFor(tx, application.areaCode, first ? chinaDateOf(first.at) : grant.grantedOn);
    // Without the county's delegation there is nothing the township may grant on its own.
    const problems =
      figures === null
        ? [{ field: 'emergencyGrant.amount', message: NO_EMERGENCY_DELEGATION }]
        : emergencyGrantProblems(application, undefined, grant, grant.grantedOn, figures);
    if (problems.length > 0) {
      throw new HttpError(422, 'requirements_not_met', `${problems[0]!.message}；本批次未保存`, {
        ids: [application.id],
        problems: problems.map((problem) => ({ id: application.id, ...problem })),
      });
    }
  }
}
