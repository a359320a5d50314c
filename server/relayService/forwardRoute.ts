import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { isInScope } from '../../shared/auth/roles';
import { verifyPush } from '../../shared/sync/pushSignature';
import { relayForwardBodySchema, type RelayForwardAnswer } from '../../shared/wire/relay';
import { actor } from '../audit/auditLog';
import { activeAuthor } from '../auth/author';
import { authenticate, requireRole } from '../auth/caller';
import type { TokenKeys } from '../auth/tokenKeys';
import { deviceBundleKey } from '../bundles/bundleKeys';
import type { Database } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { storePush } from '../sync/storePush';

export interface ForwardRouteDeps {
  db: Database;
  tokenKeys: TokenKeys;
  notifier: ChangeNotifier;
  searchKeyRoot: string;
  /** Derives each device's signing key (`BundleKeys.deviceSecret`): the laptop's push signature is checked with it. */
  deviceSecret: string;
}

/**
 * `POST /api/v1/relay/forward`: a township relay hands in one laptop's push batch as the laptop
 * sent it, with the laptop's own signature. The relay decides nothing: the author must still be
 * active on a device still allowed, live inside the relay's township, and have signed exactly
 * these rows; then the batch is stored as the author's own push (storePush: same validation,
 * scope, write policy, status rules, conflicts), audited as the author's, plus one `forward`
 * entry naming the relay. Sending the same batch again stores nothing new.
 */
export function registerRelayForwardRoute(app: FastifyInstance, deps: ForwardRouteDeps): void {
  const { db, tokenKeys, deviceSecret } = deps;
  // Rows come re-serialised by the relay, with the signature and names around them: twice a push.
  app.post('/api/v1/relay/forward', { bodyLimit: 2 * BODY_LIMITS.push }, async (request): Promise<RelayForwardAnswer> => {
    const relay = await authenticate(request, db, tokenKeys);
    requireRole(relay, ['relay']);
    const batch = parseBody(relayForwardBodySchema, request.body);
    const author = await activeAuthor(db, batch.userId, batch.deviceId);
    if (!author) throw new HttpError(403, 'author_revoked', '上报这批数据的账号或电脑已被停用，县级服务器不再接收它的数据');
    if (!isInScope(author.areaCode, relay.scope)) throw new HttpError(403, 'out_of_scope', '这批数据来自本乡镇以外的账号，中转站不能转交');
    const signer = { userId: batch.userId, deviceId: batch.deviceId };
    const signed = await verifyPush(deviceBundleKey(deviceSecret, batch.userId, batch.deviceId), signer, batch.collection, batch.rows, batch.signature);
    if (!signed) throw new HttpError(422, 'signature_refused', '这批数据与村里电脑签名时不一致（可能在途中被改动），未保存');
    const signatureHash = createHash('sha256').update(`${batch.collection}\n${batch.signature}`).digest('hex');
    const before = await db.query<{ answer: RelayForwardAnswer }>('SELECT answer FROM forwarded_batches WHERE signature_hash = $1', [signatureHash]);
    if (before[0]) return before[0].answer;
    const answer = await storePush({ ...deps, metrics: app.metrics }, batch.collection, batch.rows, {
      author,
      receiver: relay,
      alsoAudit: (writes) => [
        {
          ...actor(relay),
          action: 'forward',
          collection: batch.collection,
          details: { author: author.userId, deviceId: author.deviceId, batchId: batch.batchId, count: writes.length },
        },
      ],
    });
    await db.query('INSERT INTO forwarded_batches (signature_hash, answer, forwarded_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (signature_hash) DO NOTHING', [
      signatureHash,
      JSON.stringify(answer),
      Date.now(),
    ]);
    return answer;
  });
}
