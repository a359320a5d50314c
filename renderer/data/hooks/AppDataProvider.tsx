import { z } from 'zod';
import { sessionUserSchema } from '../../../shared/sync/wireSchemas';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RxStorage } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { IdleLock, lockMinutesFrom } from '../core/auth/idleLock';
import { bundleKeysOf, openProfileSecrets, readOfflineProfile, unlockOfflineProfile } from '../core/auth/offlineProfile';
import { normalizeServerUrl, signIn as signInWith } from '../core/auth/signIn';
import type { KeyValueStore } from '../core/keyValueStore';
import type { AppSession, SignInInput, SignInResult } from '../core/types';
import { forgetSessionKey, hostProtector, recallSessionKey, rememberSessionKey } from '../core/keys/sessionKey';
import { platform } from '../core/platform';
import { Workspace, type WorkspaceCredentials } from '../core/workspace';

export interface AuthApi {
  /** null until someone signs in. */
  session: AppSession | null;
  /** Tries the server; when it cannot be reached, the offline profile saved at the last online sign-in. */
  signIn(input: SignInInput): Promise<SignInResult>;
  /** Closes the session; the data stays on this laptop, encrypted, for the next sign-in. */
  signOut(): Promise<void>;
  /** 清除本机数据: removes this user's database, profile, drafts and waiting list, then signs out. */
  wipeAndSignOut(): Promise<void>;
  /** The server address last used on this device, to prefill the sign-in form. */
  lastServerUrl: string;
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
  const idleLock = useRef<IdleLock | null>(null);
  // The last sign-out's request to the server; a new sign-in waits for it (at most a few seconds),
  // so a late sign-out never ends the session that follows it.
  const serverSignOut = useRef<Promise<void>>(Promise.resolve());

  // The idle lock runs while someone is signed in.
  useEffect(() => {
    if (!workspace) return;
    const lock = new IdleLock(window, lockMinutesFrom(store.getItem('jiuzhu:lockMinutes')) * 60_000);
    idleLock.current = lock;
    const subscription = lock.locked$.subscribe(setLocked);
    return () => {
      subscription.unsubscribe();
      lock.dispose();
      idleLock.current = null;
    };
  }, [workspace, store]);

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
      lastServerUrl: defaultServerUrl(store),
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
    [workspace, store, sessionStore, openWorkspace, locked],
  );

  if (restoring) return null;
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
