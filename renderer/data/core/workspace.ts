import type { RxStorage } from 'rxdb/plugins/core';
import { BehaviorSubject, filter, map, Subject, type Observable, type Subscription } from 'rxjs';
import type { SearchKeys } from '../../../shared/domain/idHash';
import { sameJson } from '../../../shared/sync/merge';
import type { TokenAnswer } from '../../../shared/sync/wire';
import { forgetIdleMinutes, idleMinutesOf, rememberIdleMinutes } from './auth/countyIdleTime';
import { removeOfflineProfile, storeRefreshToken, type BundleKeys } from './auth/offlineProfile';
import { deviceIdOf } from './auth/signIn';
import { TokenKeeper } from './auth/tokenKeeper';
import { FileClient } from './files/fileClient';
import { AttachmentUploadQueue, tusStorageKeyOf } from './files/uploadQueue';
import { openJiuzhuDatabase, removeJiuzhuDatabase, type JiuzhuDatabase } from './database';
import { logSyncChanges } from './diagnostics/syncLog';
import { DraftStore } from './drafts';
import type { DataKey } from './keys/dataKey';
import type { KeyValueStore } from './keyValueStore';
import { PendingChanges } from './sync/pendingChanges';
import { SyncClient } from './sync/syncClient';
import { AppVersionGate } from './appVersion';
import { platform, type Platform } from './platform';
import { SyncEngine } from './sync/syncEngine';
import { RelayBatchStore } from './sync/relayBatches';
import { RelayLink } from './sync/relayLink';
import { applyStoredAreas, applyStoredCalendar, refreshAreas, refreshCalendar, removeStoredAreas } from './sync/receivedReference';
import { takeReceivedAreas } from '../../../shared/areas';
import { firstSyncKeyOf } from './sync/firstSyncProgress';
import type { AppSession } from './types';

export interface WorkspaceDeps {
  storage: RxStorage<unknown, unknown>;
  store: KeyValueStore;
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  isNavigatorOnline: () => boolean;
  /** This app's version as its requests say it; the build's (`APP_VERSION`) unless a test plays an older or newer app. */
  appVersion?: string;
  /** The desktop host's update check; the platform's (none in a browser) unless a test plays a desktop host. */
  updates?: Platform['updates'];
}

export interface WorkspaceCredentials {
  tokens: TokenAnswer | null;
  refreshToken: string | null;
  /** ID-number search keys by township (from the sign-in, or the sealed profile after a reload). */
  searchKeys: SearchKeys | null;
  bundle?: BundleKeys | null;
  /** Opens the local database; from the sign-in (or, after a reload, the session). */
  dataKey: DataKey;
  /** A new data key: what an earlier key sealed here is unreadable and is removed first. */
  freshDataKey?: boolean;
}

const databaseNameOf = (userId: string) => `jiuzhu-${userId}`.toLowerCase();
const pendingKeyOf = (userId: string) => `jiuzhu:pending:${userId}`;

/** Everything that belongs to one signed-in user on this device: the local database and its sync. */
export class Workspace {
  /** Sends attachments' bytes to the server (tus) and fetches them on demand; set by `open`. */
  attachmentQueue!: AttachmentUploadQueue;
  /** The session's tokens; set by `open`. */
  private tokens!: TokenKeeper;
  private syncLog?: Subscription;
  /** Set while the server's holiday years and areas are being asked for; `referenceChecked` awaits it. */
  private referenceRequest: Promise<boolean> = Promise.resolve(false);
  /**
   * ID-number search keys by township (SECURITY.md): those of the townships in the user's scope,
   * as the last sign-in or token refresh gave them (a rotated township's new key comes with the
   * next refresh). Empty only for a profile saved before the server sent them: ID search then
   * finds nothing until the next online sign-in, and the server hashes what is saved meanwhile.
   */
  private readonly keys: BehaviorSubject<SearchKeys>;
  /** The search keys, and each new set a token refresh brings (one observable, so hooks can depend on it). */
  readonly searchKeys$: Observable<SearchKeys>;
  /** Minutes until the idle lock: the county's, as the last sign-in or refresh said (kept for offline starts). */
  readonly idleMinutes$: BehaviorSubject<number>;

