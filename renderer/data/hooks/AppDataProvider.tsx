import { z } from 'zod';
import { sessionUserSchema } from '../../../shared/sync/wireSchemas';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { IdleLock } from '../core/auth/idleLock';
import { bundleKeysOf, openProfileSecrets, readOfflineProfile, unlockOfflineProfile } from '../core/auth/offlineProfile';
import { normalizeServerUrl, signIn as signInWith } from '../core/auth/signIn';
import type { KeyValueStore } from '../core/keyValueStore';
import type { AppSession, SignInInput, SignInResult } from '../core/types';
import { forgetSessionKey, hostProtector, recallSessionKey, rememberSessionKey } from '../core/keys/sessionKey';
import { Workspace, type WorkspaceCredentials } from '../core/workspace';
import type { Provisioning, ProvisioningReading } from '../../../shared/wire/provisioning';
import { platform } from '../core/platform';
import { chooseServer, forgetProvisioning, importProvisioning, keepProvisioning, savedProvisioning, signInServerOf } from '../core/provisioning';

export interface AuthApi {
  /** null until someone signs in. */
  session: AppSession | null;
  /** Tries the server; when it cannot be reached, the offline profile saved at the last online sign-in. */
  signIn(input: SignInInput): Promise<SignInResult>;
  /** Closes the session; the data stays on this laptop, encrypted, for the next sign-in. */
  signOut(): Promise<void>;
  /** 清除本机数据: removes this user's database, profile, drafts and waiting list, then signs out. */
  wipeAndSignOut(): Promise<void>;
  /** The server address last used on this device (or the provisioning's), to prefill the sign-in form. */
  lastServerUrl: string;
  /** The county's provisioning (server address, county): the sign-in page then asks only for username and password. */
  provisioning: Provisioning | null;
  /** What is wrong with the provisioning file shipped beside the desktop app, in words; null when none is wrong. */
  shippedProvisioningProblems: string[] | null;
  /** 导入配置文件 / a pasted QR code: kept when right, else the problems in words. */
  importProvisioning(text: string): ProvisioningReading;
  /** 更改服务器 (helpdesk): forget the provisioning and type the address again. */
  changeServer(): void;
  /** When the provisioning names more than one server (a station's relay): the one to sign in to, kept on this laptop. */
  chooseServer(url: string): void;
  /** Locked after the idle time (or by hand): the data stays hidden until the password is given. */
  locked: boolean;
  lockNow(): void;
  /** Checks the password against this device's profile (with the same slow-down as sign-in). */
  unlock(password: string): Promise<SignInResult>;
}

const AuthContext = createContext<AuthApi | null>(null);
const WorkspaceContext = createContext<Workspace | null>(null);

const SESSION_KEY = 'jiuzhu:session';
const SERVER_KEY = 'jiuzhu:lastServerUrl';

export interface AppDataProviderProps {
  children: ReactNode;
  /** Injected in tests; the app uses IndexedDB through Dexie. */
  storage?: RxStorage<unknown, unknown>;
  /** Survives restarts: device id, offline profiles, waiting changes. */
  store?: KeyValueStore;
  /** Survives a reload but not a restart: who is signed in in this window. */
  sessionStore?: KeyValueStore;
}

/** The window's session as kept in sessionStorage, checked (a damaged or foreign value is no session). */
const sessionSchema = z.object({ user: sessionUserSchema, serverUrl: z.string(), offline: z.boolean() });

