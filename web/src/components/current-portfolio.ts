import { useCallback, useSyncExternalStore } from 'react';
import { session } from '../auth/session';

const KEY = 'rebalance.currentPortfolio';
const listeners = new Set<() => void>();

// A new session starts without a current portfolio: the last one may be another user's.
session.subscribe(() => {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
});

/** The portfolio the sidebar's portfolio pages point at: the one last opened. */
export function useCurrentPortfolio(): [string | undefined, (id: string) => void] {
  const id = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => sessionStorage.getItem(KEY) ?? undefined,
  );
  const set = useCallback((next: string) => {
    if (sessionStorage.getItem(KEY) === next) return;
    sessionStorage.setItem(KEY, next);
    listeners.forEach((listener) => listener());
  }, []);
  return [id, set];
}
