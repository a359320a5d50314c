import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import type { Workspace } from '../../renderer/data/core/workspace';
import { openDatabase } from '../../server/db/openDatabase';
import { storeDocuments } from '../../server/storage/documentStore';
import { addUser } from '../../server/users/userStore';
import { areaLabel, findArea, takeReceivedAreas } from '../../shared/areas';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import { applicationDeadlines, type DeadlineInput } from '../../shared/rules/deadlines';
import { setReceivedHolidayYears } from '../../shared/rules/workingDays';
import type { TokenResponse } from '../../shared/sync/wire';
import type { EndOfDayAnswer } from '../../shared/wire/endOfDay';
import { makeApplication, makeHousehold } from '../support/documents';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';
import { laptop, openWorkspace } from '../support/laptop';
import { api, freshDatabase } from '../support/testServer';
import type { Database } from '../../server/db/database';
import { serverCommand } from '../support/serverCommand';

const TOWNSHIP = '371623102000';
const VILLAGE = '371623102201';
/** A village the build does not know: founded after the 2023 division data. */
const NEW_VILLAGE = '371623102299';
const PASSWORD = 'password-123';

const today = chinaToday();
// Accepted twenty days ago: with Monday–Friday (or the built-in table, 春节 included) its 3 working
// days to start the investigation are over; the imported table below makes every day since a holiday.
const acceptedOn = addCalendarDays(today, -20);

/** A township user and one application accepted on `acceptedOn`, stored as the server keeps them. */
async function seed(db: Database): Promise<void> {
  await addUser(db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: TOWNSHIP });
  const application = makeApplication(makeHousehold(VILLAGE), {
    status: 'accepted',
    history: [{ id: 'h-accept', action: 'accept', from: 'submitted', to: 'accepted', at: Date.parse(`${acceptedOn}T10:00:00+08:00`), byUserId: 'u', byName: '乡镇', role: 'township' }],
  });
  await db.transaction((tx) => storeDocuments(tx, 'applications', [{ doc: application, deleted: false }]));
}

/** The files the operator imports: every day from the day after 受理 a holiday; VILLAGE renamed and NEW_VILLAGE founded. */
function referenceFiles(root: string): { holidays: string; areas: string } {
  const holidays: Record<string, string> = {};
  for (let day = addCalendarDays(acceptedOn, 1); day <= addCalendarDays(today, 10); day = addCalendarDays(day, 1)) holidays[day] = '测试假期,测试假期,20';
  const divisions = JSON.parse(readFileSync('shared/areas/binzhou.json', 'utf8')) as { villages: [string, string][]; version: string };
  divisions.version = '滨州市区划 2027（测试）';
  divisions.villages = divisions.villages.map(([code, name]) => [code, code === VILLAGE ? '新王家社区' : name]);
  divisions.villages.push([NEW_VILLAGE, '渤海新村']);
  const files = { holidays: path.join(root, 'holidays.json'), areas: path.join(root, 'areas.json') };
  writeFileSync(files.holidays, JSON.stringify({ holidays, workdays: {} }));
  writeFileSync(files.areas, JSON.stringify(divisions));
  return files;
}

async function signInToken(server: { url: string }): Promise<string> {
  const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen-api' });
  return login.body.accessToken;
}

/** The end-of-day report's count of applications past a deadline, as the server computes it. */
async function overdueOnServer(server: { url: string }): Promise<number> {
  const answer = await api<EndOfDayAnswer>(server, await signInToken(server), 'GET', `/api/v1/reports/end-of-day?date=${today}`);
  expect(answer.status).toBe(200);
  return answer.body.report.totals.overdue;
}

/** A user for the new village, created by the township through the server. */
async function createForNewVillage(server: { url: string }, username: string): Promise<number> {
  const created = await api(server, await signInToken(server), 'POST', '/api/v1/admin/users', {
    username,
    password: 'password-456',
    role: 'assistant',
    areaCode: NEW_VILLAGE,
    displayName: '新村协理员',
  });
  return created.status;
}

/**
 * The server runs as its own process (its calendar and areas are its own); this test process is
 * the laptop, whose deadlines and area names come from shared/ as the laptop's data layer set them.
 */
