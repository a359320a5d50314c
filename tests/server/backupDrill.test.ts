import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAttachment } from '../../renderer/data/attachments/attachmentRecords';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { Workspace } from '../../renderer/data/core/workspace';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { searchHouseholds } from '../../renderer/data/households/householdSearch';
import { saveVisit } from '../../renderer/data/visits/visitRecords';
import { idNumberHashes } from '../../shared/domain/idHash';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { TokenResponse } from '../../shared/sync/wire';
import { openDatabase } from '../../server/db/openDatabase';
import { addUser } from '../../server/users/userStore';
import { freePort } from '../../harness/postgresCluster';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import { serverDocuments } from '../support/convergence';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';
import { laptop, openWorkspace, type Laptop } from '../support/laptop';
import { api, emptyPostgresDatabase, type DatabaseKind } from '../support/testServer';
import { serverCommand } from '../support/serverCommand';

const VILLAGE = '371623102201';
const TOWNSHIP = '371623102000';
const PASSWORD = 'password-123';
const PASSPHRASE = '县民政局 备份口令 2026 冬';

/** Where one server keeps its things: a PostgreSQL database or a PGlite folder, and its attachments folder. */
interface Place {
  env: Record<string, string>;
  destroy(): Promise<void>;
}

async function newPlace(kind: DatabaseKind, root: string, name: string, options: { migrated?: boolean } = {}): Promise<Place> {
  const dataDir = path.join(root, name);
  if (kind === 'pglite') {
    // The first place's start is not what the drill is about; the place restored into starts empty.
    if (options.migrated) migratedPgliteFolder(dataDir);
    return { env: { JIUZHU_DATA_DIR: dataDir }, destroy: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const empty = await emptyPostgresDatabase('jiuzhu_drill');
  return {
    env: { DATABASE_URL: empty.url, JIUZHU_DATA_DIR: dataDir },
    async destroy() {
      await empty.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const settings = (place: Place) => ({ databaseUrl: place.env['DATABASE_URL'], dataDir: place.env['JIUZHU_DATA_DIR']! });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A JPEG as the server checks it (by its leading bytes), otherwise random. */
function photo(): Uint8Array {
  const bytes = new Uint8Array(randomBytes(300 * 1024));
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

let idSeq = 700;
const household = (name: string) => ({
  areaCode: VILLAGE,
  address: '碣石山镇测试村21号',
  members: [{ id: 'm1', name, idNumber: makeIdNumber('371623', '1956-03-09', idSeq++), relation: 'head' as const }],
});

/**
 * A wait that says what never came: a drill that fails names its step instead of timing out
 * silently (the bound is generous and asserts no speed).
 */
function step<T>(what: string, waiting: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`drill step never happened: ${what}`)), 180_000)));
  return Promise.race([waiting, bound]).finally(() => clearTimeout(timer));
}

const settled = (ws: Workspace, what: string) =>
  step(`${what}: nothing waiting, no error`, firstValueFrom(ws.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null && s.lastError === null && !s.syncing))));

/**
 * Until the laptop has pulled back what it pushed and kept the pull's checkpoint. Its first pull
 * found nothing (a new village), so without this it may close holding no checkpoint at all and
 * pull from the start after the restore, which is not what the drill checks (on a busy machine
 * the server's echo of its pushes came after the close).
 */
async function pulledBack(ws: Workspace, what: string): Promise<void> {
  for (const name of ['households', 'visits', 'attachments'] as const) {
    const replication = ws.sync.replicationOf(name)!;
    replication.reSync();
    await step(`${what}: ${name} pulled back`, replication.awaitInSync());
  }
}

/** Until the laptop holds exactly these households (what a person sees in the list). */
async function holding(ws: Workspace, ids: string[], what: string): Promise<void> {
  const wanted = [...ids].sort().join();
  await step(what, firstValueFrom(ws.db.households.find().$.pipe(filter((docs) => docs.map((d) => d.id).sort().join() === wanted))));
}

