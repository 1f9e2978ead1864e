/**
 * The locale files: every locale has exactly English's keys (none missing, none left over), the
 * same `$1`… substitutions, no empty message; every English key is used by the sources (as
 * `t('key')`, `plural('key', …)` for `key_one`/`key_other`, or `__MSG_key__` in the manifest).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const localesDir = join(root, 'public/_locales');
type Messages = Record<string, { message: string; description?: string }>;
const read = (locale: string): Messages => JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8')) as Messages;
const locales = readdirSync(localesDir).sort();
const english = read('en');
const substitutions = (message: string) => [...new Set(message.match(/\$\d/g) ?? [])].sort();

/** The source files whose words can reach the user (tests excluded). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const code = [...['components', 'lib', 'entrypoints'].flatMap((dir) => sources(join(root, dir))), join(root, 'wxt.config.ts')]
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

/** Keys the code names: t('k') / t("k"), plural('base', …), __MSG_k__. */
export function usedKeys(text: string): Set<string> {
  const used = new Set<string>();
  for (const [, key] of text.matchAll(/\bt\(\s*['"]([A-Za-z0-9_]+)['"]/g)) used.add(key!);
  for (const [, base] of text.matchAll(/\bplural\(\s*['"]([A-Za-z0-9_]+)['"]/g)) for (const form of ['one', 'other']) used.add(`${base}_${form}`);
  for (const [, key] of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(key!);
  return used;
}

describe('locales', () => {
  it('has English and at least German, French, Spanish, Brazilian Portuguese and Japanese', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es', 'pt_BR', 'ja']));
  });

  it.each(locales.filter((l) => l !== 'en'))('%s has exactly the keys of en, with the same substitutions', (locale) => {
    const messages = read(locale);
    expect(Object.keys(messages).filter((key) => !(key in english)), 'keys en does not have').toEqual([]);
    expect(Object.keys(english).filter((key) => !(key in messages)), 'keys missing').toEqual([]);
    for (const [key, { message }] of Object.entries(messages)) {
      expect(message.trim(), `${locale}: ${key} is empty`).not.toBe('');
      expect(substitutions(message), `${locale}: ${key}`).toEqual(substitutions(english[key]!.message));
    }
  });

  it('uses every key of en, and en has every key the code uses', () => {
    const used = usedKeys(code);
    expect(Object.keys(english).filter((key) => !used.has(key)), 'keys no source uses').toEqual([]);
    expect([...used].filter((key) => !(key in english)), 'keys en does not have').toEqual([]);
  });

  it('plural keys come in pairs', () => {
    for (const key of Object.keys(english)) {
      if (key.endsWith('_one')) expect(english, key).toHaveProperty(key.replace(/_one$/, '_other'));
      if (key.endsWith('_other')) expect(english, key).toHaveProperty(key.replace(/_other$/, '_one'));
    }
  });

  it('finds the keys the code names, and no others', () => {
    expect([...usedKeys(`t('a'); t("b", x); plural('c', 2); '__MSG_d__'; at('e'); t(key)`)].sort()).toEqual(['a', 'b', 'c_one', 'c_other', 'd']);
  });
});
