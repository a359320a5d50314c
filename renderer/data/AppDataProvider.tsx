// STUB — being implemented; signatures are final.
import { createContext, useContext, type ReactNode } from 'react';
import type { AppSession, SignInInput, SignInResult } from './types';

export interface AuthApi {
  /** null until someone signs in. */
  session: AppSession | null;
  /** Tries the server; when it cannot be reached, the offline profile saved at the last online sign-in. */
  signIn(input: SignInInput): Promise<SignInResult>;
  signOut(): Promise<void>;
  /** The server address last used on this device, to prefill the sign-in form. */
  lastServerUrl: string;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AppDataProvider({ children }: { children: ReactNode }) {
  return <AuthContext.Provider value={null}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const api = useContext(AuthContext);
  if (!api) throw new Error('useAuth outside AppDataProvider');
  return api;
}
