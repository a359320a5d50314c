/**
 * Deterministic demo households for `JIUZHU_DEMO=1`. They mimic rural assistance caseloads:
 * many elderly heads living alone or as couples, grandparents raising left-behind children,
 * and a few working-age households hit by illness or disability.
 */
import { findArea, villagesIn, type Area } from '../../shared/areas';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household, Member, MemberRelation } from '../../shared/schemas/household';
import { chineseName, pickSurname } from './names';
import { createRandom, type Random } from './random';

export type DemoHousehold = Household;

export interface DemoHouseholdOptions {
  count: number;
  /** 12-digit village codes from the area data; households are spread evenly over them. */
  villageCodes: readonly string[];
  seed: number;
  /** Epoch ms; ages and timestamps are relative to it so a fixed value gives fixed data. */
  now: number;
  createdBy: string;
}

/** 无棣县碣石山镇 and 惠民县胡集镇 (which has 王惠理联村). */
export const DEMO_TOWNSHIP_CODES = ['371623102', '371621104'] as const;

export const demoVillages: readonly Area[] = DEMO_TOWNSHIP_CODES.flatMap((code) => villagesIn(code));

type Sex = 'male' | 'female';

interface Person {
  relation: MemberRelation;
  sex: Sex;
  birthYear: number;
  surname?: string;
}

const DAY_MS = 86_400_000;
/** Keeps parent–child gaps inside 20–40 years even after a birth date is clamped by a year. */
const MIN_GENERATION_GAP = 22;
const MAX_GENERATION_GAP = 38;
const MAX_AGE = 98;

type Kind = 'singleElder' | 'elderCouple' | 'elderWithChild' | 'skippedGeneration' | 'extended' | 'family' | 'singleAdult';

const KINDS: readonly (readonly [Kind, number])[] = [
  ['singleElder', 22],
  ['elderCouple', 20],
  ['elderWithChild', 9],
  ['skippedGeneration', 13],
  ['extended', 12],
  ['family', 15],
  ['singleAdult', 9],
];

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

function spouseOf(random: Random, head: Person): Person {
  // Wives are usually a few years younger than their husbands.
  const gap = random.int(-2, 6);
  return {
    relation: 'spouse',
    sex: head.sex === 'male' ? 'female' : 'male',
    birthYear: head.sex === 'male' ? head.birthYear + gap : head.birthYear - gap,
    surname: pickSurname(random),
  };
}

/** A birth year 22–38 years after every parent given, or undefined if the window is empty. */
function nextGenerationYear(random: Random, parents: readonly Person[], latestYear: number): number | undefined {
  const years = parents.map((p) => p.birthYear);
  const from = Math.max(...years) + MIN_GENERATION_GAP;
  const to = Math.min(Math.min(...years) + MAX_GENERATION_GAP, latestYear);
  return from <= to ? random.int(from, to) : undefined;
}

function fatherSurname(people: readonly Person[]): string | undefined {
  return people.find((p) => p.sex === 'male')?.surname;
}

function addChildren(
  random: Random,
  people: Person[],
  parents: readonly Person[],
  relation: MemberRelation,
  count: number,
  latestYear: number,
): Person[] {
  const added: Person[] = [];
  for (let i = 0; i < count && people.length < 6; i++) {
    const birthYear = nextGenerationYear(random, parents, latestYear);
    if (birthYear === undefined) break;
    const child: Person = { relation, sex: random.chance(0.5) ? 'male' : 'female', birthYear };
    const surname = fatherSurname(parents);
    if (surname) child.surname = surname;
    people.push(child);
    added.push(child);
  }
  return added;
}

