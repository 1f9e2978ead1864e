import { runContentScript } from '@/lib/content/mount';

// gitlab.com here; self-hosted GitLabs get this same script registered at run time (lib/background/content-scripts.ts).
export default defineContentScript({
  matches: ['https://gitlab.com/*'],
  runAt: 'document_end',
  cssInjectionMode: 'manual',
  main: (ctx) => runContentScript(ctx),
});
