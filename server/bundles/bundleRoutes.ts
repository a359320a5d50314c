import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isInScope } from '../../shared/auth/roles';
import { BundleError, openBundle, type BundleFile, type BundlePayload } from '../../shared/sync/bundle';
import { syncedCollections, type SyncedCollection } from '../../shared/sync/collections';
import type { WireDocument } from '../../shared/sync/wire';
import { actor, recordAudit } from '../audit/auditLog';
import { pushAuditEntries } from '../storage/documentAudit';
import type { TokenKeys } from '../auth/tokenKeys';
import { activeAuthor } from '../auth/author';
import { authenticate, requireRole } from '../auth/caller';
import type { Database } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { pushChanges } from '../storage/documentStore';
import { sessionOf, type LiveSessions } from '../sync/liveSessions';
import { validatePushBody } from '../sync/validateDocuments';
import { pushRulesFor } from '../sync/writeGuards';
import { deviceBundleKey, type BundleKeys } from './bundleKeys';

const bundleBody = z.object({
  header: z.object({ userId: z.string().max(80), deviceId: z.string().max(80) }).passthrough(),
  epk: z.record(z.string(), z.unknown()),
  iv: z.string().max(64),
  ciphertext: z.string(),
  signature: z.string().max(200),
});

const REFUSED = '文件已被改动，或不是本系统为本服务器导出的，不能导入。请让村里重新导出。';

/**
 * `POST /api/v1/bundles/import`: a township station hands in a USB bundle. The server checks the
 * author's signature, decrypts, and stores each collection through the same push path, as if the
 * author's laptop had pushed it: same validation, same scope, same status rules. Importing the
 * same file again stores nothing new.
 */
export function registerBundleRoutes(
  app: FastifyInstance,
  deps: { db: Database; tokenKeys: TokenKeys; searchKeyRoot: string; bundleKeys: BundleKeys; notifier: ChangeNotifier; sessions: LiveSessions },
): void {
  const { db, tokenKeys, searchKeyRoot, bundleKeys, notifier, sessions } = deps;

  app.post('/api/v1/bundles/import', { bodyLimit: BODY_LIMITS.push }, async (request) => {
    const station = await authenticate(request, db, tokenKeys);
    requireRole(station, ['township', 'county', 'city', 'admin']);
    const file = parseBody(bundleBody, request.body) as unknown as BundleFile;

    const authorFound = await activeAuthor(db, file.header.userId, file.header.deviceId);
    let opened: { payload: BundlePayload };
    try {
      opened = await openBundle(file, {
        serverPrivateKey: bundleKeys.privateKey,
        signingKeyFor: async (header) => (authorFound ? deviceBundleKey(bundleKeys.deviceSecret, header.userId, header.deviceId) : null),
      });
    } catch (error) {
      if (error instanceof BundleError) throw new HttpError(422, 'bundle_refused', REFUSED, { reason: error.reason });
      throw error;
    }
    // Opened: the signature is the device's, so the author was found.
    const author = authorFound!;
    if (!isInScope(author.areaCode, station.scope)) {
      throw new HttpError(403, 'out_of_scope', '此文件来自您辖区以外的村，不能导入');
    }

    const stored: Partial<Record<SyncedCollection, number>> = {};
    const conflicts: Partial<Record<SyncedCollection, WireDocument<Record<string, unknown>>[]>> = {};
    // Households before what refers to them; each collection in its own transaction, as pushes are.
    for (const collection of syncedCollections) {
      const rows = opened.payload[collection];
      if (!rows || rows.length === 0) continue;
      const valid = validatePushBody(collection, rows, author.scope);
      // An import is several transactions: a station or author stopped meanwhile stores no more.
      await sessions.requireActive(sessionOf(request, station, tokenKeys), author);
      const outcome = await pushChanges(db, collection, author.scope, valid, {
        ...pushRulesFor(collection, author, searchKeyRoot),
        afterWrite: (tx, writes) =>
          recordAudit(tx, [
            ...pushAuditEntries(author, collection, writes),
            { ...actor(station), action: 'import', collection, details: { author: author.userId, count: writes.length } },
          ]),
      });
      stored[collection] = outcome.written;
      if (outcome.conflicts.length > 0) conflicts[collection] = outcome.conflicts;
      if (outcome.written > 0) await notifier.notify(collection).catch(() => undefined);
      for (const other of outcome.alsoStored) await notifier.notify(other).catch(() => undefined);
    }
    return { stored, conflicts };
  });
}
