import { registerLifecycle, registerRouter } from '@/lib/background/routes';

export default defineBackground(() => {
  const deps = { browser, now: () => Date.now(), fetch: (...args: Parameters<typeof fetch>) => fetch(...args) };
  registerRouter(deps);
  registerLifecycle(deps);
});
