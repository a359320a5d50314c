/**
 * Which path an application runs, by its type (and, for 临时救助, whether it is 急难).
 */
import type { ProgrammePathKey } from '../../vocabulary/programmePaths';
import { dibaoPath } from './dibao';
import { dibaoEdgePath } from './dibaoEdge';
import { medicalAidPath } from './medicalAid';
import { otherAidPath } from './otherAid';
import type { ProgrammePath } from './path';
import { rigidExpenditurePath } from './rigidExpenditure';
import { tekunPath } from './tekun';
import { temporaryAidEmergencyPath } from './temporaryAidEmergency';
import { temporaryAidExpenditurePath } from './temporaryAidExpenditure';

export { hasPublicNotice, publicNoticeRule, type PathDeadlines, type ProgrammePath, type PublicNoticeRule } from './path';

export const programmePaths: Readonly<Record<ProgrammePathKey, ProgrammePath>> = {
  dibao: dibaoPath,
  tekun: tekunPath,
  medicalAid: medicalAidPath,
  temporaryAidEmergency: temporaryAidEmergencyPath,
  temporaryAidExpenditure: temporaryAidExpenditurePath,
  dibaoEdge: dibaoEdgePath,
  rigidExpenditure: rigidExpenditurePath,
  otherAid: otherAidPath,
};

/** What a path is chosen by; an application without a type (an old caller) runs the 低保 path. */
export interface PathChoice {
  type?: string | undefined;
  emergency?: boolean | undefined;
  /** The county's `medicalAidPublicNotice` in force (1: true); left out where the caller holds no policy. */
  countyRequiresPublicNotice?: boolean | undefined;
}

export function programmePathOf(choice: PathChoice): ProgrammePath {
  switch (choice.type) {
    case undefined:
    case 'dibao':
      return dibaoPath;
    case 'tekun':
      return tekunPath;
    case 'medicalAid':
      return medicalAidPath;
    case 'temporaryAid':
      return choice.emergency === true ? temporaryAidEmergencyPath : temporaryAidExpenditurePath;
    case 'dibaoEdge':
      return dibaoEdgePath;
    case 'rigidExpenditure':
      return rigidExpenditurePath;
    default:
      return otherAidPath;
  }
}
