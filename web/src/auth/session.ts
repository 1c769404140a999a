/**
 * The signed-in user's access token. Kept in sessionStorage so a reload keeps
 * the session but closing the tab ends it; it expires when the API says so.
 */
const KEY = 'rebalance.session';

interface Session {
  accessToken: string;
  expiresAt: number;
}

type Listener = (reason: 'signed-in' | 'signed-out' | 'expired') => void;
const listeners = new Set<Listener>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function read(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : undefined;
}

function end(reason: 'signed-out' | 'expired'): void {
  if (expiryTimer) clearTimeout(expiryTimer);
  const had = sessionStorage.getItem(KEY) !== null;
  sessionStorage.removeItem(KEY);
  if (had || reason === 'signed-out') listeners.forEach((listener) => listener(reason));
}

function scheduleExpiry(session: Session): void {
  if (expiryTimer) clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => end('expired'), Math.max(0, session.expiresAt - Date.now()));
}

export const session = {
  token(): string | undefined {
    return read()?.accessToken;
  },
  signIn(accessToken: string, expiresInSeconds: number): void {
    const value = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
    sessionStorage.setItem(KEY, JSON.stringify(value));
    scheduleExpiry(value);
    listeners.forEach((listener) => listener('signed-in'));
  },
  signOut(): void {
    end('signed-out');
  },
  /** The API refused the token (401): it expired or was revoked. */
  expire(): void {
    end('expired');
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  resume(): void {
    const current = read();
    if (current) scheduleExpiry(current);
    else sessionStorage.removeItem(KEY);
  },
};