  private constructor(
    readonly session: AppSession,
    readonly db: JiuzhuDatabase,
    readonly pending: PendingChanges,
    readonly sync: SyncEngine,
    /** For what only works online (account administration); records always go through RxDB. */
    readonly client: SyncClient,
    searchKeys: SearchKeys,
    /** Keys for a USB bundle; null for a profile saved before the server sent them. */
    readonly bundleKeys: BundleKeys | null,
    /** This laptop's id, as the server knows it (revocable, and the signer of its bundles). */
    readonly deviceId: string,
    /** Unsaved forms, sealed with the data key. */
    readonly drafts: DraftStore,
    /** What the laptop keeps outside RxDB (also 码上查's public address, core/statusCheckAddress.ts). */
    readonly store: KeyValueStore,
    /** Which server this is, and a township relay's batches and waiting list (issue 17). */
    readonly relay: RelayLink,
  ) {
    this.keys = new BehaviorSubject(searchKeys);
    this.searchKeys$ = this.keys.asObservable();
    this.idleMinutes$ = new BehaviorSubject(idleMinutesOf(store, session.user.id));
  }

  /** The search keys held now, by township (`searchKeyFor` picks a household's). */
  get searchKeys(): SearchKeys {
    return this.keys.value;
  }

  /** Takes the keys of a sign-in or refresh answer (unchanged keys keep the same object, so nothing hashes again). */
  private acceptSearchKeys(keys: SearchKeys | undefined): void {
    if (!keys || sameJson(keys, this.keys.value)) return;
    this.keys.next(keys);
  }

  static async open(session: AppSession, credentials: WorkspaceCredentials, deps: WorkspaceDeps): Promise<Workspace> {
    const { user } = session;
    const { dataKey } = credentials;
    // One database per user and device, so two people sharing a laptop never see each other's data.
    const name = databaseNameOf(user.id);
    const options = { searchKeys: credentials.searchKeys, password: await dataKey.databasePassword(), writer: { role: user.role, userId: user.id } };
    if (credentials.freshDataKey) await discardUnreadable(name, user.id, options.password, deps);
    let db: JiuzhuDatabase;
    try {
      db = await openJiuzhuDatabase(name, deps.storage, options);
    } catch (error) {
      // DB1: the database was sealed with another key (or none, before encryption): unreadable.
      if ((error as { code?: string }).code !== 'DB1') throw error;
      await discardUnreadable(name, user.id, options.password, deps);
      db = await openJiuzhuDatabase(name, deps.storage, options);
    }
    purgePlainDrafts(deps.store, user.id);
    // What the server said last time, before any deadline is counted (an offline start included).
    applyStoredCalendar(deps.store);
    applyStoredAreas(deps.store, user.id);
    const drafts = await DraftStore.open(deps.store, user.id, dataKey);
    // Set once the workspace exists (below): a refresh cannot answer before the first request.
    let onKeys: (keys: SearchKeys | undefined) => void = () => undefined;
    // The county's idle time, from the sign-in now and from every refresh later.
    if (credentials.tokens) rememberIdleMinutes(deps.store, user.id, credentials.tokens.idleMinutes);
    let onIdleMinutes: () => void = () => undefined;
    const keeper = new TokenKeeper(session.serverUrl, credentials.refreshToken, (tokens) => {
      onKeys(tokens.searchKeys);
      rememberIdleMinutes(deps.store, user.id, tokens.idleMinutes);
      onIdleMinutes();
      // A failed write only costs the next offline start its refresh token: sign-in renews it.
      void storeRefreshToken(deps.store, user.username, dataKey, tokens.refreshToken, tokens.searchKeys ?? null).catch(() => undefined);
    }, deps.appVersion);
    if (credentials.tokens) keeper.accept(credentials.tokens);
    const reachability = new Subject<boolean>();
    // One gate for the workspace: once the server refuses this version, neither sync nor files knock again.
    const version = new AppVersionGate(deps.appVersion);
    const deviceId = deviceIdOf(deps.store);
    // Every push signed with the device's key, for a township relay to carry up as this device's (issue 17).
    const signing = credentials.bundle ? { signingKey: credentials.bundle.signingKey, userId: user.id, deviceId } : null;
    const client = new SyncClient(session.serverUrl, keeper, (reached) => reachability.next(reached), version, signing);
    const pending = new PendingChanges(deps.store, pendingKeyOf(user.id));
    const relay = new RelayLink({
      client,
      batches: await RelayBatchStore.open(deps.store, user.id, dataKey),
      conflicts: db.conflicts,
      writer: { role: user.role, userId: user.id },
    });
    const sync = new SyncEngine({
      db,
      client,
      pending,
      store: deps.store,
      events: deps.events,
      isNavigatorOnline: deps.isNavigatorOnline,
      reachability$: reachability.asObservable(),
      writer: { role: user.role, userId: user.id },
      firstSyncKey: firstSyncKeyOf(user.id),
      relay,
    });
    sync.start();
    // The diagnostics file's log of the sync (counts and codes only); ends with the workspace.
    const syncLog = logSyncChanges(sync.status$);
    // Refused as too old: the desktop host looks for the update at once, not only at the next online sign-in.
    syncLog.add(
      version.requiredVersion$
        .pipe(filter((required) => required !== null))
        .subscribe(() => void (deps.updates === undefined ? platform().updates : deps.updates)?.checkForUpdates(session.serverUrl).catch(() => undefined)),
    );
    const workspace = new Workspace(
      session,
      db,
      pending,
      sync,
      client,
      credentials.searchKeys ?? {},
      credentials.bundle ?? null,
      deviceId,
      drafts,
      deps.store,
      relay,
    );
    workspace.tokens = keeper;
    workspace.syncLog = syncLog;
    workspace.checkReference();
    deps.events.addEventListener('online', workspace.onOnline);
    workspace.removeOnlineListener = () => deps.events.removeEventListener('online', workspace.onOnline);
    onKeys = (keys) => workspace.acceptSearchKeys(keys);
    onIdleMinutes = () => {
      const minutes = idleMinutesOf(deps.store, user.id);
      if (minutes !== workspace.idleMinutes$.value) workspace.idleMinutes$.next(minutes);
    };
    workspace.attachmentQueue = new AttachmentUploadQueue({
      db,
      files: new FileClient(session.serverUrl, keeper, version),
      pending,
      store: deps.store,
      userId: user.id,
      deviceId: workspace.deviceId,
      online$: sync.status$.pipe(map((status) => status.online)),
    });
    workspace.attachmentQueue.start();
    return workspace;
  }

