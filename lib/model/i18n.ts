/**
 * The extension's words, from `public/_locales/<locale>/messages.json` through the browser's own
 * `i18n.getMessage` (no library: the content scripts count their bytes). `MessageKey` is checked
 * against the English file, and tests/unit/locales.test.ts checks that every locale has exactly
 * English's keys and that every key is used. Durations stay in GitLab's grammar (`1h 30m`),
 * which GitLab parses in every language; dates and numbers go through `Intl` in `uiLanguage()`.
 */
import type english from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;
/** Keys with `_one`/`_other` forms, chosen by `plural`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_one` ? Base : never) : never;

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}
const api = (): I18nApi | undefined => {
  const globals = globalThis as unknown as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return globals.chrome?.i18n ?? globals.browser?.i18n;
};

/** The message `key` in the browser's language, with `$1`… replaced by `subs`. */
export function t(key: MessageKey, subs?: string | number | Array<string | number>): string {
  const list = subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String);
  return api()?.getMessage(key, list) || key;
}

/** The browser's UI language (e.g. `de`, `pt-BR`), for `Intl`. */
export function uiLanguage(): string {
  return api()?.getUILanguage() || 'en';
}

let rules: Intl.PluralRules | undefined;
/** `key_one` or `key_other` by the language's plural rules, with `count` (formatted) as `$1`. */
export function plural(key: PluralKey, count: number, ...more: Array<string | number>): string {
  rules ??= new Intl.PluralRules(uiLanguage());
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, [count.toLocaleString(uiLanguage()), ...more]);
}

/** A time of day, hours and minutes, in the UI language. */
export function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit' });
}
