import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/wire';
import { safeLoggerOptions, safeSerializers } from '../../server/http/logging';
import { makeHousehold, newRow } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import type { Session } from './securityFixtures';

const VILLAGE = '371623102201';

describe.each(databaseKinds)('no personal data in the server log on %s', (kind) => {
  const lines: string[] = [];
  let server: TestServer;
  let assistant: Session;

  beforeAll(async () => {
    // The most talkative level: whatever Fastify or we log at all is captured here.
    server = await startTestServer(kind, { server: { logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } } } });
    assistant = await server.signIn('assistant', VILLAGE);
  });
  afterAll(async () => server?.close());

  it('logs method, route, status and time of a push, pull and failures — never names, ID numbers, phones or tokens', async () => {
    const households = [
      makeHousehold(VILLAGE, { phone: '13905431234', address: '碣石山镇隐私路17号' }),
      makeHousehold(VILLAGE, { phone: '15866540987', note: '低保边缘，长期服药' }),
    ];
    const token = assistant.accessToken;
    expect((await api(server, token, 'POST', '/api/v1/sync/households/push', households.map(newRow))).status).toBe(200);
    const page = await api<PullResponse<unknown>>(server, token, 'GET', '/api/v1/sync/households/pull?limit=1');
    const checkpoint = encodeURIComponent(JSON.stringify(page.body.checkpoint));
    expect((await api(server, token, 'GET', `/api/v1/sync/households/pull?limit=5&checkpoint=${checkpoint}`)).status).toBe(200);
    // Refused: a document with a bad ID number, a body that is not JSON, an unknown path with data in its query.
    const head = households[0]!.members[0]!;
    // A wrong check character (the generated number's own may be X, so X alone would not do).
    const broken = { ...households[1]!, members: [{ ...head, idNumber: `${head.idNumber.slice(0, 17)}${head.idNumber[17] === 'X' ? '0' : 'X'}` }] };
    expect((await api(server, token, 'POST', '/api/v1/sync/households/push', [newRow(broken)])).status).toBe(422);
    const notJson = await fetch(`${server.url}/api/v1/sync/households/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: `[{"name":"${head.name}","idNumber":"${head.idNumber}"`,
    });
    expect(notJson.status).toBe(400);
    expect((await api(server, token, 'GET', `/api/v1/nothing?idNumber=${head.idNumber}`)).status).toBe(404);
    expect((await api(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken: assistant.refreshToken })).status).toBe(200);

    const log = lines.join('');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({ method: 'POST', route: '/api/v1/sync/:collection/push', status: 200, ms: expect.any(Number) }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ method: 'GET', route: '/api/v1/sync/:collection/pull', status: 200 }));
    expect(entries).toContainEqual(expect.objectContaining({ method: 'POST', status: 400 }));

    const secrets = [
      ...households.flatMap((h) => [h.address, h.phone!, ...h.members.flatMap((m) => [m.name, m.idNumber])]),
      households[1]!.note!,
      assistant.accessToken,
      assistant.refreshToken,
      assistant.password,
      assistant.user.username,
      'checkpoint',
      'idNumber',
    ];
    for (const secret of secrets) expect(log, secret).not.toContain(secret);
  });

  it('withholds the message of a logged error, which can quote the request body', () => {
    const error = new SyntaxError('Unexpected token in JSON at position 9: "370682196003150011"');
    const out = JSON.stringify(safeSerializers.err(error));
    expect(out).toContain('SyntaxError');
    expect(out).not.toContain('370682196003150011');
    expect(safeLoggerOptions(false)).toBe(false);
    expect(safeLoggerOptions({ level: 'debug' })).toMatchObject({ level: 'debug', serializers: safeSerializers });
  });
});
