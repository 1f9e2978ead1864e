import { registerLifecycle } from '@/lib/background/lifecycle';
import { registerRoutes } from '@/lib/background/routes';

export default defineBackground(() => {
  // Test builds only: a wall clock that automation can move, as a user moving the computer's clock would.
  let moved = 0;
  if (import.meta.env.TK_TEST_BUILD) Object.assign(globalThis, { timekeeperMoveClock: (ms: number) => (moved += ms) });
  const deps = {
    browser,
    now: () => Date.now() + moved,
    mono: () => performance.now(),
    fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
  };
  registerRoutes(deps);
  registerLifecycle(deps);
});
