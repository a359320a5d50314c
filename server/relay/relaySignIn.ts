import type { TokenKeys } from '../auth/tokenKeys';
import type { Database } from '../db/database';
import { relayAccountsAnswerSchema } from './auth/relayAccounts';
import { createRelayAuth } from './auth/relayAuth';
import type { RelaySignIn } from './relayApp';
import { UpstreamUnreachable, type UpstreamLink } from './upstreamLink';

/**
 * The relay's sign-in (server/relay/auth/) as the relay app uses it. The central server's token
 * key is fetched at start when the county answers; a relay started while it does not goes on with
 * the key it kept (and fetches it again when a token does not verify).
 */
export async function createRelaySignIn(deps: { db: Database; link: UpstreamLink; township: string; tokenKeys: TokenKeys }): Promise<RelaySignIn> {
  const auth = createRelayAuth({ db: deps.db, upstream: deps.link, township: deps.township, tokenKeys: deps.tokenKeys });
  await auth.refreshCentralKey().catch((error: unknown) => {
    if (!(error instanceof UpstreamUnreachable)) throw error;
  });
  return {
    register: (app) => auth.register(app),
    authenticate: (request) => auth.authenticate(request),
    takeAccounts: async (answer, listedAt) => auth.storeAccounts(relayAccountsAnswerSchema.parse(answer).accounts, listedAt),
  };
}
