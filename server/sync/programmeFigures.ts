import { naturalAreaCode } from '../../shared/areas';
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { emergencyGrantProblems, NO_EMERGENCY_DELEGATION, type EmergencyFigures } from '../../shared/rules/programmes/emergencyGrant';
import { programmePathOf } from '../../shared/rules/programmes';
import { emergencyFiguresOf, figuresInForce, type FigureLookup } from '../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../shared/schemas/application';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import type { StoredWrite } from '../storage/storedWrite';

const CITY_AREA = '371600000000';

/** The county's figures in force on `date` (the city's where the county left one unset). */
async function figuresFor(tx: Queryable, areaCode: string, date: string): Promise<FigureLookup> {
  const county = `${naturalAreaCode(areaCode).slice(0, 6)}000000`;
  const rows = await tx.query<{ area_code: string; data: Record<string, unknown> }>(
    "SELECT area_code, data FROM documents WHERE collection = 'policies' AND NOT deleted AND area_code = ANY($1::text[])",
    [[county, CITY_AREA]],
  );
  const of = (code: string) => rows.filter((row) => row.area_code === code).map((row) => row.data);
  return figuresInForce(of(county), of(CITY_AREA), date);
}

/** The county's 急难 figures in force on `date`; null where none is set. */
async function emergencyFiguresFor(tx: Queryable, areaCode: string, date: string): Promise<EmergencyFigures | null> {
  const figures = emergencyFiguresOf(await figuresFor(tx, areaCode, date));
  return figures.ok ? figures.figures : null;
}

/** The application's date, by which its figures are read: its first step's day (or `fallback`). */
function applicationDate(application: Application, fallback: string): string {
  const first = application.history[0];
  return first ? chinaDateOf(first.at) : fallback;
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
    const figures = await emergencyFiguresFor(tx, application.areaCode, applicationDate(application, grant.grantedOn));
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

/**
 * 医疗救助's village 公示 as the county chose it (`medicalAidPublicNotice` in force on the
 * application's date; unset: none, the usual rule). The status check lets either way pass because
 * it holds no policy; here a step that skips a required 公示, or starts one the county does not
 * ask for, is refused.
 */
export async function checkCountyPublicNotice(tx: Queryable, writes: StoredWrite[]): Promise<void> {
  for (const write of writes) {
    if (write.deleted) continue;
    const application = write.doc as unknown as Application;
    if (!programmePathOf(application).publicNoticeByCounty) continue;
    const before = write.previous && !write.previous.deleted ? (write.previous.data as unknown as Application).history.length : 0;
    const appended = application.history.slice(before);
    const skips = appended.some((entry) => entry.action === 'sendToCounty' && entry.from === 'preliminaryReviewed') && application.preliminaryReview?.outcome !== 'negative';
    const starts = appended.some((entry) => entry.action === 'startPublicNotice');
    if (!skips && !starts) continue;
    const lookup = await figuresFor(tx, application.areaCode, applicationDate(application, chinaDateOf(Date.now())));
    const required = lookup('medicalAidPublicNotice') === 1;
    const message = required && skips ? COUNTY_REQUIRES_NOTICE : !required && starts ? COUNTY_ASKS_NO_NOTICE : null;
    if (message !== null) {
      throw new HttpError(422, 'requirements_not_met', `${message}；本批次未保存`, {
        ids: [application.id],
        problems: [{ id: application.id, field: 'publicNotice', message }],
      });
    }
  }
}

const COUNTY_REQUIRES_NOTICE = '本县政策参数要求医疗救助经村级公示，请先公示七天，期满后再报县';
const COUNTY_ASKS_NO_NOTICE = '本县政策参数未要求医疗救助公示，请在初审后直接报县';
