import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PullResponse, SyncCheckpoint, TokenResponse } from '../../shared/sync/wire';
import { makeHousehold, newRow } from '../support/documents';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';
import { startServerProcess, type ServerProcess, serverProgram } from '../../harness/serverProcess';
import { api, freshDatabase, type DatabaseKind } from '../support/testServer';

const VILLAGE = '371623102201';

async function pullAllIds(server: ServerProcess, token: string): Promise<string[]> {
  const ids: string[] = [];
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const query: string = `limit=500${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
    const page: { body: PullResponse<{ id: string }> } = await api(server, token, 'GET', `/api/v1/sync/households/pull?${query}`);
    ids.push(...page.body.documents.map((d) => d.id));
    if (page.body.documents.length < 500) return ids;
    checkpoint = page.body.checkpoint;
  }
}

describe.each<DatabaseKind>(['pglite', 'postgres'])('a server killed with SIGKILL in the middle of pushes (%s)', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('loses nothing that it acknowledged, and a re-sent batch stores nothing twice', async () => {
    let env: Record<string, string>;
    if (kind === 'pglite') {
      const dir = migratedPgliteFolder(mkdtempSync(path.join(tmpdir(), 'jiuzhu-crash-')));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env = { JIUZHU_DATA_DIR: dir };
    } else {
      const database = await freshDatabase('postgres');
      await database.db.close();
      cleanups.push(() => database.drop().catch(() => undefined));
      env = { DATABASE_URL: database.url! };
    }
    const createUser = execFileSync(...serverProgram(['user', 'add', '--username', 'xieli', '--password', 'password-123', '--role', 'assistant', '--area', VILLAGE]), {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(createUser).toContain('created user xieli');

    let server = await startServerProcess(env);
    const port = Number(new URL(server.url).port);
    const login = async () =>
      (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'xieli', password: 'password-123', deviceId: 'dev-crash-1' })).body;
    let tokens = await login();

    const batches = Array.from({ length: 12 }, () => Array.from({ length: 40 }, () => makeHousehold(VILLAGE)));
    const acknowledged = new Set<string>();
    const unsent: typeof batches = [];
    let killed = false;
    for (const [index, batch] of batches.entries()) {
      const sending = api(server, tokens.accessToken, 'POST', '/api/v1/sync/households/push', batch.map(newRow)).catch(() => null);
      if (index === 5) {
        // Kill while this push is in flight: the laptop never learns whether it was stored.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await server.stop('SIGKILL');
        killed = true;
      }
      const answer = await sending;
      if (answer?.status === 200) batch.forEach((d) => acknowledged.add(d.id));
      else unsent.push(batch);
    }
    expect(killed).toBe(true);
    expect(unsent.length).toBeGreaterThan(0);

    server = await startServerProcess(env, port);
    cleanups.push(() => server.stop());
    tokens = await login();
    const afterRestart = new Set(await pullAllIds(server, tokens.accessToken));
    for (const id of acknowledged) expect(afterRestart.has(id)).toBe(true);

    // The laptop sends again every batch it has no answer for; some may already be stored.
    for (const batch of unsent) {
      const answer = await api<{ conflicts: unknown[] }>(server, tokens.accessToken, 'POST', '/api/v1/sync/households/push', batch.map(newRow));
      expect(answer.status).toBe(200);
      expect(answer.body.conflicts).toEqual([]);
    }
    const final = await pullAllIds(server, tokens.accessToken);
    expect(final).toHaveLength(batches.flat().length);
    expect(new Set(final)).toEqual(new Set(batches.flat().map((d) => d.id)));
  });
});
