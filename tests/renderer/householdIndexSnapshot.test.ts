import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { householdIndexOf } from '../../renderer/data/households/householdIndex';
import { householdMatcher, type HouseholdSearch } from '../../renderer/data/households/householdSearch';
import { referenceSearch } from '../support/referenceSearch';
import { villagesIn } from '../../shared/areas';
import { headOf, type Household } from '../../shared/schemas/household';
import { generateDemoHouseholds } from '../../server/demo/households';
import { FIRST_PULL_LWT, markFirstPullRunning } from '../../renderer/data/core/sync/firstPull';

const PASSWORD = 'test-password-0123456789';
const villages = villagesIn('371623102').slice(0, 3).map((v) => v.code);

let opened: JiuzhuDatabase | null = null;
afterEach(async () => {
  await opened?.remove();
  opened = null;
});

let serial = 0;
const freshName = () => `index-snapshot-${Date.now()}-${serial++}`;
async function open(name: string): Promise<JiuzhuDatabase> {
  opened = await openJiuzhuDatabase(name, getRxStorageDexie(), { password: PASSWORD });
  return opened;
}

function households(count: number, seed: number): Household[] {
  return generateDemoHouseholds({ count, villageCodes: villages, seed, now: Date.UTC(2026, 10, 1), createdBy: 'u-test' }).map((h) => ({
    ...h,
    memberNames: h.members.map((m) => m.name),
  }));
}

/** Copies as a first pull stores them (firstPull.ts): all with the same write time. */
const writeCopies = (db: JiuzhuDatabase, docs: Household[]) =>
  db.households.internalStorageInstance.bulkWrite(
    docs.map((doc) => ({ document: { ...doc, _deleted: false, _attachments: {}, _rev: '1-firstpull', _meta: { lwt: FIRST_PULL_LWT } } })),
    'test-first-pull',
  );

/**
 * A first-pull page whose ids (`hh-<prefix>nnnn`) run downward, as the server's order need not
 * follow ids: the storage's change feed then ends the page on its smallest id.
 */
const pageDownward = (docs: Household[], prefix: string): Household[] =>
  docs.map((h, i) => ({ ...h, id: `hh-${prefix}${String(docs.length - 1 - i).padStart(4, '0')}` }));

/** The next start comes from the snapshot, reads no record again, and holds `count` households. */
async function expectStartReadingNothing(name: string, count: number): Promise<void> {
  const db = await open(name);
  const index = await householdIndexOf(db);
  expect(index.builtFrom).toBe('snapshot');
  expect(index.recordsRead).toBe(0);
  expect(index.find(householdMatcher({}, null))).toHaveLength(count);
}

/** What the plain RxDB query finds (newest first): the reference the index must equal. */
const plainIds = (db: JiuzhuDatabase, search: HouseholdSearch): Promise<string[]> => referenceSearch(db, search, null);