/**
 * Reopens a laptop as after a restart, without signing in to the server: the profile an earlier
 * online sign-in left opens the local data, and the sync runs on the refresh token kept in it.
 */
async function reopen(device: Laptop, username: string, serverUrl: string): Promise<Workspace> {
  const outcome = await signIn({ serverUrl: 'http://127.0.0.1:9', username, password: PASSWORD }, device.store, 'test');
  if (!outcome.ok) throw new Error(outcome.reason);
  expect(outcome.session.offline).toBe(true);
  return Workspace.open({ ...outcome.session, serverUrl }, outcome, {
    storage: getRxStorageDexie(),
    store: device.store,
    events: device.events,
    isNavigatorOnline: () => device.online,
  });
}

/**
 * The drill an operator runs once a year: seed, two laptops sync, back up, lose the database and
 * the attachment folder, restore into a new database and folder, start the server on them — and the
 * laptops carry on as if nothing happened. On PostgreSQL the backup is taken while the server
 * runs; a PGlite folder belongs to one process, so there the server is stopped first.
 */
describe.each<DatabaseKind>(['postgres', 'pglite'])('backup and restore drill (%s)', (kind) => {
  let root = '';
  let server: ServerProcess | null = null;
  let open: Workspace | null = null;
  const places: Place[] = [];
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'jiuzhu-drill-'));
  });
  afterAll(async () => {
    await open?.close();
    await server?.stop();
    for (const place of places) await place.destroy();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('restores database, attachments and secrets; the laptops sync on without a reset, nothing lost or doubled', async () => {
    const first = await newPlace(kind, root, 'first', { migrated: true });
    places.push(first);
    const seeding = await openDatabase(settings(first));
    await addUser(seeding, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(seeding, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: TOWNSHIP });
    await seeding.close();
    const port = await freePort();
    server = await startServerProcess(first.env, port);
    const url = server.url;

    // Laptop 1, the village assistant: households, a visit and its photo.
    const village = laptop();
    open = await openWorkspace(server, village, 'xieli', PASSWORD);
    const before = [];
    for (const name of ['赵秀芝', '钱德福', '孙玉梅']) before.push(await saveHousehold(open, household(name)));
    const visit = await saveVisit(open, before[0]!.id, { type: 'routine', visitDate: '2026-11-28', investigators: ['王秀兰'], findings: '屋顶漏雨，拍照留存。' });
    const bytes = photo();
    const attachment = await saveAttachment(open, { owner: { collection: 'visits', id: visit.id }, kind: 'photo', bytes, contentType: 'image/jpeg', name: 'roof.jpg' });
    await step('the photo uploaded', firstValueFrom(open.db.attachmentFiles.findOne(attachment.sha256).$.pipe(filter((doc) => doc?.uploaded === true))));
    await settled(open, 'the village laptop before the backup');
    await pulledBack(open, 'the village laptop before the backup');
    await open.close();

    // Laptop 2, the township: pulls the village's records, adds one, and stays open through it all.
    const township = laptop();
    open = await openWorkspace(server, township, 'zhen', PASSWORD);
    const zhen = open;
    const fromTownship = await saveHousehold(zhen, household('李春生'));
    await holding(zhen, [...before.map((h) => h.id), fromTownship.id], 'the township holds the village\'s households');
    await settled(zhen, 'the township laptop before the backup');
    const keysBefore = zhen.searchKeys;

    // The backup: the passphrase from a file only the operator reads.
    const backupDir = path.join(root, 'backup');
    const passphraseFile = path.join(root, 'passphrase.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    if (kind === 'pglite') await server.stop();
    const backup = await serverCommand(['backup', '--out', backupDir, '--passphrase-file', passphraseFile], first.env);
    expect(backup.output, backup.output).toContain('backup written');
    expect(backup.code).toBe(0);
    if (kind === 'postgres') await server.stop();
    server = null;

    // Lost: the database and the attachment folder are gone.
    await first.destroy();
    places.splice(places.indexOf(first), 1);

    // Meanwhile the township goes on working: the change waits on the laptop.
    const duringOutage = await saveHousehold(zhen, household('周桂兰'));
    await firstValueFrom(zhen.sync.status$.pipe(filter((s) => s.pending >= 1)));

    // Restore into a new database and folder, and start the server on them at the same address.
    const second = await newPlace(kind, root, 'second');
    places.push(second);
    // A mistyped passphrase is refused in words, and leaves the new place as it was: the real restore then goes in.
    const wrongFile = path.join(root, 'wrong.txt');
    writeFileSync(wrongFile, '县民政局 备份口令 2025 冬\n', { mode: 0o600 });
    const refused = await serverCommand(['restore', '--from', backupDir, '--passphrase-file', wrongFile], second.env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('wrong backup passphrase');
    const restore = await serverCommand(['restore', '--from', backupDir, '--passphrase-file', passphraseFile], second.env);
    expect(restore.output, restore.output).toContain('restored');
    expect(restore.code).toBe(0);

    // From here on, every pull of a collection that had records must go on from its checkpoint.
    const pulls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (target.includes('/pull?')) pulls.push(target);
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      server = await startServerProcess(second.env, port);
      expect(server.url).toBe(url);

      // The township's laptop, open all along on its access token, sends what waited.
      zhen.sync.syncNow();
      await settled(zhen, 'the township laptop sends what waited during the outage');
      await open.close();

      // The village laptop restarts without signing in: its refresh token still works.
      open = await reopen(village, 'xieli', url);
      const xieli = open;
      await holding(xieli, [...before.map((h) => h.id), fromTownship.id, duringOutage.id], 'the village laptop gets the outage\'s household');
      const afterRestore = await saveHousehold(xieli, household('吴建国'));
      await settled(xieli, 'the village laptop after the restore, on its old refresh token');
      // Search by ID number, with the keys the restored server gave at the refresh: households
      // hashed before the backup and the one hashed after the restore are both found.
      for (const wanted of [before[1]!, duringOutage]) {
        const idNumber = wanted.members[0]!.idNumber;
        const found = await searchHouseholds(xieli.db, { text: idNumber }, await idNumberHashes(xieli.searchKeys, idNumber));
        expect(found.map((h) => h.id), `search by the ID number of ${wanted.members[0]!.name}`).toEqual([wanted.id]);
      }
      await xieli.close();

      // The township laptop, reopened, gets the village's new household: numbering went on after the
      // restore, so its checkpoint from before still sees every change after it.
      open = await reopen(township, 'zhen', url);
      const all = [...before.map((h) => h.id), fromTownship.id, duringOutage.id, afterRestore.id];
      await holding(open, all, 'the township gets the household made after the restore (numbering went on)');
      await settled(open, 'the township laptop at the end');
      expect(open.searchKeys).toEqual(keysBefore);

      const householdPulls = pulls.filter((p) => /\/sync\/(households|visits|attachments)\/pull\?/.test(p));
      expect(householdPulls.length).toBeGreaterThan(0);
      expect(householdPulls.filter((p) => !p.includes('checkpoint='))).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }

    // The server holds each record once; the file comes back byte for byte.
    const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-drill-check' });
    expect(login.body.searchKeys).toEqual(keysBefore);
    const token = login.body.accessToken;
    const households = (await serverDocuments(server.url, token, 'households')).map((d) => d.id);
    expect(households).toHaveLength(6);
    expect(new Set(households).size).toBe(6);
    expect((await serverDocuments(server.url, token, 'visits')).map((d) => d.id)).toEqual([visit.id]);
    expect((await serverDocuments(server.url, token, 'attachments')).map((d) => d.id)).toEqual([attachment.id]);
    expect([...(await open.db.households.find().exec()).map((d) => d.id)].sort()).toEqual([...households].sort());
    const download = await fetch(`${server.url}/api/v1/files/sha256/${attachment.sha256}`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));
  }, 600_000);
});
