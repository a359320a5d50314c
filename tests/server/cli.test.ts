import { execFile } from 'node:child_process';
import { serverProgram } from '../../harness/serverProcess';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { householdSchema, type Household } from '../../shared/schemas/household';
import { loadSearchKeyRoot } from '../../server/auth/secrets';
import { idNumberHash, townshipSearchKey } from '../../server/search/searchKeys';
import { openDatabase } from '../../server/db/openDatabase';
import { migratedPgliteFolder, openMemoryDatabase } from '../support/pgliteSnapshots';
import { DEMO_PASSWORD, seedDemoData } from '../../server/demo/seedDemo';
import { findUserByUsername } from '../../server/users/userStore';
import { verifyPassword } from '../../server/auth/passwords';

const run = promisify(execFile);
const dataDir = migratedPgliteFolder(mkdtempSync(path.join(tmpdir(), 'jiuzhu-cli-')));

describe('server command line and demo data', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('`user add` creates a user who can then sign in, and refuses an area that does not fit the role', async () => {
    const env = { ...process.env, JIUZHU_DATA_DIR: dataDir };
    const args = ['user', 'add', '--username', 'zhangsan', '--password', 'secret-pass-1', '--role', 'township', '--area', '371623102000', '--name', '张三'];
    const { stdout } = await run(...serverProgram(args), { env });
    expect(stdout).toContain('created user zhangsan (township, 371623102000)');
    const bad = run(...serverProgram(['user', 'add', '--username', 'lisi', '--password', 'secret-pass-1', '--role', 'assistant', '--area', '371623102000']), { env });
    await expect(bad).rejects.toMatchObject({ stderr: expect.stringContaining('area') });
    // A township relay's account (issue 17): its scope is one township, like the station's.
    const relay = await run(...serverProgram(['user', 'add', '--username', 'relay_jss', '--password', 'secret-pass-2', '--role', 'relay', '--area', '371623102000']), { env });
    expect(relay.stdout).toContain('created user relay_jss (relay, 371623102000)');

    const db = await openDatabase({ dataDir });
    try {
      const user = await findUserByUsername(db, 'zhangsan');
      expect(user).toMatchObject({ displayName: '张三', role: 'township', areaCode: '371623102000', active: true });
      expect(await verifyPassword('secret-pass-1', user!.passwordHash)).toBe(true);
      expect(await findUserByUsername(db, 'lisi')).toBeNull();
      expect(await findUserByUsername(db, 'relay_jss')).toMatchObject({ role: 'relay', areaCode: '371623102000', active: true });
    } finally {
      await db.close();
    }
  });

  it('seeds the demo users and ~200 valid households in 碣石山镇 and 胡集镇, only once', async () => {
    const db = await openMemoryDatabase();
    try {
      expect(await seedDemoData(db)).toMatchObject({ users: 6, households: 200 });
      expect(await seedDemoData(db)).toBeNull();
      const rows = await db.query<{ data: unknown; area_code: string }>("SELECT data, area_code FROM documents WHERE collection = 'households'");
      expect(rows).toHaveLength(200);
      // Found by ID number like any household: hashed under its own township's key, and by name.
      const root = await loadSearchKeyRoot(db);
      for (const row of rows) {
        expect(householdSchema.safeParse(row.data).success).toBe(true);
        expect(row.area_code.startsWith('371623102') || row.area_code.startsWith('371621104')).toBe(true);
        const household = row.data as Household;
        const key = townshipSearchKey(root, row.area_code.slice(0, 9), 1);
        expect(household.idHashes).toEqual(household.members.map((m) => idNumberHash(key, m.idNumber)));
        expect(household.memberNames).toEqual(household.members.map((m) => m.name));
      }
      const assistant = await findUserByUsername(db, 'xieli_a');
      expect(assistant?.role).toBe('assistant');
      expect(await verifyPassword(DEMO_PASSWORD, assistant!.passwordHash)).toBe(true);
      const inVillageA = rows.filter((r) => r.area_code === assistant!.areaCode).length;
      expect(inVillageA).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
