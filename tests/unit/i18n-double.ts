/**
 * `browser.i18n` for unit tests: the English messages, with `$1`… substituted as the browsers do,
 * so tests keep their English expectations. Installed by vitest.config.ts (setupFiles).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '@/public/_locales/en/messages.json';

const english = messages as Record<string, { message: string }>;

export function getMessage(key: string, subs?: string | string[]): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const message = english[key]?.message;
  if (message === undefined) return '';
  return message.replace(/\$(\$|\d)/g, (_, n: string) => (n === '$' ? '$' : (list[Number(n) - 1] ?? '')));
}

// The fake browser (wxt/testing) stands in as `browser` and `chrome` and has no i18n of its own.
const globals = globalThis as unknown as Record<'browser' | 'chrome', { i18n?: object } | undefined>;
const double = { getMessage, getUILanguage: () => 'en' };
Object.assign(fakeBrowser.i18n, double);
for (const name of ['browser', 'chrome'] as const) {
  const api = (globals[name] ??= {});
  api.i18n = Object.assign(api.i18n ?? {}, double);
}
