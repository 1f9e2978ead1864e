import { registerLifecycle } from '@/lib/background/lifecycle';
import { registerRoutes } from '@/lib/background/routes';

export default defineBackground(() => {
  const deps = { browser, now: () => Date.now(), fetch: (...args: Parameters<typeof fetch>) => fetch(...args) };
  registerRoutes(deps);
  registerLifecycle(deps);
});
