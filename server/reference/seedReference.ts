import { countiesOf, padAreaCode, CITY_CODE } from '../../shared/areas';
import { policyFigureNames, type Policy, type PolicyFigureName, type Program } from '../../shared/schemas/reference';
import { applicationTypeTerms } from '../../shared/vocabulary/applicationTypes';
import type { Database } from '../db/database';
import { storedIds, storeDocuments } from '../storage/documentStore';

/** When the reference data below was last revised; rows already present are never overwritten. */
const REFERENCE_UPDATED_AT = Date.UTC(2026, 0, 1);

const PLACEHOLDER_SOURCE =
  '待配置：没有找到该县公布的标准。请县级民政（或市级）在“政策参数”页按县政府公布的文件设置新的执行期（数额、文号、施行日期）。';

/**
 * One open-ended placeholder period per county, starting on 1 January of last year. No public
 * source at hand gives Binzhou's 低保 standards and the other local figures, so they ship as null
 * (待配置); only the edge multiplier is national policy (民政部等《关于加强低收入人口动态监测做好分层分类
 * 社会救助工作的意见》2023, B5). `placeholder` keeps every rule from judging with them until the
 * county sets a period of its own.
 */
function placeholderPolicy(countyCode: string, year: number): Policy {
  const figures = Object.fromEntries(policyFigureNames.map((name) => [name, null])) as Record<PolicyFigureName, null>;
  return {
    id: `policy-${countyCode}-placeholder`,
    areaCode: padAreaCode(countyCode),
    ...figures,
    edgeMultiplier: 1.5,
    source: PLACEHOLDER_SOURCE,
    figureSources: { edgeMultiplier: '民政部等《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》（2023，B5）' },
    validFrom: `${year - 1}-01-01`,
    placeholder: true,
    example: false,
    updatedAt: REFERENCE_UPDATED_AT,
  };
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

/**
 * Inserts the reference rows that are missing: a placeholder period for a county that has no
 * period at all, the programmes not yet stored. A county's own periods are never touched.
 */
export async function ensureReferenceData(db: Database, year = new Date().getFullYear()): Promise<void> {
  const existing = await storedIds(db, ['policies', 'programs']);
  const rows = await db.query<{ area_code: string }>("SELECT DISTINCT area_code FROM documents WHERE collection = 'policies'");
  const withPeriods = new Set(rows.map((row) => row.area_code));
  const missingPolicies = countiesOf()
    .filter((county) => !withPeriods.has(padAreaCode(county.code)))
    .map((county) => placeholderPolicy(county.code, year))
    .filter((p) => !existing.has(p.id));
  const missingPrograms = programs
    .filter((p) => !existing.has(p.id))
    .map((p) => ({ ...p, areaCode: padAreaCode(CITY_CODE), updatedAt: REFERENCE_UPDATED_AT }));
  if (missingPolicies.length === 0 && missingPrograms.length === 0) return;
  await db.transaction(async (tx) => {
    await storeDocuments(tx, 'policies', missingPolicies.map((doc) => ({ doc, deleted: false })));
    await storeDocuments(tx, 'programs', missingPrograms.map((doc) => ({ doc, deleted: false })));
  });
}
