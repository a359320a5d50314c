import { STEPS_WITHOUT_PUBLIC_NOTICE, type ProgrammePath } from './path';

/**
 * 急难型临时救助: help first. The township may grant at once up to the amount the county delegates
 * to it (先行救助, see emergencyGrant.ts); the file is then completed — documents, investigation,
 * the county's confirmation — within the days the county sets. No village 公示 before the grant.
 */
export const temporaryAidEmergencyPath: ProgrammePath = {
  key: 'temporaryAidEmergency',
  steps: STEPS_WITHOUT_PUBLIC_NOTICE,
  verificationBeforeApproval: false,
  townshipMayClose: false,
  emergencyGrant: true,
  decision: 'oneOffAmount',
  deadlines: {},
  source: '《社会救助暂行办法》（B6）第十章第四十九条；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）紧急程序',
};
