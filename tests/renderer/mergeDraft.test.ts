import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../renderer/ui/drafts/mergeDraft';
import { anyFormUnsaved, registerOpenForm } from '../../renderer/ui/drafts/unsavedForms';

const fresh = () => ({
  address: '',
  members: [{ id: 'm1', name: '', relation: 'head' as string | undefined, monthlyIncome: null as number | null }],
  disability: { category: undefined as string | undefined, grade: undefined as number | undefined },
  categories: [] as string[],
  areaCode: undefined as string | undefined,
  registeredSeparately: false,
});

describe('a kept draft laid over a form’s fresh values', () => {
  it('brings back every value typed, lists whole, and fields that started empty', () => {
    const saved = JSON.parse(
      JSON.stringify({
        address: '碣石山镇一村 8 排 3 号',
        members: [{ id: 'm1', name: '孔繁荣', relation: 'head', monthlyIncome: 800 }, { id: 'm2', name: '孔小梅' }],
        disability: { category: 'visual', grade: 2 },
        categories: ['elderly'],
        areaCode: '371623102201',
        registeredSeparately: true,
      }),
    );
    expect(mergeDraft(fresh(), saved)).toEqual(saved);
  });

  it('keeps the fresh value where the draft has none or one of the wrong kind (an older form, a damaged entry)', () => {
    const merged = mergeDraft(fresh(), { address: 12, members: 'not a list', disability: 'x', registeredSeparately: 'yes', note: '新字段' });
    expect(merged).toEqual({ ...fresh(), note: '新字段' });
    expect(mergeDraft(fresh(), null)).toEqual(fresh());
    expect(mergeDraft(fresh(), 'garbage')).toEqual(fresh());
  });

  it('keeps a number cleared by hand cleared', () => {
    const start = { monthlyIncome: 800 as number | null, name: '孔繁荣' };
    expect(mergeDraft(start, { monthlyIncome: null })).toEqual({ monthlyIncome: null, name: '孔繁荣' });
  });
});

describe('the open forms asked before signing out', () => {
  it('answers yes while any open form holds unsaved changes, and forgets a closed form', () => {
    let unsaved = false;
    const close = registerOpenForm(() => unsaved);
    const closeOther = registerOpenForm(() => false);
    expect(anyFormUnsaved()).toBe(false);
    unsaved = true;
    expect(anyFormUnsaved()).toBe(true);
    close();
    expect(anyFormUnsaved()).toBe(false);
    closeOther();
  });
});
