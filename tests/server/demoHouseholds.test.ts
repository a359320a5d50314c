import { describe, expect, it } from 'vitest';
import { DEMO_TOWNSHIP_CODES, demoVillages, generateDemoHouseholds } from '../../server/demo/households';
import { findArea } from '../../shared/areas';
import { checkIdNumber } from '../../shared/domain/idNumber';
import { householdSchema } from '../../shared/schemas/household';

const NOW = Date.UTC(2025, 5, 1, 2, 0, 0);
const options = {
  count: 200,
  villageCodes: demoVillages.map((v) => v.code),
  seed: 20250601,
  now: NOW,
  createdBy: 'demo-admin',
};
const households = generateDemoHouseholds(options);
const members = households.flatMap((h) => h.members);
const yearOf = (date: string): number => Number(date.slice(0, 4));
const ageOf = (date: string): number => 2025 - yearOf(date);

describe('demoVillages', () => {
  it('covers 碣石山镇 and 胡集镇, including 王惠理联村', () => {
    expect(DEMO_TOWNSHIP_CODES).toEqual(['371623102', '371621104']);
    expect(demoVillages.length).toBeGreaterThan(20);
    expect(demoVillages.every((v) => v.level === 'village')).toBe(true);
    expect(demoVillages.find((v) => v.name === '王惠理联村')?.code).toBe('371621104303');
  });
});

describe('generateDemoHouseholds', () => {
  it('produces documents the household schema accepts', () => {
    expect(households).toHaveLength(200);
    for (const household of households) {
      const result = householdSchema.safeParse(household);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      expect(result.data).toEqual(household);
    }
  });

  it('uses valid, unique ID numbers consistent with each member', () => {
    expect(new Set(members.map((m) => m.idNumber)).size).toBe(members.length);
    for (const household of households) {
      for (const m of household.members) {
        expect(checkIdNumber(m.idNumber, new Date(NOW))).toEqual({ ok: true, birthDate: m.birthDate, sex: m.sex });
        expect(m.idNumber.slice(0, 6)).toBe(household.areaCode.slice(0, 6));
      }
    }
    const ids = [...households.map((h) => h.id), ...members.map((m) => m.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(households.every((h) => /^hh-[0-9a-f]{12}$/.test(h.id))).toBe(true);
  });

  it('places households in real villages of the two townships', () => {
    for (const household of households) {
      const area = findArea(household.areaCode);
      expect(area?.level).toBe('village');
      expect(DEMO_TOWNSHIP_CODES.some((t) => household.areaCode.startsWith(t))).toBe(true);
      expect(household.address.startsWith(area!.name)).toBe(true);
    }
    expect(new Set(households.map((h) => h.areaCode.slice(0, 9))).size).toBe(2);
  });

  it('builds plausible families', () => {
    for (const { members: people } of households) {
      expect(people.length).toBeGreaterThanOrEqual(1);
      expect(people.length).toBeLessThanOrEqual(6);
      const heads = people.filter((m) => m.relation === 'head');
      expect(heads).toHaveLength(1);
      const head = heads[0]!;
      expect(people[0]).toBe(head);
      expect(new Set(people.map((m) => m.name)).size).toBe(people.length);
      const spouse = people.find((m) => m.relation === 'spouse');
      if (spouse) expect(spouse.sex).not.toBe(head.sex);
      for (const child of people.filter((m) => m.relation === 'child')) {
        for (const parent of spouse ? [head, spouse] : [head]) {
          const gap = yearOf(child.birthDate) - yearOf(parent.birthDate);
          expect(gap).toBeGreaterThanOrEqual(20);
          expect(gap).toBeLessThanOrEqual(40);
        }
      }
      for (const parent of people.filter((m) => m.relation === 'parent')) {
        const gap = yearOf(head.birthDate) - yearOf(parent.birthDate);
        expect(gap).toBeGreaterThanOrEqual(20);
        expect(gap).toBeLessThanOrEqual(40);
      }
      for (const grandchild of people.filter((m) => m.relation === 'grandchild')) {
        expect(yearOf(grandchild.birthDate) - yearOf(head.birthDate)).toBeGreaterThanOrEqual(40);
      }
      for (const m of people) {
        expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
        expect(ageOf(m.birthDate)).toBeLessThanOrEqual(100);
      }
    }
    const elderlyHeads = households.filter((h) => ageOf(h.members[0]!.birthDate) >= 60).length;
    expect(elderlyHeads / households.length).toBeGreaterThan(0.5);
    expect(households.filter((h) => h.members.length === 1).length).toBeGreaterThan(20);
    expect(households.some((h) => h.members.length >= 4)).toBe(true);
  });

  it('sets phones, notes and timestamps sensibly', () => {
    const withPhone = households.filter((h) => h.phone !== undefined);
    expect(withPhone.length).toBeGreaterThan(100);
    expect(withPhone.length).toBeLessThan(200);
    expect(withPhone.every((h) => /^1[3-9]\d{9}$/.test(h.phone!))).toBe(true);
    expect(households.some((h) => h.note !== undefined)).toBe(true);
    for (const h of households) {
      expect(h.createdAt).toBeLessThanOrEqual(h.updatedAt);
      expect(h.updatedAt).toBeLessThanOrEqual(NOW);
      expect(h.createdBy).toBe('demo-admin');
      expect(h.updatedBy).toBe('demo-admin');
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    expect(generateDemoHouseholds(options)).toEqual(households);
    const other = generateDemoHouseholds({ ...options, seed: 7 });
    expect(other.map((h) => h.id)).not.toEqual(households.map((h) => h.id));
  });

  it('rejects codes that are not villages', () => {
    expect(() => generateDemoHouseholds({ ...options, villageCodes: ['371623102'] })).toThrow();
    expect(() => generateDemoHouseholds({ ...options, villageCodes: [] })).toThrow();
  });
});
