/**
 * Deterministic demo household documents for `JIUZHU_DEMO=1`: family shapes come from
 * families.ts; this file adds names, ID numbers, villages, phones and timestamps.
 */
import { findArea, villagesIn, type Area } from '../../shared/areas';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household, Member, MemberRelation } from '../../shared/schemas/household';
import { composeHousehold, KINDS, type Kind, type Person, type Sex } from './families';
import { chineseName } from './names';
import { createRandom, type Random } from './random';

export type DemoHousehold = Household;

export interface DemoHouseholdOptions {
  count: number;
  /** 12-digit village codes from the area data; each household goes to one picked at random. */
  villageCodes: readonly string[];
  seed: number;
  /** Epoch ms; ages and timestamps are relative to it so a fixed value gives fixed data. */
  now: number;
  createdBy: string;
}

/** 无棣县碣石山镇 and 惠民县胡集镇 (which has 王惠理联村). */
export const DEMO_TOWNSHIP_CODES = ['371623102', '371621104'] as const;

export const demoVillages: readonly Area[] = DEMO_TOWNSHIP_CODES.flatMap((code) => villagesIn(code));

/** Members are listed head first, then by generation as a 户口簿 would show them. */
const RELATION_ORDER: readonly MemberRelation[] = [
  'head', 'spouse', 'grandparent', 'parent', 'sibling', 'child', 'childInLaw', 'grandchild', 'other',
];

const DAY_MS = 86_400_000;

const NOTES: Record<Kind, readonly string[]> = {
  singleElder: ['独居老人，子女在外地务工', '老人行动不便，需定期上门走访', '老人患高血压、糖尿病，长期服药'],
  elderCouple: ['老两口均患慢性病，无固定收入', '子女已分户，老人自行生活', '户主腿脚不便，配偶照料'],
  elderWithChild: ['子女智力残疾，由老人照料', '子女长期患病，无劳动能力'],
  skippedGeneration: ['孩子父母在外务工，由祖父母照看', '孩子父亲去世，母亲改嫁，由祖父母抚养'],
  extended: ['家中有重病患者，医疗支出较大', '住房为危房，已申请改造'],
  family: ['户主因病丧失劳动能力', '配偶重度残疾，需专人照料', '子女在读，教育支出较大'],
  singleAdult: ['户主肢体残疾，独自生活', '户主患精神疾病，由村委会协助照看'],
};

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '176', '177', '180', '182', '183', '185', '186', '187', '188', '189', '199',
] as const;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A day in `year`, at least 30 days before `now` so no validator's "today" can reject it. */
function birthDateIn(random: Random, year: number, now: number): string {
  const start = Date.UTC(year, 0, 1);
  const daysInYear = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  const ms = start + random.int(0, daysInYear - 1) * DAY_MS;
  return isoDate(Math.min(ms, now - 30 * DAY_MS));
}

function mobile(random: Random): string {
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(random.int(0, 9));
  return random.pick(MOBILE_PREFIXES) + rest;
}

function uniqueId(random: Random, prefix: string, used: Set<string>): string {
  for (;;) {
    const id = prefix + random.hex(12);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/** Siblings share a surname and draw from the same era's names, so repeats are likely. */
function uniqueName(random: Random, person: Person, used: Set<string>): string {
  let name = chineseName(random, person.sex, person.birthYear, person.surname);
  for (let attempt = 0; used.has(name) && attempt < 20; attempt++) {
    name = chineseName(random, person.sex, person.birthYear, person.surname);
  }
  used.add(name);
  return name;
}

function uniqueIdNumber(random: Random, area6: string, birthDate: string, sex: Sex, used: Set<string>): string {
  for (;;) {
    const seq = random.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
    const idNumber = makeIdNumber(area6, birthDate, seq);
    if (!used.has(idNumber)) {
      used.add(idNumber);
      return idNumber;
    }
  }
}

function resolveVillages(codes: readonly string[]): Area[] {
  if (codes.length === 0) throw new Error('generateDemoHouseholds: villageCodes is empty');
  return codes.map((code) => {
    const area = findArea(code);
    if (area?.level !== 'village') throw new Error(`generateDemoHouseholds: ${code} is not a known village code`);
    return area;
  });
}

export function generateDemoHouseholds(options: DemoHouseholdOptions): DemoHousehold[] {
  const { count, seed, now, createdBy } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateDemoHouseholds: bad count ${count}`);
  const villages = resolveVillages(options.villageCodes);
  const random = createRandom(seed);
  const nowYear = new Date(now).getUTCFullYear();
  const usedIds = new Set<string>();
  const usedIdNumbers = new Set<string>();
  const households: DemoHousehold[] = [];

  for (let n = 0; n < count; n++) {
    const village = random.pick(villages);
    const kind = random.weighted(KINDS);
    const area6 = village.code.slice(0, 6);
    const names = new Set<string>();
    const members: Member[] = composeHousehold(random, kind, nowYear).map((person) => {
      const birthDate = birthDateIn(random, person.birthYear, now);
      return {
        id: uniqueId(random, 'mb-', usedIds),
        name: uniqueName(random, person, names),
        idNumber: uniqueIdNumber(random, area6, birthDate, person.sex, usedIdNumbers),
        relation: person.relation,
        birthDate,
        sex: person.sex,
      };
    });
    members.sort(
      (a, b) =>
        RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) || a.birthDate.localeCompare(b.birthDate),
    );
    const id = uniqueId(random, 'hh-', usedIds);
    const address = `${village.name}${random.int(1, 260)}号`;
    const phone = random.chance(kind === 'singleElder' ? 0.6 : 0.85) ? mobile(random) : undefined;
    const note = random.chance(0.45) ? random.pick(NOTES[kind]) : undefined;
    // Registered over the past three years, so some are due their yearly review visit.
    const createdAt = now - random.int(1, 1095) * DAY_MS - random.int(0, DAY_MS - 1);
    households.push({
      id,
      areaCode: village.code,
      address,
      // Absent rather than undefined, as a document read back from storage would be.
      ...(phone === undefined ? {} : { phone }),
      ...(note === undefined ? {} : { note }),
      members,
      createdAt,
      createdBy,
      updatedAt: createdAt + random.int(0, now - createdAt),
      updatedBy: createdBy,
    });
  }
  return households;
}
