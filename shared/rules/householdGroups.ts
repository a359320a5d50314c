/**
 * A decision moves a household into its programme's group (4+N): 低保 → 低保对象, 特困 → 特困人员,
 * 低保边缘 and 刚性支出困难 likewise; stopping takes it out again, unless another decision still in
 * force keeps it there. The group sets the household's circle, the dashboard's counts and the
 * review rhythm (reviewSchedule.ts). The server applies it in the push that records the decision
 * (server/sync/caseLife.ts), so every laptop gets it with the household's next pull.
 */
import type { HouseholdCategory } from '../vocabulary/householdCategories';

const programmeGroups: Readonly<Record<string, HouseholdCategory>> = {
  dibao: 'dibao',
  tekun: 'tekun',
  dibaoEdge: 'dibaoEdge',
  rigidExpenditure: 'rigidExpenditure',
};

/** The group a programme's approval puts a household in (none for one-off aid). */
export const groupOfProgramme = (type: string): HouseholdCategory | undefined => programmeGroups[type];

interface DecidedApplication {
  type: string;
  status: string;
  benefit?: { state: string } | undefined;
}

/** Approved and not stopped: the decision still holds the household in its group. */
export const decisionInForce = (application: DecidedApplication): boolean =>
  application.status === 'approved' && application.benefit?.state !== 'stopped';

/**
 * The household's groups after decisions on the programmes named in `decided`: each of those
 * groups is held exactly when one of the household's applications in that programme is in force;
 * every other group (老年人, 残疾人 … recorded by the village) is left as it was.
 */
export function groupsAfterDecisions(
  categories: readonly HouseholdCategory[],
  decided: readonly string[],
  applications: readonly DecidedApplication[],
): HouseholdCategory[] {
  const touched = new Set(decided.flatMap((type) => groupOfProgramme(type) ?? []));
  const held = new Set(applications.filter(decisionInForce).flatMap((app) => groupOfProgramme(app.type) ?? []));
  const kept = categories.filter((group) => !touched.has(group) || held.has(group));
  const added = [...touched].filter((group) => held.has(group) && !kept.includes(group));
  return [...kept, ...added];
}
