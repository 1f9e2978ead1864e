import { useLayoutEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

/**
 * A zustand store's state in a Preact view. zustand's own `useStore` goes through React's
 * useSyncExternalStore, which would pull preact/compat (about 4 KB gzipped) into the widget that
 * every issue page loads; subscribing directly does the same job here.
 */
export function useStoreState<T>(store: StoreApi<T>): T {
  const [state, setState] = useState(() => store.getState());
  // Subscribed right after rendering (not after paint), so no change in between is missed.
  useLayoutEffect(() => {
    setState(store.getState());
    return store.subscribe((next) => setState(next));
  }, [store]);
  return state;
}
