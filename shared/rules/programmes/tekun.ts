import { B1_STEPS, type ProgrammePath } from './path';

/**
 * 特困 (B2): the township investigates and gives its 初审 opinion within 15 working days of 受理,
 * 7 days of 公示, the county decides within 15 working days; a negative opinion goes on or is
 * closed with written reasons, as for 低保.
 */
export const tekunPath: ProgrammePath = {
  key: 'tekun',
  steps: B1_STEPS,
  verificationBeforeApproval: true,
  townshipMayClose: true,
  emergencyGrant: false,
  decision: 'monthlyAmount',
  deadlines: { townshipOpinion: 15, countyDecision: 15 },
  source: '《特困人员认定办法》（民政部 2021，B2）第十五条至第二十条',
};
