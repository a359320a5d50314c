import { describe, expect, it } from 'vitest';
import { mergeDocuments } from '../../shared/sync/merge';

const base = {
  id: 'hh-1',
  address: '一村3号',
  phone: '13800000000',
  members: [
    { id: 'm1', name: '赵文龙', relation: 'head' },
    { id: 'm2', name: '孙桂芝', relation: 'parent' },
  ],
  updatedAt: 1,
};

describe('three-way merge of a document edited on both sides', () => {
  it('takes each side’s changes to different fields and different members', () => {
    const local = { ...base, address: '一村5号', members: [base.members[0]!, { ...base.members[1]!, name: '孙桂枝' }], updatedAt: 2 };
    const remote = { ...base, phone: '13900000000', updatedAt: 3 };
    const { merged, collisions } = mergeDocuments(base, local, remote);
    expect(collisions).toEqual([]);
    expect(merged).toMatchObject({ address: '一村5号', phone: '13900000000' });
    expect((merged['members'] as { name: string }[]).map((m) => m.name)).toEqual(['赵文龙', '孙桂枝']);
  });

  it('keeps a member added on each side', () => {
    const local = { ...base, members: [...base.members, { id: 'm3', name: '赵小龙', relation: 'child' }] };
    const remote = { ...base, members: [...base.members, { id: 'm4', name: '赵小凤', relation: 'child' }] };
    const { merged, collisions } = mergeDocuments(base, local, remote);
    expect(collisions).toEqual([]);
    expect((merged['members'] as { id: string }[]).map((m) => m.id)).toEqual(['m1', 'm2', 'm4', 'm3']);
  });

  it('lets the server win a true collision and names the field', () => {
    const local = { ...base, address: '村里写的地址' };
    const remote = { ...base, address: '乡镇写的地址' };
    const { merged, collisions } = mergeDocuments(base, local, remote);
    expect(merged['address']).toBe('乡镇写的地址');
    expect(collisions).toEqual(['address']);
    const nested = mergeDocuments(base, { ...base, members: [{ ...base.members[0]!, name: '甲' }, base.members[1]!] }, {
      ...base,
      members: [{ ...base.members[0]!, name: '乙' }, base.members[1]!],
    });
    expect(nested.collisions).toEqual(['members[m1].name']);
  });

  it('never merges inside an atomic group: both changed status and history, the server’s stand together', () => {
    const app = { id: 'a1', status: 'submitted', history: [{ id: 'h1', action: 'submit' }], reason: '生活困难' };
    const local = { ...app, status: 'withdrawn', history: [...app.history, { id: 'h2', action: 'withdraw' }] };
    const remote = { ...app, status: 'accepted', history: [...app.history, { id: 'h3', action: 'accept' }], reason: '因病致贫' };
    const { merged, collisions } = mergeDocuments(app, local, remote, { atomic: [['status', 'history']] });
    expect(merged['status']).toBe('accepted');
    expect((merged['history'] as { id: string }[]).map((h) => h.id)).toEqual(['h1', 'h3']);
    expect(merged['reason']).toBe('因病致贫');
    expect(collisions).toEqual(['status', 'history']);
    const onlyLocal = mergeDocuments(app, local, { ...app, reason: '因病致贫' }, { atomic: [['status', 'history']] });
    expect(onlyLocal.merged).toMatchObject({ status: 'withdrawn', reason: '因病致贫' });
    expect(onlyLocal.collisions).toEqual([]);
  });

  it('treats two unrelated creations with the same id as colliding wherever they differ', () => {
    const { merged, collisions } = mergeDocuments(undefined, { ...base, address: 'A' }, { ...base, address: 'B' });
    expect(merged['address']).toBe('B');
    expect(collisions).toEqual(['address']);
  });
});
