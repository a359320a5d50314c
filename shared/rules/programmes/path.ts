/**
 * What a programme's path is made of, as data: which steps it has, which deadlines run, whether
 * the village 公示 is part of it, whether the county's 信息核对 must be on file before approval,
 * whether the township may grant at once (急难), how the decision is expressed, and the legal
 * source of all that. The status machine (../applicationStatus.ts), the step requirements
 * (../actionRequirements.ts) and the deadlines (../deadlines.ts) read it by application type.
 */
import { applicationActions, type ApplicationAction } from '../../vocabulary/applicationActions';
import type { DecisionForm, ProgrammePathKey } from '../../vocabulary/programmePaths';

/** Working-day periods of a path; a period left out does not apply to it. */
export interface PathDeadlines {
  /** From 受理 to the start of the means investigation (B1: 3). */
  readonly investigationStarts?: number;
  /** From 受理 to the township's investigation and 初审 opinion (B2: 15). */
  readonly townshipOpinion?: number;
  /** From 报县 (the county receives the file) to its decision. */
  readonly countyDecision?: number;
  /** From 受理 to the decision, and in special cases (延期). */
  readonly wholePath?: { readonly normal: number; readonly extended: number };
}

export interface ProgrammePath {
  readonly key: ProgrammePathKey;
  /** The steps the path has, in their usual order; any other step is refused on it. */
  readonly steps: readonly ApplicationAction[];
  /**
   * The village 公示 steps are on the path only where the county's policy requires them
   * (`medicalAidPublicNotice`): 医疗救助, whose groups were publicised when recognised.
   */
  readonly publicNoticeByCounty?: true;
  /** The county's 信息核对 result must be recorded before it may approve. */
  readonly verificationBeforeApproval: boolean;
  /** After a negative 初审 the township may close the case itself, with written reasons. */
  readonly townshipMayClose: boolean;
  /** The township may grant at once, within the county's delegated limit (急难先行救助). */
  readonly emergencyGrant: boolean;
  readonly decision: DecisionForm;
  /** A recognition's longest validity from the day of approval, in months (刚性支出: 12, B3). */
  readonly recognitionMaxMonths?: number;
  readonly deadlines: PathDeadlines;
  /** The rules the path follows, as a reader can look them up. */
  readonly source: string;
}

/** The B1 steps (every step the vocabulary names); a path without the village 公示 leaves out its two steps. */
export const B1_STEPS: readonly ApplicationAction[] = applicationActions;

export const STEPS_WITHOUT_PUBLIC_NOTICE: readonly ApplicationAction[] = B1_STEPS.filter(
  (step) => step !== 'startPublicNotice' && step !== 'objection',
);

/** B1 step 3 and 6: the working-day periods of the 低保 procedure. */
export const B1_DEADLINES: PathDeadlines = { investigationStarts: 3, countyDecision: 10, wholePath: { normal: 30, extended: 45 } };

/**
 * Whether the village 公示 is part of this case's path: `required`, `none`, or `either` where the
 * path leaves it to the county and the county's choice is not known to the caller (the server's
 * status check, which holds no policy; server/sync/programmeFigures.ts then checks the choice).
 */
export type PublicNoticeRule = 'required' | 'none' | 'either';

export function publicNoticeRule(path: ProgrammePath, countyRequires?: boolean): PublicNoticeRule {
  if (!path.steps.includes('startPublicNotice')) return 'none';
  if (!path.publicNoticeByCounty) return 'required';
  return countyRequires === undefined ? 'either' : countyRequires ? 'required' : 'none';
}

/** The 公示 is part of the path as such (for a path left to the county: only where it requires one). */
export function hasPublicNotice(path: ProgrammePath, countyRequires?: boolean): boolean {
  return publicNoticeRule(path, countyRequires) === 'required';
}
