import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';

let serial = 1;

/** A valid household in a village, with a head and a spouse whose ID numbers are unique in the run. */
export function makeHousehold(areaCode: string, overrides: Partial<Household> = {}): Household {
  const n = serial++;
  const now = Date.now();
  const headId = makeIdNumber(areaCode.slice(0, 6), '1960-03-15', (n * 2 + 1) % 1000);
  const spouseId = makeIdNumber(areaCode.slice(0, 6), '1962-07-01', (n * 2) % 1000);
  return {
    id: `hh-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    areaCode,
    address: `测试村${n}号`,
    members: [
      { id: `m-${n}-1`, name: `测试户主${n}`, idNumber: headId, relation: 'head', birthDate: '1960-03-15', sex: 'male' },
      { id: `m-${n}-2`, name: `测试配偶${n}`, idNumber: spouseId, relation: 'spouse', birthDate: '1962-07-01', sex: 'female' },
    ],
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...overrides,
  };
}

export function makeVisit(household: Household, overrides: Partial<Visit> = {}): Visit {
  const now = Date.now();
  return {
    id: `v-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    areaCode: household.areaCode,
    householdId: household.id,
    type: 'routine',
    visitDate: '2026-11-20',
    investigators: ['王秀兰'],
    findings: '家中两位老人，身体尚可，冬季取暖需要帮助。',
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...overrides,
  };
}

export const wire = <T extends object>(doc: T, deleted = false) => ({ ...doc, _deleted: deleted });
export const newRow = <T extends object>(doc: T) => ({ assumedMasterState: null, newDocumentState: wire(doc) });