describe('yearly reference data from the server (holidays, divisions)', () => {
  let root = '';
  let env: Record<string, string> = {};
  const input: DeadlineInput = { type: 'dibao', status: 'accepted', acceptedOn };
  const startOverdue = () => applicationDeadlines(input, today).find((d) => d.key === 'startInvestigation')?.state === 'overdue';
  let server: ServerProcess | null = null;
  let workspace: Workspace | null = null;
  const device = laptop();

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-reference-'));
    env = { JIUZHU_DATA_DIR: migratedPgliteFolder(path.join(root, 'server')) };
    const db = await openDatabase({ databaseUrl: undefined, dataDir: env['JIUZHU_DATA_DIR']! });
    try {
      await seed(db);
    } finally {
      await db.close();
    }
    server = await startServerProcess(env);
  }, 180_000);

  afterAll(async () => {
    await workspace?.close();
    await server?.stop();
    setReceivedHolidayYears({});
    takeReceivedAreas([]);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('an imported holiday year and division file change the server’s deadlines and areas, and reach an already-synced laptop', async () => {
    // Before: built-in data on both sides.
    expect(await overdueOnServer(server!)).toBe(1);
    workspace = await openWorkspace(server!, device, 'zhen', PASSWORD);
    expect(await workspace.referenceChecked()).toBe(true);
    expect(startOverdue()).toBe(true);
    const oldName = findArea(VILLAGE)!.name;
    expect(oldName).not.toBe('新王家社区');
    expect(findArea(NEW_VILLAGE)).toBeUndefined();

    // The operator stops the server (a PGlite folder has one owner) and imports.
    await server!.stop();
    const bad = path.join(root, 'bad-holidays.json');
    writeFileSync(bad, JSON.stringify({ holidays: { [`${today.slice(0, 4)}-02-30`]: '春节' } }));
    const refused = await serverCommand(['reference', 'import-holidays', bad], env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`${today.slice(0, 4)}-02-30`);
    expect(refused.output).toContain('不是有效日期');

    const files = referenceFiles(root);
    const imported = await serverCommand(['reference', 'import-holidays', files.holidays], env);
    expect(imported.output).toContain('imported holiday years');
    expect(imported.code).toBe(0);
    const areasImported = await serverCommand(['reference', 'import-areas', files.areas], env);
    expect(areasImported.output).toContain('imported divisions');
    expect(areasImported.code).toBe(0);

    server = await startServerProcess(env, Number(new URL(server!.url).port));
    // The server's own deadline check now counts with the imported year.
    expect(await overdueOnServer(server!)).toBe(0);
    // The laptop that had pulled the old list takes the change at its next check.
    expect(await workspace.checkReference()).toBe(true);
    expect(startOverdue()).toBe(false);
    expect(findArea(VILLAGE)?.name).toBe('新王家社区');
    expect(findArea(NEW_VILLAGE)).toMatchObject({ level: 'village', name: '渤海新村', parentCode: '371623102' });
    expect(areaLabel(NEW_VILLAGE)).toBe('无棣县 碣石山镇 渤海新村');

    // The server accepts an account for the new village.
    expect(await createForNewVillage(server!, 'xieli_new')).toBe(201);

    // An offline start of the laptop: what it received is still used.
    await workspace.close();
    workspace = null;
    setReceivedHolidayYears({});
    takeReceivedAreas([]);
    expect(startOverdue()).toBe(true);
    const address = { url: server!.url };
    await server!.stop();
    server = null;
    device.online = false;
    // The server is unreachable: the sign-in opens the kept offline profile.
    workspace = await openWorkspace(address, device, 'zhen', PASSWORD);
    expect(workspace.session.offline).toBe(true);
    expect(startOverdue()).toBe(false);
    expect(findArea(NEW_VILLAGE)?.name).toBe('渤海新村');
  }, 300_000);
});

describe('an import while the servers run on PostgreSQL', () => {
  let root = '';
  let server: ServerProcess | null = null;
  let drop: (() => Promise<void>) | null = null;
  let env: Record<string, string> = {};

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-reference-pg-'));
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop; // closes fresh.db too
    await seed(fresh.db);
    env = { DATABASE_URL: fresh.url!, JIUZHU_DATA_DIR: path.join(root, 'server') };
    server = await startServerProcess(env);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await drop?.();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is taken by the running server at once, and the areas’ pull from an old checkpoint brings the change', async () => {
    expect(await overdueOnServer(server!)).toBe(1);
    expect(await createForNewVillage(server!, 'xieli_early')).toBe(422);
    const token = await signInToken(server!);
    const pull = async (checkpoint: unknown) =>
      (await api<{ documents: { id: string; name: string }[]; checkpoint: unknown }>(server!, token, 'GET', `/api/v1/sync/areas/pull?limit=1000${checkpoint === null ? '' : `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`}`)).body;
    const first = await pull(null);
    expect(first.documents.map((doc) => doc.id)).not.toContain(NEW_VILLAGE);

    const files = referenceFiles(root);
    for (const [command, file] of [['import-holidays', files.holidays], ['import-areas', files.areas]] as const) {
      const outcome = await serverCommand(['reference', command, file], env);
      expect(outcome.output).toContain('imported');
      expect(outcome.code).toBe(0);
    }
    // The notice reaches the server a moment after the command ends: wait for the state, not for a time.
    while ((await overdueOnServer(server!)) !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await pull(first.checkpoint);
    expect(again.documents.find((doc) => doc.id === VILLAGE)?.name).toBe('新王家社区');
    expect(again.documents.find((doc) => doc.id === NEW_VILLAGE)?.name).toBe('渤海新村');
    expect(await createForNewVillage(server!, 'xieli_new')).toBe(201);
  }, 300_000);
});
