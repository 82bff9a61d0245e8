import type { SessionUser } from '@app/contracts';

export type { SessionUser };

interface Stored {
  accessToken: string;
  user: SessionUser;
}

// Per tab, and gone when the tab closes: officials often share a computer at the commune office.
const KEY = 'lmt.session';

export function readSession(): Stored | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Stored;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: Stored): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
