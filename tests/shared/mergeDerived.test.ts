import { describe, expect, it } from 'vitest';
import { withDerived, withoutDerived } from '../../shared/sync/derivedFields';
import { mergeDocuments } from '../../shared/sync/merge';

const member = (id: string, name: string, idNumber: string) => ({ id, name, idNumber });
const household = (members: ReturnType<typeof member>[]) => ({
  id: 'hh-1',
  members,
  memberNames: members.map((m) => m.name),
  idHashes: members.map((m) => `hash-of-${m.idNumber}-padding`),
});

describe('search entries computed from a household’s members, after a merge', () => {
  const base = household([member('m1', '赵文龙', 'A1'), member('m2', '孙桂芝', 'B2')]);
  const local = household([...base.members, member('m3', '赵小龙', 'C3')]);
  const remote = household([base.members[0]!, member('m2', '孙桂枝', 'B2'), member('m4', '赵小凤', 'D4')]);

  it('takes both sides’ new members and rebuilds names and hashes from them, with no collision', () => {
    const { merged, collisions } = mergeDocuments(withoutDerived('households', base), withoutDerived('households', local), withoutDerived('households', remote));
    expect(collisions).toEqual([]);
    const result = withDerived('households', merged, [remote, local]);
    expect(result['memberNames']).toEqual(['赵文龙', '孙桂枝', '赵小凤', '赵小龙']);
    expect(result['idHashes']).toEqual(['A1', 'B2', 'D4', 'C3'].map((n) => `hash-of-${n}-padding`));
  });

  it('collides on the derived fields when they are merged like any other field (why they are not)', () => {
    expect(mergeDocuments(base, local, remote).collisions).toEqual(expect.arrayContaining(['memberNames', 'idHashes']));
  });

  it('leaves the hashes out rather than guess when a member’s hash is known on neither side', () => {
    const { idHashes: _h, ...unhashed } = local;
    const merged = { ...remote, members: [...remote.members, member('m3', '赵小龙', 'C3')] };
    expect(withDerived('households', merged, [remote, unhashed])['idHashes']).toBeUndefined();
    expect(withDerived('visits', { id: 'v1' }, [])).toEqual({ id: 'v1' });
  });
});
