import { describe, expect, it } from 'vitest';
import { roles } from '../../shared/auth/roles';
import { applicationStatuses } from '../../shared/rules/applicationStatus';
import { collectionDefinitions, syncedCollections } from '../../shared/sync/collections';
import { checkWrite, mayChangeGroup, mayCreate, mayDelete } from '../../shared/sync/writeCheck';
import { writePolicy } from '../../shared/sync/writePolicy';

const assistant = { role: 'assistant', userId: 'u-a' } as const;
const township = { role: 'township', userId: 'u-t' } as const;
const county = { role: 'county', userId: 'u-c' } as const;

describe('the write policy table', () => {
  it.each(syncedCollections)('names every field of %s exactly once: in a group, as provenance or as derived', (collection) => {
    const policy = writePolicy[collection];
    const named = [...Object.values(policy.groups).flatMap((g) => g.fields), ...policy.provenance, ...policy.derived];
    const schemaFields = Object.keys(collectionDefinitions[collection].jsonSchema.properties);
    expect([...named].sort()).toEqual([...schemaFields].sort());
    expect(new Set(named).size).toBe(named.length);
  });

  it('knows every state a record can be in, in words', () => {
    expect(Object.keys(writePolicy.applications.states)).toEqual([...applicationStatuses]);
    for (const collection of syncedCollections) {
      for (const grant of Object.values(writePolicy[collection].groups).flatMap((g) => g.change)) {
        for (const state of grant.states ?? []) expect(writePolicy[collection].states).toHaveProperty(state);
        for (const role of grant.roles) expect(roles).toContain(role);
      }
    }
  });

  it('lets no one delete a household or an application, and no one but its case workers write at all', () => {
    expect(writePolicy.households.delete).toEqual([]);
    expect(writePolicy.applications.delete).toEqual([]);
    for (const collection of syncedCollections) {
      expect(mayCreate(collection, 'city')).toBe(false);
      expect(mayCreate(collection, 'admin')).toBe(false);
    }
  });
});

describe('checkWrite', () => {
  const application = { id: 'app-00000001', status: 'approved', decision: { approvedMonthlyAmount: 300, method: 'gap' }, createdBy: 'u-a', history: [] };

  it('names each field a role may not change, in words', () => {
    const raised = { ...application, decision: { approvedMonthlyAmount: 3000, method: 'gap' } };
    expect(checkWrite({ collection: 'applications', previous: { doc: application, deleted: false }, next: raised, deleted: false, writer: assistant })).toEqual([
      { field: 'decision', message: '村级协理员不能在救助申请“已批准”时修改审核确认结果' },
    ]);
    expect(checkWrite({ collection: 'applications', previous: { doc: application, deleted: false }, next: raised, deleted: false, writer: county })).toHaveLength(1);
  });

  it('lets the county write its decision only with the approve or refuse step', () => {
    const pending = { ...application, status: 'pendingConfirmation', decision: undefined };
    const decided = { ...pending, decision: { approvedMonthlyAmount: 300, method: 'gap' } };
    const step = (action: string) => ({ ...decided, history: [{ action }] });
    const check = (next: object) => checkWrite({ collection: 'applications', previous: { doc: pending, deleted: false }, next: next as never, deleted: false, writer: county });
    expect(check(decided)).toHaveLength(1);
    expect(check(step('approve'))).toEqual([]);
    expect(check(step('refuse'))).toEqual([]);
  });

  it('refuses what a new record may not carry yet, and who may not create it', () => {
    const fresh = { id: 'app-00000002', status: 'draft', decision: { approvedMonthlyAmount: 1 }, history: [] };
    expect(checkWrite({ collection: 'applications', previous: null, next: fresh, deleted: false, writer: assistant })).toEqual([
      { field: 'decision', message: '新建救助申请时不能填写审核确认结果' },
    ]);
    expect(checkWrite({ collection: 'careNeeds', previous: null, next: { id: 'cn-00000001' }, deleted: false, writer: assistant })).toEqual([
      { field: 'id', message: '村级协理员不能新建照料需求' },
    ]);
  });

  it('refuses deleting what is archived or withdrawn instead, and keeps deletion of a file to its author and the township', () => {
    expect(checkWrite({ collection: 'households', previous: { doc: { id: 'hh-1' }, deleted: false }, next: { id: 'hh-1' }, deleted: true, writer: township })).toEqual([
      { field: '_deleted', message: '家庭不能删除，只能归档' },
    ]);
    const photo = { id: 'att-1', createdBy: 'u-a' };
    expect(mayDelete('attachments', photo, assistant)).toBe(true);
    expect(mayDelete('attachments', photo, { role: 'assistant', userId: 'u-other' })).toBe(false);
    expect(mayDelete('attachments', photo, township)).toBe(true);
    expect(mayDelete('attachments', photo, county)).toBe(false);
  });

  it('answers the app’s questions: what may be edited now', () => {
    const household = { id: 'hh-1', createdBy: 'u-a' };
    const archived = { ...household, archived: { at: 1, by: 'u-a', reason: '迁出' } };
    expect(mayChangeGroup('households', 'registration', household, assistant)).toBe(true);
    expect(mayChangeGroup('households', 'registration', archived, assistant)).toBe(false);
    expect(mayChangeGroup('households', 'archived', archived, township)).toBe(true);
    expect(mayChangeGroup('households', 'registration', household, county)).toBe(false);
    expect(mayChangeGroup('applications', 'declaration', { status: 'returned' }, assistant)).toBe(true);
    expect(mayChangeGroup('applications', 'declaration', { status: 'submitted' }, assistant)).toBe(false);
    expect(mayChangeGroup('careNeeds', 'need', { state: 'open' }, { role: 'social_worker', userId: 'u-s' })).toBe(true);
    expect(mayChangeGroup('careNeeds', 'need', { state: 'open' }, township)).toBe(false);
    expect(mayChangeGroup('visits', 'record', { createdBy: 'u-a' }, assistant)).toBe(true);
    expect(mayChangeGroup('visits', 'record', { createdBy: 'u-a' }, { role: 'assistant', userId: 'u-b' })).toBe(false);
    expect(mayCreate('visits', 'social_worker')).toBe(true);
    expect(mayCreate('households', 'county')).toBe(false);
  });
});
