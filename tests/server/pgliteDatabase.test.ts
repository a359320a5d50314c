import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase, snapshotPgliteDatabase } from '../../server/db/pgliteDatabase';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the embedded PGlite database', () => {
  // In memory (the tests) it once ignored its options: int8 came back as BigInt, unlike on disk.
  it.each([
    ['in memory', () => null],
    ['in a folder', () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'jiuzhu-pglite-'));
      folders.push(folder);
      return folder;
    }],
  ])('%s reads int8 as a number, and refuses one a number cannot hold exactly', async (_where, folderOf) => {
    const db = await openPgliteDatabase(folderOf());
    try {
      expect(await db.query('SELECT 9007199254740991::int8 AS n')).toEqual([{ n: 9007199254740991 }]);
      await expect(db.query('SELECT 9007199254740993::int8 AS n')).rejects.toThrow(RangeError);
    } finally {
      await db.close();
    }
  });

  it('starts an in-memory database from a snapshot: it holds what the snapshot held, and its writes stay its own', async () => {
    const snapshot = await snapshotPgliteDatabase(async (db) => {
      await db.query('CREATE TABLE visits_seen (n int8)');
      await db.query('INSERT INTO visits_seen VALUES (1)');
    });
    const first = await openPgliteDatabase(null, { startFrom: snapshot });
    const second = await openPgliteDatabase(null, { startFrom: snapshot });
    try {
      await first.query('INSERT INTO visits_seen VALUES (2)');
      expect(await first.query('SELECT n FROM visits_seen ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
      expect(await second.query('SELECT n FROM visits_seen ORDER BY n')).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('refuses a snapshot for a database in a folder (it would overwrite a county’s data)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'jiuzhu-pglite-'));
    folders.push(folder);
    const snapshot = await snapshotPgliteDatabase(async () => {});
    await expect(openPgliteDatabase(folder, { startFrom: snapshot })).rejects.toThrow(/in-memory/);
  });
});
