import { B1_DEADLINES, B1_STEPS, type ProgrammePath } from './path';

/**
 * 教育、住房、就业救助 and 慈善帮扶 have no path of their own in the app yet: they follow the
 * 低保 procedure (B1) and its monthly decision, as every programme did before.
 */
export const otherAidPath: ProgrammePath = {
  key: 'otherAid',
  steps: B1_STEPS,
  verificationBeforeApproval: false,
  townshipMayClose: true,
  emergencyGrant: false,
  decision: 'monthlyAmount',
  deadlines: B1_DEADLINES,
  source: '各专项救助尚无单独流程，参照《最低生活保障审核确认办法》（B1）',
};