describe('the household search index is saved in the local database and read back at the next start', () => {
  it('answers after a restart from the snapshot plus what changed after it, exactly as the households are', async () => {
    const name = freshName();
    let db = await open(name);
    const first = households(60, 3);
    await db.households.bulkInsert(first);
    const index = await householdIndexOf(db);
    expect(index.builtFrom).toBe('records');
    await index.save();

    // After the snapshot: two households registered, one archived, one member renamed.
    const later = households(2, 9).map((h, i) => ({ ...h, id: `hh-later-000000${i}`, memberNames: [`欧阳后来${i}`, ...(h.memberNames ?? []).slice(1)] }));
    await db.households.bulkInsert(later);
    await (await db.households.findOne(first[0]!.id).exec())!.incrementalPatch({ archived: { at: Date.now(), by: 'u-test', reason: '迁出' } });
    await (await db.households.findOne(first[1]!.id).exec())!.incrementalPatch({ memberNames: ['改名后的户主'], updatedAt: Date.now() });
    await db.close();

    db = await open(name);
    const reopened = await householdIndexOf(db);
    expect(reopened.builtFrom).toBe('snapshot');
    const searches: HouseholdSearch[] = [
      {},
      { includeArchived: true },
      { text: '欧阳后来' },
      { text: '改名后' },
      { text: first[1]!.memberNames![0]! },
      { text: first[2]!.memberNames![0]!.slice(0, 1) },
      { villageCode: villages[1] },
    ];
    for (const search of searches) {
      expect(reopened.find(householdMatcher(search, null)), JSON.stringify(search)).toEqual(await plainIds(db, search));
    }
    expect(reopened.find(householdMatcher({ text: '欧阳后来' }, null))).toHaveLength(2);
    expect(reopened.find(householdMatcher({}, null))).not.toContain(first[0]!.id);
    // 今日 names each household's head from the snapshot's entries (format 5), the new ones' too.
    for (const household of [...first, ...later]) expect(reopened.get(household.id)?.headName, household.id).toBe(headOf(household)!.name);
  });

  it('keeps following changes after a start from the snapshot, and the next snapshot has them', async () => {
    const name = freshName();
    let db = await open(name);
    await db.households.bulkInsert(households(20, 4));
    await (await householdIndexOf(db)).save();
    await db.close();

    db = await open(name);
    const index = await householdIndexOf(db);
    const added = { ...households(1, 11)[0]!, id: 'hh-added-00000001', memberNames: ['司马新来'] };
    await db.households.insert(added);
    await expect.poll(() => index.find(householdMatcher({ text: '司马新来' }, null))).toEqual([added.id]);
    await index.save();
    await db.close();

    db = await open(name);
    const again = await householdIndexOf(db);
    expect(again.builtFrom).toBe('snapshot');
    expect(again.find(householdMatcher({ text: '司马新来' }, null))).toEqual([added.id]);
    expect(again.find(householdMatcher({ includeArchived: true }, null))).toEqual(await plainIds(db, { includeArchived: true }));
  });

  it("misses none of a first pull's copies when asked to save while the pull still wrote, and reads none again once it is over", async () => {
    // A first pull writes each copy with the same write time (firstPull.ts), in the server's order,
    // not by id: here the later page's ids sort before the earlier page's.
    const all = households(40, 21);
    const laterPage = pageDownward(all.slice(0, 20), '000000');
    const earlierPage = pageDownward(all.slice(20), 'ffffff');
    const name = freshName();
    let db = await open(name);
    await markFirstPullRunning(db as never, 'households', true);
    // The index follows the pull from an empty database, as on a laptop's first sign-in.
    const index = await householdIndexOf(db);
    await writeCopies(db, earlierPage);
    await index.save();
    await writeCopies(db, laterPage);
    await expect.poll(() => index.find(householdMatcher({}, null)).length).toBe(40);
    await db.close();

    // The laptop was shut while the pull still wrote: the next start has every household (it read them all).
    db = await open(name);
    const reopened = await householdIndexOf(db);
    expect(reopened.recordsRead).toBe(40);
    expect(reopened.find(householdMatcher({}, null)).sort()).toEqual([...laterPage, ...earlierPage].map((h) => h.id).sort());

    // The pull is over: a snapshot saved now lets the next start read no record again.
    await markFirstPullRunning(db as never, 'households', false);
    await reopened.save();
    await db.close();
    await expectStartReadingNothing(name, 40);
  });

  it("reads none of a first pull's copies again at the next start, once the pull is over", async () => {
    // Copies sharing one write time, each page in descending id order: RxDB reports each write's
    // position as its last record, not its highest id.
    const all = households(40, 25);
    const pages = [pageDownward(all.slice(0, 20), 'ffffff'), pageDownward(all.slice(20), '000000')];
    const name = freshName();
    const db = await open(name);
    await markFirstPullRunning(db as never, 'households', true);
    const index = await householdIndexOf(db);
    for (const page of pages) await writeCopies(db, page);
    await expect.poll(() => index.find(householdMatcher({}, null)).length).toBe(40);
    await markFirstPullRunning(db as never, 'households', false);
    await index.save();
    await db.close();
    await expectStartReadingNothing(name, 40);
  });

  it('does not trust a snapshot saved before a first pull that may still write', async () => {
    // A snapshot from before (an older app saved them mid-pull), then copies whose ids sort before its position.
    const all = households(30, 23);
    const name = freshName();
    let db = await open(name);
    await writeCopies(db, all.slice(0, 15).map((h, i) => ({ ...h, id: `hh-ffffff${String(i).padStart(4, '0')}` })));
    await (await householdIndexOf(db)).save();
    await markFirstPullRunning(db as never, 'households', true);
    await writeCopies(db, all.slice(15).map((h, i) => ({ ...h, id: `hh-000000${String(i).padStart(4, '0')}` })));
    await db.close();

    db = await open(name);
    const reopened = await householdIndexOf(db);
    expect(reopened.builtFrom).toBe('records');
    expect(reopened.find(householdMatcher({}, null))).toHaveLength(30);
  });

  it('is gone with the rest of the local data after 清除本机数据', async () => {
    const name = freshName();
    let db = await open(name);
    await db.households.bulkInsert(households(5, 6));
    await (await householdIndexOf(db)).save();
    expect(await db.getLocal('household-search-index')).not.toBeNull();
    await db.remove();
    opened = null;

    db = await open(name);
    expect(await db.getLocal('household-search-index')).toBeNull();
    expect((await householdIndexOf(db)).builtFrom).toBe('records');
  });
});
