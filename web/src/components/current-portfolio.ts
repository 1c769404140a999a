import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'rebalance.currentPortfolio';
const listeners = new Set<() => void>();

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
