import { programmePathOf } from '../../../shared/rules/programmes';
import type { Application } from '../../../shared/schemas/application';
import type { Permissions } from '../usePermissions';

/** Records a programme's path adds besides its status steps: the county's 信息核对, the township's 急难 grant. */
export type ProgrammeRecordStep = 'verification' | 'emergencyGrant';

/** Which of them this user may record now, as the write policy and the path allow. */
export function programmeRecordSteps(application: Application, can: Permissions): ProgrammeRecordStep[] {
  const steps: ProgrammeRecordStep[] = [];
  if (can.canChange('applications', 'verification', application)) steps.push('verification');
  if (
    programmePathOf(application).emergencyGrant &&
    application.emergencyGrant === undefined &&
    can.canChange('applications', 'emergencyGrant', application)
  ) {
    steps.push('emergencyGrant');
  }
  return steps;
}

/** The county may not approve 低保 or 特困 before the 信息核对 is on file. */
export function approvalWaitsForVerification(application: Application): boolean {
  return programmePathOf(application).verificationBeforeApproval && application.verification === undefined;
}
