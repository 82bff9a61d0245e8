import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { whenSignedOut } from './api';
import { clearSession, readSession, saveSession, type SessionUser } from './session';

interface Auth {
  user: SessionUser | null;
  signIn: (accessToken: string, user: SessionUser) => void;
  signOut: () => void;
}

const AuthContext = createContext<Auth>({
  user: null,
  signIn: () => undefined,
  signOut: () => undefined,
});

export function AuthProvider({ children }: { children: ComponentChildren }) {
  const [user, setUser] = useState<SessionUser | null>(() => readSession()?.user ?? null);
  useEffect(() => whenSignedOut(() => setUser(null)), []);
  const auth = useMemo<Auth>(
    () => ({
      user,
      signIn: (accessToken, signedIn) => {
        saveSession({ accessToken, user: signedIn });
        setUser(signedIn);
      },
      signOut: () => {
        clearSession();
        setUser(null);
      },
    }),
    [user],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  return useContext(AuthContext);
}

/** Who may take the workflow steps, as the API's roles say. */
export const can = {
  enter: (user: SessionUser) => user.role === 'admin' || user.role === 'officer',
  review: (user: SessionUser) => user.role === 'admin' || user.role === 'reviewer',
  administer: (user: SessionUser) => user.role === 'admin',
  /** People to train, courses and attendance: everyone but a viewer, within their scope. */
  record: (user: SessionUser) => user.role !== 'viewer',
};
