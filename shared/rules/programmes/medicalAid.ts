import { STEPS_WITHOUT_PUBLIC_NOTICE, type ProgrammePath } from './path';

/**
 * 医疗救助: on application or found (依申请, 主动发现); the township checks and gives its opinion,
 * the county confirms and grants a sum paid once (see medicalAidAmount.ts). No village 公示: the
 * groups it serves were publicised when they were recognised. No statute sets working-day limits
 * for it, so none are shown. (A county that requires a 公示 cannot say so yet: left for later.)
 */
export const medicalAidPath: ProgrammePath = {
  key: 'medicalAid',
  steps: STEPS_WITHOUT_PUBLIC_NOTICE,
  verificationBeforeApproval: false,
  townshipMayClose: false,
  emergencyGrant: false,
  decision: 'oneOffAmount',
  deadlines: {},
  source: '《社会救助暂行办法》（B6）第五章；《关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）',
};