  private removeOnlineListener: () => void = () => undefined;
  private readonly onOnline = () => void this.checkReference();

  /** Asks the server for its holiday years and areas (at the start and whenever the network comes back). */
  checkReference(): Promise<boolean> {
    const { client, store } = this;
    const userId = this.session.user.id;
    this.referenceRequest = Promise.all([refreshCalendar(client, store), refreshAreas(client, store, userId)]).then(([a, b]) => a && b);
    return this.referenceRequest;
  }

  /** The last request for the reference data, done: true when the server answered both. */
  referenceChecked(): Promise<boolean> {
    return this.referenceRequest;
  }

  /** Signing out online: the server ends this device's session too. Best effort: never throws. */
  endServerSession(): Promise<void> {
    return this.tokens.signOut();
  }

  async close(): Promise<void> {
    this.syncLog?.unsubscribe();
    this.removeOnlineListener();
    // The next user's scope has other areas: theirs come with their own workspace.
    takeReceivedAreas([]);
    await this.attachmentQueue.stop();
    await this.sync.stop();
    await this.drafts.flushed();
    await this.relay.batches.flushed();
    await this.db.close();
  }

  /**
   * 清除本机数据: this user's database, offline profile, drafts and list of waiting changes
   * leave the laptop. Whatever has not reached the server is lost: the UI asks first.
   */
  async wipe(): Promise<void> {
    this.removeOnlineListener();
    takeReceivedAreas([]);
    await this.attachmentQueue.stop();
    await this.sync.stop();
    await this.drafts.flushed();
    await this.db.remove();
    const { user } = this.session;
    removeOfflineProfile(this.store, user.username);
    DraftStore.remove(this.store, user.id);
    await this.relay.batches.flushed();
    RelayBatchStore.remove(this.store, user.id);
    this.store.removeItem(pendingKeyOf(user.id));
    this.store.removeItem(tusStorageKeyOf(user.id));
    this.store.removeItem(firstSyncKeyOf(user.id));
    removeStoredAreas(this.store, user.id);
    forgetIdleMinutes(this.store, user.id);
  }
}

/** A database no key on this laptop opens any more: removed, with the list of what it had waiting. */
async function discardUnreadable(name: string, userId: string, password: string, deps: WorkspaceDeps): Promise<void> {
  await removeJiuzhuDatabase(name, deps.storage, password);
  deps.store.removeItem(pendingKeyOf(userId));
}

/** Drafts an earlier version kept in plain text (`jiuzhu:draft:<user>:<form>`): removed. */
function purgePlainDrafts(store: KeyValueStore, userId: string): void {
  const listing = store as Partial<Pick<Storage, 'length' | 'key'>>;
  if (typeof listing.length !== 'number' || typeof listing.key !== 'function') return;
  const prefix = `jiuzhu:draft:${userId}:`;
  const keys: string[] = [];
  for (let i = 0; i < listing.length; i++) {
    const key = listing.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  keys.forEach((key) => store.removeItem(key));
}
