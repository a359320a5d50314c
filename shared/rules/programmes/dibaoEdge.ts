import { B1_DEADLINES, B1_STEPS, type ProgrammePath } from './path';

/**
 * 低保边缘: recognised by the 低保 procedure (B5), without a monthly payment; the recognition is
 * valid until a day the county sets and is re-assessed at review.
 */
export const dibaoEdgePath: ProgrammePath = {
  key: 'dibaoEdge',
  steps: B1_STEPS,
  verificationBeforeApproval: false,
  townshipMayClose: true,
  emergencyGrant: false,
  decision: 'recognition',
  deadlines: B1_DEADLINES,
  source: '《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》（2023，B5）；认定程序参照 B1',
};
