/**
 * 急难先行救助: the township grants at once, within the amount the county delegates to it, and the
 * file is then completed within the days the county sets (counted in working days, as the
 * provincial rules count 事后补办手续). The app writes the grant, the server checks it again.
 */
import type { ApplicationStatus } from '../../vocabulary/applicationStatuses';
import { isFinalStatus } from '../applicationStatus';
import { compareDates, isIsoDate, type IsoDate } from '../dates';
import { addWorkingDays } from '../workingDays';
import { programmePathOf, type PathChoice } from './index';

/** The county's figures for 急难 (policy figures `emergencyDelegatedLimit`, `emergencyFileDays`). */
export interface EmergencyFigures {
  /** The most the township may grant at once (元). */
  delegatedLimit: number;
  /** Working days from the grant to the complete file. */
  fileDays: number;
}

export interface EmergencyGrant {
  amount: number;
  grantedOn: IsoDate;
  fileDueBy: IsoDate;
}

/** Why a township may not grant at once where the county has set no 急难 figures. */
export const NO_EMERGENCY_DELEGATION = '县级尚未在政策参数中设定委托乡镇先行救助的额度和补齐材料期限，乡镇不能先行救助，请按支出型临时救助报县审批';

export function emergencyFileDueBy(grantedOn: IsoDate, fileDays: number): IsoDate {
  return addWorkingDays(grantedOn, fileDays);
}

interface Problem {
  field: string;
  message: string;
}

/**
 * What is wrong with a grant written now (`previous` is the grant already on file, if any).
 * Without the county's figures (null) the limit and the file's due date cannot be checked
 * against them: only that the due date follows the grant.
 */
export function emergencyGrantProblems(
  application: PathChoice,
  previous: EmergencyGrant | undefined,
  grant: EmergencyGrant,
  today: IsoDate,
  figures: EmergencyFigures | null,
): Problem[] {
  if (previous !== undefined) return [{ field: 'emergencyGrant', message: '急难先行救助已经记录，不能修改' }];
  if (!programmePathOf(application).emergencyGrant) {
    return [{ field: 'emergencyGrant', message: '只有急难型临时救助可以由乡镇先行救助' }];
  }
  const problems: Problem[] = [];
  if (!(grant.amount > 0)) problems.push({ field: 'emergencyGrant.amount', message: '请填写大于0的先行救助金额' });
  if (figures && grant.amount > figures.delegatedLimit) {
    problems.push({ field: 'emergencyGrant.amount', message: `先行救助金额超过县级委托乡镇的额度（${figures.delegatedLimit}元），须报县审批` });
  }
  if (!isIsoDate(grant.grantedOn) || compareDates(grant.grantedOn, today) > 0) {
    problems.push({ field: 'emergencyGrant.grantedOn', message: '先行救助日期不能晚于今天' });
  } else if (figures && grant.fileDueBy !== emergencyFileDueBy(grant.grantedOn, figures.fileDays)) {
    problems.push({
      field: 'emergencyGrant.fileDueBy',
      message: `补齐材料期限应为先行救助后${figures.fileDays}个工作日（${emergencyFileDueBy(grant.grantedOn, figures.fileDays)}）`,
    });
  } else if (compareDates(grant.fileDueBy, grant.grantedOn) <= 0) {
    problems.push({ field: 'emergencyGrant.fileDueBy', message: '补齐材料期限应晚于先行救助日期' });
  }
  return problems;
}

/** An emergency file is open from the grant until the county has decided (or it is withdrawn). */
export function emergencyFileOpen(application: { status: ApplicationStatus; emergencyGrant?: EmergencyGrant | undefined }): boolean {
  return application.emergencyGrant !== undefined && !isFinalStatus(application.status);
}
