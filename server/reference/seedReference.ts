import { countiesOf, padAreaCode, CITY_CODE } from '../../shared/areas';
import type { Policy, Program } from '../../shared/schemas/reference';
import { applicationTypeTerms } from '../../shared/vocabulary/applicationTypes';
import type { Database } from '../db/database';
import { storedIds, storeDocuments } from '../storage/documentStore';

/** When the reference data below was last revised; rows already present are never overwritten. */
const REFERENCE_UPDATED_AT = Date.UTC(2026, 0, 1);

const PLACEHOLDER_SOURCE =
  '待配置：没有找到该县本年度公布的标准。请县级民政管理员按县政府公布的文件填写（数额、文号、施行日期）。';

/**
 * One policy row per county and year. No public source at hand gives Binzhou's 2026 低保
 * standards, so those figures ship as null placeholders that the UI shows as 待配置; the edge
 * multiplier is national policy (民政部等《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》2023, B5).
 */
function placeholderPolicies(year: number): Policy[] {
  return countiesOf().map((county) => ({
    id: `policy-${county.code}-${year}`,
    areaCode: padAreaCode(county.code),
    year,
    dibaoStandardUrbanMonthly: null,
    dibaoStandardRuralMonthly: null,
    edgeMultiplier: 1.5,
    lastYearPerCapitaDisposableIncomeMonthly: null,
    rigidSpendingShare: null,
    source: `低保边缘倍数1.5：B5（2023）。其余：${PLACEHOLDER_SOURCE}`,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    placeholder: true,
    updatedAt: REFERENCE_UPDATED_AT,
  }));
}

/** The "3+N" catalogue (domain.md): basic living, special, emergency, and the N others. */
const programs: Omit<Program, 'areaCode' | 'updatedAt'>[] = [
  { id: 'program-dibao', name: '最低生活保障', tier: 'basicLiving', description: '基本生活救助：低保' },
  { id: 'program-tekun', name: applicationTypeTerms.tekun.zh, tier: 'basicLiving', description: '基本生活救助：特困供养' },
  { id: 'program-medical', name: applicationTypeTerms.medicalAid.zh, tier: 'special', description: '专项救助：医保报销后个人负担部分' },
  { id: 'program-education', name: applicationTypeTerms.educationAid.zh, tier: 'special', description: '专项救助' },
  { id: 'program-housing', name: applicationTypeTerms.housingAid.zh, tier: 'special', description: '专项救助' },
  { id: 'program-employment', name: applicationTypeTerms.employmentAid.zh, tier: 'special', description: '专项救助：公益性岗位等' },
  { id: 'program-temporary', name: applicationTypeTerms.temporaryAid.zh, tier: 'emergency', description: '急难救助' },
  { id: 'program-union', name: '工会帮扶', tier: 'other', description: '工会/共青团/妇联帮扶' },
  { id: 'program-utilities', name: '水电暖费用减免', tier: 'other', description: '公用事业费用救助' },
  { id: 'program-charity', name: applicationTypeTerms.charity.zh, tier: 'other', description: '如“安心纾困”基金（最高50万元）、“一米阳光”项目' },
];

/** Inserts the reference rows that are missing; an administrator's later edits are kept. */
export async function ensureReferenceData(db: Database, year = new Date().getFullYear()): Promise<void> {
  const existing = await storedIds(db, ['policies', 'programs']);
  const missingPolicies = [...placeholderPolicies(year - 1), ...placeholderPolicies(year)].filter((p) => !existing.has(p.id));
  const missingPrograms = programs
    .filter((p) => !existing.has(p.id))
    .map((p) => ({ ...p, areaCode: padAreaCode(CITY_CODE), updatedAt: REFERENCE_UPDATED_AT }));
  if (missingPolicies.length === 0 && missingPrograms.length === 0) return;
  await db.transaction(async (tx) => {
    await storeDocuments(tx, 'policies', missingPolicies.map((doc) => ({ doc, deleted: false })));
    await storeDocuments(tx, 'programs', missingPrograms.map((doc) => ({ doc, deleted: false })));
  });
}
