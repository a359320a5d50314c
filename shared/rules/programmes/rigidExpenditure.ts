import { B1_DEADLINES, B1_STEPS, type ProgrammePath } from './path';

/** 刚性支出困难 (B3): recognised by the 低保 procedure, without a payment, for at most 12 months. */
export const rigidExpenditurePath: ProgrammePath = {
  key: 'rigidExpenditure',
  steps: B1_STEPS,
  verificationBeforeApproval: false,
  townshipMayClose: true,
  emergencyGrant: false,
  decision: 'recognition',
  recognitionMaxMonths: 12,
  deadlines: B1_DEADLINES,
  source: '《刚性支出困难家庭认定办法》（2025-01-01 起施行，B3）；认定程序参照 B1',
};
