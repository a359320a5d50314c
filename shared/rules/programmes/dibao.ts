import { B1_DEADLINES, B1_STEPS, type ProgrammePath } from './path';

/**
 * 低保 (B1): 申请 → 受理 → 调查 (with the county's 信息核对) → 初审 → 公示 → 审核确认, monthly
 * from the month after approval. A negative 初审 goes on to the county with its opinion, or the
 * township closes the case and tells the applicant in writing why (B1 第十六条、第二十条).
 */
export const dibaoPath: ProgrammePath = {
  key: 'dibao',
  steps: B1_STEPS,
  verificationBeforeApproval: true,
  townshipMayClose: true,
  emergencyGrant: false,
  decision: 'monthlyAmount',
  deadlines: B1_DEADLINES,
  source: '《最低生活保障审核确认办法》（民政部 2021，B1）第二章、第三章',
};
