import { B1_STEPS, type ProgrammePath } from './path';

/**
 * 支出型临时救助: the normal procedure — investigation, 公示, the county's approval of a sum paid
 * once. 国发〔2014〕47号 leaves the periods to the provinces; 10 working days for the township
 * and 10 for the county are the usual provincial figures, to be checked against the county's rules.
 */
export const temporaryAidExpenditurePath: ProgrammePath = {
  key: 'temporaryAidExpenditure',
  steps: B1_STEPS,
  verificationBeforeApproval: false,
  townshipMayClose: false,
  emergencyGrant: false,
  decision: 'oneOffAmount',
  deadlines: { townshipOpinion: 10, countyDecision: 10 },
  source: '《社会救助暂行办法》（B6）第十章；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）一般程序；时限为多数省份细则的规定，以本县规定为准',
};
