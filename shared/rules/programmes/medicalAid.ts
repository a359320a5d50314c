import { B1_STEPS, type ProgrammePath } from './path';

/**
 * 医疗救助: on application or found (依申请, 主动发现); the township checks and gives its opinion,
 * the county confirms and grants a sum paid once (see medicalAidAmount.ts). No village 公示 as a
 * rule (the groups it serves were publicised when they were recognised), unless the county's policy
 * requires one (`medicalAidPublicNotice`), which then runs as the 低保 one does. No statute sets
 * working-day limits for it, so none are shown.
 */
export const medicalAidPath: ProgrammePath = {
  key: 'medicalAid',
  steps: B1_STEPS,
  publicNoticeByCounty: true,
  verificationBeforeApproval: false,
  townshipMayClose: false,
  emergencyGrant: false,
  decision: 'oneOffAmount',
  deadlines: {},
  source: '《社会救助暂行办法》（B6）第五章；《关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）',
};
