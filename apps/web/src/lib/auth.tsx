import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ROLE_CONSOLE, type CurrentUser, type Role, type TokenResponse } from '@zhicheng/contracts';
import { api, onSessionChange, refreshSession, setSession } from './api';
import { queryClient } from './query-client';

export type ConsoleKey = 'hall' | 'office' | 'admin';

/** The console a role works in, and its home path. */
export function consoleOf(role: Role): ConsoleKey {
  return ROLE_CONSOLE[role];
}

export function homeOf(role: Role): string {
  return `/${consoleOf(role)}`;
}

interface AuthState {
  user: CurrentUser | null;
  /** False until the silent refresh at start has answered. */
  ready: boolean;
  signIn: (session: TokenResponse) => void;
  signOut: () => Promise<void>;
  setUser: (user: CurrentUser) => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<CurrentUser | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const off = onSessionChange((s) => setUserState(s?.user ?? null));
    // Restore the session after a reload from the httpOnly refresh cookie.
    void refreshSession().finally(() => setReady(true));
    return () => {
      off();
    };
  }, []);

  const signIn = useCallback((session: TokenResponse) => setSession(session), []);
  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { auth: false });
    } catch {
      // Signed out here whatever the server answered; its session ends with the refresh token's lifetime.
    } finally {
      setSession(null);
      queryClient.clear();
    }
  }, []);
  const setUser = useCallback((u: CurrentUser) => setUserState(u), []);

  const value = useMemo(() => ({ user, ready, signIn, signOut, setUser }), [user, ready, signIn, signOut, setUser]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside AuthProvider');
  return ctx;
}

/** The signed-in user, for pages behind a guard. */
export function useCurrentUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used outside a guarded route');
  return user;
}
