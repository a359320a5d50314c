/**
 * Household shapes for demo data. They mimic rural assistance caseloads: many elderly heads
 * living alone or as couples, grandparents raising left-behind children, and some
 * working-age households hit by illness or disability.
 */
import type { MemberRelation } from '../../shared/schemas/household';
import { pickSurname } from './names';
import type { Random } from './random';

export type Sex = 'male' | 'female';

export interface Person {
  relation: MemberRelation;
  sex: Sex;
  birthYear: number;
  surname?: string;
}

/** Keeps parent–child gaps inside 20–40 years even if a recent birth date is moved back a year. */
const MIN_GENERATION_GAP = 22;
const MAX_GENERATION_GAP = 38;
const MAX_AGE = 98;

export type Kind = 'singleElder' | 'elderCouple' | 'elderWithChild' | 'skippedGeneration' | 'extended' | 'family' | 'singleAdult';

export const KINDS: readonly (readonly [Kind, number])[] = [
  ['singleElder', 22],
  ['elderCouple', 20],
  ['elderWithChild', 9],
  ['skippedGeneration', 13],
  ['extended', 12],
  ['family', 15],
  ['singleAdult', 9],
];

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

function fatherSurname(people: readonly Person[]): string | undefined {
  return people.find((p) => p.sex === 'male')?.surname;
}

interface Descendants {
  ancestors: readonly Person[];
  /** 1 for children, 2 for grandchildren whose parents do not live in the household. */
  generations: 1 | 2;
  relation: MemberRelation;
  count: number;
  earliestYear?: number;
  latestYear: number;
}

/**
 * Adds up to `count` siblings born 22–38 years per generation after every ancestor given,
 * at least two years apart, sharing the father's surname. Returns those added, oldest first.
 */
function addDescendants(random: Random, people: Person[], spec: Descendants): Person[] {
  const years = spec.ancestors.map((p) => p.birthYear);
  const from = Math.max(Math.max(...years) + spec.generations * MIN_GENERATION_GAP, spec.earliestYear ?? -Infinity);
  const to = Math.min(Math.min(...years) + spec.generations * MAX_GENERATION_GAP, spec.latestYear);
  if (from > to) return [];
  const birthYears = new Set<number>();
  for (let i = 0; i < spec.count; i++) birthYears.add(random.int(from, to));
  const surname = fatherSurname(spec.ancestors) ?? pickSurname(random);
  const added: Person[] = [];
  let previous = -Infinity;
  for (const birthYear of [...birthYears].sort((x, y) => x - y)) {
    // Siblings born months apart look like a data error; twins are left out for the same reason.
    if (people.length >= 6 || birthYear - previous < 2) continue;
    previous = birthYear;
    const person: Person = { relation: spec.relation, sex: random.chance(0.5) ? 'male' : 'female', birthYear, surname };
    people.push(person);
    added.push(person);
  }
  return added;
}

export function composeHousehold(random: Random, kind: Kind, nowYear: number): Person[] {
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
      const ancestors = [...people];
      addDescendants(random, people, { ancestors, generations: 1, relation: 'child', count: 1, latestYear: nowYear - 20 });
      return people;
    }
    case 'skippedGeneration': {
      const h = head(random.chance(0.75) ? 'male' : 'female', headAge(56, 78));
      const people = random.chance(0.75) ? [h, spouseOf(random, h)] : [h];
      // Their parents work away or are gone; the children are minors, which is why they live here.
      addDescendants(random, people, {
        ancestors: [...people],
        generations: 2,
        relation: 'grandchild',
        count: random.int(1, 3),
        earliestYear: nowYear - 17,
        latestYear: nowYear - 1,
      });
      return people;
    }
    case 'extended': {
      const h = head('male', headAge(58, 80));
      const people = [h, spouseOf(random, h)];
      const [son] = addDescendants(random, people, {
        ancestors: [...people],
        generations: 1,
        relation: 'child',
        count: 1,
        latestYear: nowYear - 24,
      });
      if (!son) return people;
      son.sex = 'male';
      const inLaw: Person = { relation: 'childInLaw', sex: 'female', birthYear: son.birthYear + random.int(-1, 4) };
      people.push(inLaw);
      const count = random.int(1, 2);
      addDescendants(random, people, { ancestors: [son, inLaw], generations: 1, relation: 'grandchild', count, latestYear: nowYear });
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
          if (parent.sex === 'male') parent.surname = h.surname;
          people.push(parent);
        }
      }
      const count = random.int(1, 3);
      addDescendants(random, people, { ancestors: parents, generations: 1, relation: 'child', count, latestYear: nowYear });
      return people;
    }
    case 'singleAdult':
      return [head(random.chance(0.7) ? 'male' : 'female', headAge(30, 60))];
  }
}
