import type { RxStorage } from 'rxdb/plugins/core';
import { Subject } from 'rxjs';
import type { TokenResponse } from '../../shared/sync/wire';
import { storeRefreshToken, type BundleKeys } from './auth/offlineProfile';
import { deviceIdOf } from './auth/signIn';
import { TokenKeeper } from './auth/tokenKeeper';
import { openJiuzhuDatabase, type JiuzhuDatabase } from './database';
import { PendingChanges, type KeyValueStore } from './sync/pendingChanges';
import { SyncClient } from './sync/syncClient';
import { SyncEngine } from './sync/syncEngine';
import type { AppSession } from './types';

export interface WorkspaceDeps {
  storage: RxStorage<unknown, unknown>;
  store: KeyValueStore;
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  isNavigatorOnline: () => boolean;
}

/** Everything that belongs to one signed-in user on this device: the local database and its sync. */
export class Workspace {
  private constructor(
    readonly session: AppSession,
    readonly db: JiuzhuDatabase,
    readonly pending: PendingChanges,
    readonly sync: SyncEngine,
    /** For what only works online (account administration); records always go through RxDB. */
    readonly client: SyncClient,
    /** Null only for a profile saved before the server sent one; search by ID number then waits for a sign-in. */
    readonly searchKey: string | null,
    /** Keys for a USB bundle; null for a profile saved before the server sent them. */
    readonly bundleKeys: BundleKeys | null,
    /** This laptop's id, as the server knows it (revocable, and the signer of its bundles). */
    readonly deviceId: string,
  ) {}

  static async open(
    session: AppSession,
    credentials: { tokens: TokenResponse | null; refreshToken: string | null; searchKey: string | null; bundle?: BundleKeys | null },
    deps: WorkspaceDeps,
  ): Promise<Workspace> {
    const { user } = session;
    // One database per user and device, so two people sharing a laptop never see each other's data.
    const db = await openJiuzhuDatabase(`jiuzhu-${user.id}`.toLowerCase(), deps.storage, {
      searchKey: credentials.searchKey,
    });
    const keeper = new TokenKeeper(session.serverUrl, credentials.refreshToken, (tokens) =>
      storeRefreshToken(deps.store, user.username, tokens.refreshToken, tokens.searchKey ?? null),
    );
    if (credentials.tokens) keeper.accept(credentials.tokens);
    const reachability = new Subject<boolean>();
    const client = new SyncClient(session.serverUrl, keeper, (reached) => reachability.next(reached));
    const pending = new PendingChanges(deps.store, `jiuzhu:pending:${user.id}`);
    const sync = new SyncEngine({
      db,
      client,
      pending,
      store: deps.store,
      events: deps.events,
      isNavigatorOnline: deps.isNavigatorOnline,
      reachability$: reachability.asObservable(),
    });
    sync.start();
    return new Workspace(session, db, pending, sync, client, credentials.searchKey, credentials.bundle ?? null, deviceIdOf(deps.store));
  }

  async close(): Promise<void> {
    await this.sync.stop();
    await this.db.close();
  }
}
