/**
 * The signed-in session as React state: who is signed in, the idle timer with its
 * warning, keep-alive on activity, and what happens when the session ends. When it ends
 * (idle timeout, absolute lifetime, refused request), the page stays mounted: pages
 * register their unsaved text, the expired banner shows it, and a sign-in dialog opens over
 * the page. After signing in again, `resumeCount` goes up and pages save what they hold.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { setCsrfToken, setSessionListeners } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/schemas.ts';
import { idleDeadline, shouldKeepAlive, warnBeforeMs } from './idle.ts';

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in' | 'expired';

export interface AuthValue {
  readonly status: AuthStatus;
  readonly session: SessionInfo | null;
  /** Increments after each sign-in that resumes an expired session. */
  readonly resumeCount: number;
  /** Epoch ms when the server may end the idle session. */
  readonly deadline: number;
  readonly warning: boolean;
  readonly signedIn: (info: SessionInfo) => void;
  readonly signOut: () => Promise<void>;
  /** Keeps the session alive (the warning's "Stay signed in"). */
  readonly stay: () => void;
  /** The countdown reached zero. */
  readonly expire: () => void;
  /** Pages register a getter of their unsaved text; returns the unregister function. */
  readonly registerUnsaved: (key: string, get: () => string) => () => void;
  readonly unsavedText: () => string;
  readonly refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Provides the session; loads it once from `GET /api/auth/session`. */
export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [resumeCount, setResumeCount] = useState(0);
  const [lastContact, setLastContact] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const lastContactRef = useRef(lastContact);
  const statusRef = useRef(status);
  statusRef.current = status;
  const unsaved = useRef(new Map<string, () => string>());

  const contact = useCallback(() => {
    const t = Date.now();
    lastContactRef.current = t;
    setLastContact(t);
  }, []);

  useEffect(() => {
    setSessionListeners({
      onServerContact: contact,
      onSessionEnded: () => {
        if (statusRef.current === 'signed-in') setStatus('expired');
      },
    });
    return () => setSessionListeners({});
  }, [contact]);

  const refresh = useCallback(async () => {
    try {
      const info = await api.session();
      setCsrfToken(info.csrfToken);
      setSession(info);
      setStatus('signed-in');
    } catch {
      setCsrfToken(null);
      setSession(null);
      setStatus('signed-out');
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = useCallback(
    (info: SessionInfo) => {
      setCsrfToken(info.csrfToken);
      contact();
      setSession((prev) => {
        // A different person signing in at the expired dialog must not see the last user's data.
        if (prev && prev.user.id !== info.user.id) queryClient.clear();
        return info;
      });
      setStatus((prev) => {
        if (prev === 'expired') setResumeCount((n) => n + 1);
        return 'signed-in';
      });
    },
    [contact, queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    setCsrfToken(null);
    setSession(null);
    setStatus('signed-out');
    queryClient.clear();
    // The next person starts at home, not on the last record this one had open.
    if (window.location.hash !== '' && window.location.hash !== '#/') window.location.hash = '#/';
  }, [queryClient]);

  const idle = session?.idleTimeoutSeconds ?? 900;
  const deadline = idleDeadline(lastContact, idle);
  const warning = status === 'signed-in' && now >= deadline - warnBeforeMs(idle);

  // A clock for the warning; once a second is enough.
  useEffect(() => {
    if (status !== 'signed-in') return undefined;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [status]);

  const stay = useCallback(() => {
    void api.session().then(
      (info) => setSession(info),
      () => undefined,
    );
  }, []);

  const expire = useCallback(() => {
    if (statusRef.current !== 'signed-in') return;
    setStatus('expired');
    // End it on the server too, in case its clock is a few seconds behind ours.
    void api.logout().catch(() => undefined);
    setCsrfToken(null);
  }, []);

  // Keep-alive on activity: typing or clicking slides the server's idle timer, at most once per touch window.
  useEffect(() => {
    if (status !== 'signed-in') return undefined;
    let pinging = false;
    const onActivity = (): void => {
      const t = Date.now();
      if (pinging || t >= idleDeadline(lastContactRef.current, idle) - warnBeforeMs(idle)) return;
      if (!shouldKeepAlive(t, lastContactRef.current, idle)) return;
      pinging = true;
      void api
        .session()
        .catch(() => undefined)
        .finally(() => {
          pinging = false;
        });
    };
    window.addEventListener('keydown', onActivity, true);
    window.addEventListener('pointerdown', onActivity, true);
    return () => {
      window.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('pointerdown', onActivity, true);
    };
  }, [status, idle]);

  const registerUnsaved = useCallback((key: string, get: () => string) => {
    unsaved.current.set(key, get);
    return () => {
      if (unsaved.current.get(key) === get) unsaved.current.delete(key);
    };
  }, []);
  const unsavedText = useCallback(
    () =>
      [...unsaved.current.values()]
        .map((g) => g())
        .filter((t) => t.trim() !== '')
        .join('\n\n'),
    [],
  );

  const value = useMemo<AuthValue>(
    () => ({ status, session, resumeCount, deadline, warning, signedIn, signOut, stay, expire, registerUnsaved, unsavedText, refresh }),
    [status, session, resumeCount, deadline, warning, signedIn, signOut, stay, expire, registerUnsaved, unsavedText, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