function readSession(raw: string | null): AppSession | null {
  if (!raw) return null;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function defaultServerUrl(store: KeyValueStore): string {
  const saved = store.getItem(SERVER_KEY);
  if (saved) return saved;
  // Served by the central server itself (browser use): talk to the same origin.
  return typeof location !== 'undefined' && location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:8787';
}

export function AppDataProvider({ children, storage, store = localStorage, sessionStore = sessionStorage }: AppDataProviderProps) {
  const rxStorage = useMemo(() => storage ?? getRxStorageDexie(), [storage]);
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [restoring, setRestoring] = useState(true);
  const current = useRef<Workspace | null>(null);
  const [locked, setLocked] = useState(false);
  const [provisioning, setProvisioning] = useState<Provisioning | null>(() => savedProvisioning(store));
  const [shippedProblems, setShippedProblems] = useState<string[] | null>(null);
  // Bumped when a server is chosen, so the address read back from the store is read again.
  const [serverChoices, setServerChoices] = useState(0);
  const [shippedChecked, setShippedChecked] = useState(false);
  const idleLock = useRef<IdleLock | null>(null);
  // The last sign-out's request to the server; a new sign-in waits for it (at most a few seconds),
  // so a late sign-out never ends the session that follows it.
  const serverSignOut = useRef<Promise<void>>(Promise.resolve());

  // The idle lock runs while someone is signed in, after the minutes their county set (issue 16).
  useEffect(() => {
    if (!workspace) return;
    const lock = new IdleLock(window, workspace.idleMinutes$.value * 60_000);
    idleLock.current = lock;
    const subscription = lock.locked$.subscribe(setLocked);
    const minutes = workspace.idleMinutes$.subscribe((value) => lock.setTimeoutMs(value * 60_000));
    return () => {
      minutes.unsubscribe();
      subscription.unsubscribe();
      lock.dispose();
      idleLock.current = null;
    };
  }, [workspace]);

  const openWorkspace = useCallback(
    async (session: AppSession, credentials: WorkspaceCredentials) => {
      await current.current?.close();
      const opened = await Workspace.open(session, credentials, {
        storage: rxStorage,
        store,
        events: window,
        isNavigatorOnline: () => navigator.onLine,
      });
      current.current = opened;
      await rememberSessionKey(sessionStore, credentials.dataKey, hostProtector());
      sessionStore.setItem(SESSION_KEY, JSON.stringify(session));
      setWorkspace(opened);
    },
    [rxStorage, store, sessionStore],
  );

  // The desktop app reads the county's file shipped beside it at every start (a newer file replaces the kept one).
  useEffect(() => {
    let live = true;
    platform()
      .shippedProvisioning()
      .catch(() => null)
      .then((lookup) => {
        if (!live) return;
        if (lookup?.ok) {
          keepProvisioning(store, lookup.provisioning);
          setProvisioning(lookup.provisioning);
        } else if (lookup) setShippedProblems(lookup.problems);
        setShippedChecked(true);
      });
    return () => {
      live = false;
    };
  }, [store]);

  // A reload keeps the person signed in: the session is in sessionStorage, the refresh token in the profile.
  useEffect(() => {
    const session = readSession(sessionStore.getItem(SESSION_KEY));
    const profile = session ? readOfflineProfile(store, session.user.username) : null;
    if (!session || !profile) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- storage is read once, after mount; nothing to restore ends the wait at once.
      setRestoring(false);
      return;
    }
    // The data key of the open session (sealed by the OS keyring in Electron); without it, sign in again.
    const restore = async () => {
      const dataKey = await recallSessionKey(sessionStore, hostProtector());
      const secrets = dataKey ? await openProfileSecrets(profile, dataKey) : null;
      if (!dataKey || !secrets) return;
      await openWorkspace(session, { tokens: null, refreshToken: secrets.refreshToken, searchKeys: secrets.searchKeys, bundle: bundleKeysOf(secrets), dataKey });
    };
    restore().finally(() => setRestoring(false));
    return () => {
      void current.current?.close();
      current.current = null;
    };
  }, [openWorkspace, sessionStore, store]);

  const auth = useMemo<AuthApi>(
    () => ({
      session: workspace?.session ?? null,
      lastServerUrl: provisioning ? signInServerOf(store, provisioning) : defaultServerUrl(store),
      provisioning,
      shippedProvisioningProblems: shippedProblems,
      importProvisioning(text) {
        const reading = importProvisioning(store, text);
        if (reading.ok) setProvisioning(reading.provisioning);
        return reading;
      },
      changeServer() {
        forgetProvisioning(store);
        setProvisioning(null);
      },
      chooseServer(url) {
        if (!provisioning) return;
        chooseServer(store, provisioning, url);
        setServerChoices((count) => count + 1);
      },
      async signIn(input) {
        await serverSignOut.current;
        const outcome = await signInWith(input, store, navigator.userAgent.slice(0, 100));
        if (!outcome.ok) return outcome;
        store.setItem(SERVER_KEY, normalizeServerUrl(input.serverUrl));
        // Online: the desktop host looks for an update at this server (it asks before installing).
        if (outcome.tokens) void platform().updates?.checkForUpdates(normalizeServerUrl(input.serverUrl)).catch(() => undefined);
        await openWorkspace(outcome.session, {
          tokens: outcome.tokens,
          refreshToken: outcome.refreshToken,
          searchKeys: outcome.searchKeys,
          bundle: outcome.bundle,
          dataKey: outcome.dataKey,
          freshDataKey: outcome.freshDataKey,
        });
        return { ok: true };
      },
      locked,
      lockNow: () => idleLock.current?.lockNow(),
      async unlock(password) {
        const username = workspace?.session.user.username;
        if (!username) return { ok: false, reason: 'no_offline_profile' };
        const outcome = await unlockOfflineProfile(store, username, password);
        if (typeof outcome === 'object') {
          idleLock.current?.unlocked();
          return { ok: true };
        }
        const reasons = { none: 'no_offline_profile', mismatch: 'invalid_credentials', wait: 'rate_limited', blocked: 'profile_locked' } as const;
        return { ok: false, reason: reasons[outcome] };
      },
      async signOut() {
        const closing = current.current;
        sessionStore.removeItem(SESSION_KEY);
        forgetSessionKey(sessionStore);
        await closing?.close();
        current.current = null;
        setWorkspace(null);
        // Online, the server ends this device's session as well; never waited for here.
        if (closing && navigator.onLine) serverSignOut.current = closing.endServerSession();
      },
      async wipeAndSignOut() {
        const closing = current.current;
        sessionStore.removeItem(SESSION_KEY);
        forgetSessionKey(sessionStore);
        await closing?.wipe();
        current.current = null;
        setWorkspace(null);
        if (closing && navigator.onLine) serverSignOut.current = closing.endServerSession();
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- serverChoices: the chosen address lives in the store, read again when it changes.
    [workspace, store, sessionStore, openWorkspace, locked, provisioning, shippedProblems, serverChoices],
  );

  if (restoring || !shippedChecked) return null;
  return (
    <AuthContext.Provider value={auth}>
      <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthApi {
  const api = useContext(AuthContext);
  if (!api) throw new Error('useAuth outside AppDataProvider');
  return api;
}

/** The signed-in user's workspace; only used under the signed-in part of the app. */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace without a signed-in session');
  return workspace;
}
