import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionDefinitions, syncedCollections, type SyncedCollection } from '../../shared/sync/collections';
import { makeApplication, makeAttachment, makeHousehold, makeVisit, newRow, withoutServerFields } from '../support/documents';
import { startTestServer, type TestServer } from '../support/testServer';
import { mutate, mutationArb } from './mutate';
import { makeCareNeed, type Session } from './securityFixtures';

/**
 * Property-based tests (PGlite only: the database is not what is being fuzzed). Each property
 * runs RUNS random cases; a failure prints fast-check's seed and the shrunk counter-example.
 */
const RUNS = 300;
const VILLAGE = '371623102201';

interface Answer {
  status: number;
  body: unknown;
}

async function send(server: TestServer, path: string, init: { token?: string; method?: string; body?: string; contentType?: string }): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The contract's promise: 200, or a 4xx in the error shape — never a 5xx. */
function expectContractAnswer(answer: Answer, label: string): void {
  expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  if (answer.status === 200) return;
  expect(answer.status, label).toBeGreaterThanOrEqual(400);
  expect(answer.body, label).toMatchObject({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
}

/**
 * Percent-encodes like encodeURIComponent, but also text that has no UTF-8 form (a lone
 * surrogate becomes U+FFFD, as a browser would send it); raw byte escapes are added separately.
 */
function encodeLoose(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
}

/** Already-encoded URL pieces no encoder would produce: NUL, surrogate halves in CESU-8, invalid UTF-8. */
const rawEscapes = fc.constantFrom('%00', 'u-%00', '%ED%A0%80', '%ED%B0%80', '%FF', '%C0%80', '%E4%B8', '%');

function validDocument(collection: SyncedCollection): Record<string, unknown> {
  const household = makeHousehold(VILLAGE);
  const documents = {
    households: household,
    visits: makeVisit(household),
    applications: makeApplication(household),
    careNeeds: makeCareNeed(household),
    attachments: makeAttachment(household),
  };
  return { ...documents[collection] };
}

describe('fuzzing the sync endpoints (PGlite)', () => {
  let server: TestServer;
  let assistant: Session;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    assistant = await server.signIn('assistant', VILLAGE);
  });
  afterAll(async () => server?.close());

  const countDocuments = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents'))[0]!.n;
  const push = (collection: string, body: string, contentType?: string) =>
    send(server, `/api/v1/sync/${collection}/push`, { token: assistant.accessToken, body, ...(contentType ? { contentType } : {}) });

  it('answers arbitrary bodies with a 4xx in the error shape and stores nothing of them', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.array(fc.record({ assumedMasterState: fc.jsonValue({ maxDepth: 2 }), newDocumentState: fc.jsonValue({ maxDepth: 3 }) }), { maxLength: 3 }).map((v) =>
        JSON.stringify(v),
      ),
      fc.string({ maxLength: 200 }),
    );
    const collection = fc.constantFrom<string>(...syncedCollections, 'areas', 'users', 'no_such_thing', '..%2F..%2Fetc');
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded');
    await fc.assert(
      fc.asyncProperty(collection, body, contentType, async (c, text, type) => {
        const before = await countDocuments();
        const answer = await push(c, text, type);
        expectContractAnswer(answer, `${c} ${type} ${text.slice(0, 80)}`);
        expect(await countDocuments()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('stores a mutated document only if it still meets its schema, and refuses the rest whole', async () => {
    const collection = fc.constantFrom(...syncedCollections);
    await fc.assert(
      fc.asyncProperty(collection, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (c, mutations) => {
        const row = mutate(newRow(validDocument(c)), mutations);
        const before = await countDocuments();
        const answer = await push(c, JSON.stringify([row]));
        expectContractAnswer(answer, c);
        const added = (await countDocuments()) - before;
        if (answer.status !== 200) {
          expect(added).toBe(0);
          return;
        }
        expect(added).toBeLessThanOrEqual(1);
        if (added === 1) {
          const [stored] = await server.db.query<{ data: unknown }>(
            'SELECT data FROM documents WHERE collection = $1 ORDER BY seq DESC LIMIT 1',
            [c],
          );
          expect(collectionDefinitions[c].schema.safeParse(stored!.data).success).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    // And across everything the fuzzing left behind: every stored document meets its schema.
    for (const c of syncedCollections) {
      const rows = await server.db.query<{ data: unknown }>('SELECT data FROM documents WHERE collection = $1', [c]);
      for (const row of rows) expect(collectionDefinitions[c].schema.safeParse(row.data).success).toBe(true);
    }
  });

  it('keeps free text exactly as sent, or refuses it with 422 naming the field', async () => {
    // Units biased towards what JSON carries but PostgreSQL's jsonb cannot: NUL and half surrogate pairs.
    const unit = fc.oneof(
      fc.constantFrom('\u0000', '\ud83d', '\ude00', '\ud83d\ude00', '\u200b', '"', '\\', '\n'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit, minLength: 1, maxLength: 30 }).map((t) => `户${t}`);
    const field = fc.constantFrom('address', 'note', 'members.0.name');
    await fc.assert(
      fc.asyncProperty(field, text, async (path, value) => {
        const household = makeHousehold(VILLAGE);
        const [key, index, member] = path.split('.') as [string, string?, string?];
        const doc: Record<string, unknown> =
          member === undefined ? { ...household, [key]: value } : { ...household, members: household.members.map((m, i) => (i === Number(index) ? { ...m, [member]: value } : m)) };
        const answer = await push('households', JSON.stringify([newRow(doc)]));
        expectContractAnswer(answer, JSON.stringify(value));
        if (answer.status === 200) {
          const [stored] = await server.db.query<{ data: Record<string, unknown> }>(
            "SELECT data FROM documents WHERE collection = 'households' AND id = $1",
            [household.id],
          );
          // Exactly as sent, but for who wrote it and when and the search fields, which the server sets.
          expect(withoutServerFields(stored!.data)).toEqual(withoutServerFields(doc));
        } else {
          expect(answer.status).toBe(422);
          expect(JSON.stringify(answer.body)).toContain(path);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('answers arbitrary pull parameters with 200 or 400, never a 5xx', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.oneof(fc.integer(), fc.double(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })).map((seq) => `{"seq":${String(seq)}}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('households', 'areas', 'users'), text, text, async (c, limit, checkpoint) => {
        const query = `limit=${encodeURIComponent(limit)}&checkpoint=${encodeURIComponent(checkpoint)}`;
        const answer = await send(server, `/api/v1/sync/${c}/pull?${query}`, { token: assistant.accessToken, method: 'GET' });
        expectContractAnswer(answer, query);
        expect([200, 400]).toContain(answer.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers arbitrary audit queries of a county with 200, 400 or 403, never a 5xx', async () => {
    const county = await server.signIn('county', '371623000000');
    const name = fc.constantFrom('areaPrefix', 'userId', 'documentId', 'action', 'from', 'to', 'beforeId', 'limit', 'other');
    const value = fc.oneof(
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.constantFrom('\u0000', '371623\u0000'),
        fc.integer().map(String),
        fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
      ).map(encodeLoose),
      rawEscapes,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 4 }), async (params) => {
        const query = params.map(([k, v]) => `${k}=${v}`).join('&');
        const answer = await send(server, `/api/v1/audit?${query}`, { token: county.accessToken, method: 'GET' });
        expectContractAnswer(answer, query);
        expect([200, 400, 403]).toContain(answer.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers account actions on arbitrary user and device ids with 400, 403, 404 or 414, never a 5xx', async () => {
    const township = await server.signIn('township', '371623102000');
    const id = fc.oneof(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
        fc.constantFrom('\u0000', `${assistant.user.id}\u0000`, township.user.id, '..', '%'),
      ).map(encodeLoose),
      fc.constant(assistant.user.id),
      rawEscapes,
    );
    await fc.assert(
      fc.asyncProperty(id, id, fc.boolean(), async (userId, deviceId, deactivate) => {
        const path = deactivate ? `/api/v1/admin/users/${userId}/deactivate` : `/api/v1/admin/users/${userId}/devices/${deviceId}/revoke`;
        const answer = await send(server, path, { token: township.accessToken });
        expectContractAnswer(answer, path);
        // The assistant may really be deactivated (it is in the township's reach): then 200 is right.
        if (answer.status === 200) expect(userId).toBe(assistant.user.id);
        else expect([400, 403, 404, 414]).toContain(answer.status);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing sign-in (PGlite)', () => {
  // A server of its own: the failures here trip the address's sign-in throttle.
  let server: TestServer;
  let user: Session;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    user = await server.signIn('assistant', VILLAGE);
  });
  afterAll(async () => server?.close());

  it('answers arbitrary sign-in bodies with a 4xx — 200 only for the right credentials — and records no device for a refusal', async () => {
    const countDevices = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM devices'))[0]!.n;
    const field = (real: string) =>
      fc.oneof(
        fc.constant(real),
        fc.string({ maxLength: 100 }),
        fc.string({ unit: 'binary', minLength: 8, maxLength: 20 }),
        fc.constantFrom(`${real}\u0000`, `${real}\ud800`, `\u0000${'x'.repeat(10)}`),
        fc.jsonValue({ maxDepth: 1 }),
      );
    const credentials = fc.record(
      {
        username: field(user.user.username),
        password: field(user.password),
        deviceId: field('dev-fuzz-0000001'),
        deviceName: fc.option(fc.string({ maxLength: 150 })),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(credentials.map((v) => JSON.stringify(v)), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 100 }));
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = await countDevices();
        const answer = await send(server, '/api/v1/auth/login', { body: text });
        expectContractAnswer(answer, text.slice(0, 120));
        if (answer.status === 200) {
          const sent = JSON.parse(text) as Record<string, unknown>;
          expect(sent).toMatchObject({ username: user.user.username, password: user.password });
          expect(Object.keys(sent).every((k) => ['username', 'password', 'deviceId', 'deviceName'].includes(k))).toBe(true);
        } else {
          expect(await countDevices()).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
