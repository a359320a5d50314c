import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealBundle, type BundleFile } from '../../shared/sync/bundle';
import type { PullResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeHousehold, makeVisit, newRow } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';

describe.each(databaseKinds)('USB bundles (%s)', (kind) => {
  let server: TestServer;
  let assistant: Awaited<ReturnType<TestServer['signIn']>>;
  let township: Awaited<ReturnType<TestServer['signIn']>>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', '371623102000');
  });
  afterAll(async () => server?.close());

  async function bundleOf(rows: ReturnType<typeof newRow>[], visits: ReturnType<typeof newRow>[] = [], signingKey = assistant.bundleKey, serverKey = assistant.bundlePublicKey) {
    return sealBundle({
      header: { userId: assistant.user.id, deviceId: assistant.deviceId, areaCode: VILLAGE, createdAt: Date.now(), counts: { households: rows.length, visits: visits.length } },
      payload: { households: rows, visits },
      serverPublicKey: serverKey,
      signingKey,
    });
  }
  const importing = (file: unknown, token = township.accessToken) =>
    api<{ stored: Record<string, number>; conflicts: Record<string, unknown[]> } & ErrorBody>(server, token, 'POST', '/api/v1/bundles/import', file);

  it('stores what a village exported, through the push path, and nothing more on a second import', async () => {
    const households = [makeHousehold(VILLAGE), makeHousehold(VILLAGE)];
    const visit = makeVisit(households[0]!);
    const file = await bundleOf(households.map(newRow), [newRow(visit)]);
    expect(JSON.stringify(file)).not.toContain(households[0]!.members[0]!.idNumber);

    const first = await importing(file);
    expect(first.status).toBe(200);
    expect(first.body.stored).toEqual({ households: 2, visits: 1 });
    const pulled = await api<PullResponse<{ id: string }>>(server, township.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    expect(pulled.body.documents.map((d) => d.id)).toEqual(expect.arrayContaining(households.map((h) => h.id)));

    const again = await importing(file);
    expect(again.status).toBe(200);
    expect(again.body.stored).toEqual({ households: 0, visits: 0 });
    expect(again.body.conflicts).toEqual({});
  });

  it('refuses a tampered, re-signed, foreign or misaddressed file with a clear message and stores nothing', async () => {
    const household = makeHousehold(VILLAGE);
    const file = await bundleOf([newRow(household)]);
    const flipped = file.ciphertext[10] === 'A' ? 'B' : 'A';
    const tampered: BundleFile = { ...file, ciphertext: `${file.ciphertext.slice(0, 10)}${flipped}${file.ciphertext.slice(11)}` };
    const renamed: BundleFile = { ...file, header: { ...file.header, areaCode: '371623102202' } };
    const forged = await bundleOf([newRow(household)], [], 'a-key-the-thief-made-up');
    const otherServer = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    const foreign = await bundleOf([newRow(household)], [], assistant.bundleKey, await crypto.subtle.exportKey('jwk', otherServer.publicKey));
    for (const bad of [tampered, renamed, forged, foreign]) {
      const answer = await importing(bad);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('bundle_refused');
      expect(answer.body.error.message).toContain('不能导入');
    }
    expect((await importing({ nonsense: true })).status).toBe(400);
    const pulled = await api<PullResponse<{ id: string }>>(server, township.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    expect(pulled.body.documents.map((d) => d.id)).not.toContain(household.id);

    const otherTownship = await server.signIn('township', '371621104000');
    expect((await importing(file, otherTownship.accessToken)).status).toBe(403);
    expect((await importing(file, assistant.accessToken)).status).toBe(403);
  });
});