function composeHousehold(random: Random, kind: Kind, nowYear: number): Person[] {
  const latestYear = nowYear;
  const headAge = (min: number, max: number): number => nowYear - random.int(min, max);
  const head = (sex: Sex, birthYear: number): Person => ({ relation: 'head', sex, birthYear, surname: pickSurname(random) });

  switch (kind) {
    case 'singleElder':
      // More widows than widowers: women outlive men.
      return [head(random.chance(0.55) ? 'female' : 'male', headAge(62, 92))];
    case 'elderCouple': {
      const h = head(random.chance(0.85) ? 'male' : 'female', headAge(60, 88));
      return [h, spouseOf(random, h)];
    }
    case 'elderWithChild': {
      const h = head(random.chance(0.7) ? 'male' : 'female', headAge(62, 85));
      const people = random.chance(0.65) ? [h, spouseOf(random, h)] : [h];
      addChildren(random, people, people, 'child', 1, latestYear - 20);
      return people;
    }
    case 'skippedGeneration': {
      const h = head(random.chance(0.75) ? 'male' : 'female', headAge(56, 78));
      const people = random.chance(0.75) ? [h, spouseOf(random, h)] : [h];
      // The absent middle generation is implied: grandchildren come two generations down,
      // and are minors, since that is why the grandparents look after them.
      const grandparentYears = people.map((p) => p.birthYear);
      for (let i = random.int(1, 3); i > 0; i--) {
        const from = Math.max(Math.max(...grandparentYears) + 2 * MIN_GENERATION_GAP, nowYear - 17);
        const to = Math.min(Math.min(...grandparentYears) + 2 * MAX_GENERATION_GAP, latestYear - 1);
        if (from > to) break;
        const grandchild: Person = { relation: 'grandchild', sex: random.chance(0.5) ? 'male' : 'female', birthYear: random.int(from, to) };
        if (h.sex === 'male' && h.surname) grandchild.surname = h.surname;
        people.push(grandchild);
      }
      return people;
    }
    case 'extended': {
      const h = head('male', headAge(58, 80));
      const people = [h, spouseOf(random, h)];
      const [son] = addChildren(random, people, people, 'child', 1, latestYear - 24);
      if (!son) return people;
      son.sex = 'male';
      const inLaw: Person = { relation: 'childInLaw', sex: 'female', birthYear: son.birthYear + random.int(-1, 4) };
      people.push(inLaw);
      addChildren(random, people, [son, inLaw], 'grandchild', random.int(1, 2), latestYear);
      return people;
    }
    case 'family': {
      const h = head(random.chance(0.85) ? 'male' : 'female', headAge(30, 56));
      const people = random.chance(0.85) ? [h, spouseOf(random, h)] : [h];
      const parents = [...people];
      if (random.chance(0.3)) {
        const parentYear = h.birthYear - random.int(MIN_GENERATION_GAP, MAX_GENERATION_GAP);
        if (nowYear - parentYear <= MAX_AGE) {
          const parent: Person = { relation: 'parent', sex: random.chance(0.6) ? 'female' : 'male', birthYear: parentYear };
          if (parent.sex === 'male' && h.sex === 'male' && h.surname) parent.surname = h.surname;
          people.push(parent);
        }
      }
      addChildren(random, people, parents, 'child', random.int(1, 3), latestYear);
      return people;
    }
    case 'singleAdult':
      return [head(random.chance(0.7) ? 'male' : 'female', headAge(30, 60))];
  }
}

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
    const members: Member[] = composeHousehold(random, kind, nowYear).map((person) => {
      const birthDate = birthDateIn(random, person.birthYear, now);
      return {
        id: uniqueId(random, 'mb-', usedIds),
        name: chineseName(random, person.sex, person.birthYear, person.surname),
        idNumber: uniqueIdNumber(random, area6, birthDate, person.sex, usedIdNumbers),
        relation: person.relation,
        birthDate,
        sex: person.sex,
      };
    });
    const createdAt = now - random.int(1, 365) * DAY_MS - random.int(0, DAY_MS - 1);
    const household: DemoHousehold = {
      id: uniqueId(random, 'hh-', usedIds),
      areaCode: village.code,
      address: `${village.name}${random.int(1, 260)}号`,
      members,
      createdAt,
      createdBy,
      updatedAt: createdAt + random.int(0, now - createdAt),
      updatedBy: createdBy,
    };
    if (random.chance(kind === 'singleElder' ? 0.6 : 0.85)) household.phone = mobile(random);
    if (random.chance(0.45)) household.note = random.pick(NOTES[kind]);
    households.push(household);
  }
  return households;
}
