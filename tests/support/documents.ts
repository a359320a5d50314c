import { randomBytes, randomUUID } from 'node:crypto';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { PersonRole, Role } from '../../shared/auth/roles';
import type { ApplicationAction, ApplicationStatus } from '../../shared/rules/applicationStatus';
import type { Application } from '../../shared/schemas/application';
import type { Attachment } from '../../shared/schemas/attachment';
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

/** The description of a photo of a household's home (the bytes themselves travel by tus, not sync). */
export function makeAttachment(
  owner: { id: string; areaCode: string },
  collection: Attachment['owner']['collection'] = 'households',
  overrides: Partial<Attachment> = {},
): Attachment {
  const now = Date.now();
  return {
    id: `att-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    areaCode: owner.areaCode,
    owner: { collection, id: owner.id },
    kind: 'photo',
    sha256: randomBytes(32).toString('hex'),
    contentType: 'image/jpeg',
    size: 52_000,
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...overrides,
  };
}

/** A document without what the server sets itself (who wrote it and when), for comparing what was sent with what is stored. */
export function withoutProvenance<T extends object>(doc: T): Omit<T, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'> {
  const { createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...rest } = doc as T & Record<string, unknown>;
  return rest as Omit<T, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>;
}

/**
 * A document without anything the server sets itself: provenance, and a household's derived search
 * fields (`memberNames`, `idHashes`, computed by the server from the members on every push).
 */
export function withoutServerFields<T extends object>(doc: T): Omit<T, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'memberNames' | 'idHashes'> {
  const { memberNames: _names, idHashes: _hashes, ...rest } = withoutProvenance(doc) as Record<string, unknown>;
  return rest as Omit<T, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'memberNames' | 'idHashes'>;
}

export const wire = <T extends object>(doc: T, deleted = false) => ({ ...doc, _deleted: deleted });
export const newRow = <T extends object>(doc: T) => ({ assumedMasterState: null, newDocumentState: wire(doc) });

/** A 低保 application of a household, in status draft, with no history yet. */
export function makeApplication(household: Household, overrides: Partial<Application> = {}): Application {
  const now = Date.now();
  const head = household.members[0]!;
  return {
    id: `app-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    areaCode: household.areaCode,
    householdId: household.id,
    type: 'dibao',
    mode: 'onApplication',
    assistance: 'none',
    applicantMemberId: head.id,
    coveredMemberIds: household.members.map((m) => m.id),
    singlePersonUnit: false,
    incomeItems: [{ id: 'i1', memberId: head.id, kind: 'wages', monthlyAmount: 300, treatment: 'counted' }],
    propertyItems: [],
    documents: [{ kind: 'idAndHukou', state: 'provided' }],
    pledgeSigned: true,
    status: 'draft',
    history: [],
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...overrides,
  };
}

/** The application one step further along, as the app writes it: status and an appended history entry. */
export function stepApplication(
  application: Application,
  step: { action: ApplicationAction; to: ApplicationStatus; by: { id: string; role: Role; displayName: string } },
  extra: Partial<Application> = {},
): Application {
  return {
    ...application,
    ...extra,
    status: step.to,
    history: [
      ...application.history,
      {
        id: `h-${randomUUID().slice(0, 8)}`,
        action: step.action,
        from: application.status,
        to: step.to,
        at: Date.now(),
        byUserId: step.by.id,
        byName: step.by.displayName,
        // A relay's step too, for the tests that see one refused (no relay ever signs a step).
        role: step.by.role as PersonRole,
      },
    ],
    updatedAt: application.updatedAt + 1,
  };
}
