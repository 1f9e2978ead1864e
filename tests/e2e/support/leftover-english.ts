/**
 * "No English string is left": the texts a page shows (text nodes, `aria-label`, `title`,
 * `placeholder`) checked against the English messages of public/_locales. A text that is the
 * whole of an English message (its `$1`… standing for anything) is English left over, unless the
 * other locale spells that message the same way. Names, references, durations and titles come
 * from GitLab and are no message, so they pass; messages with fewer than four letters of their
 * own ("$1 of $2") are too short to tell apart from such data and are not looked for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Messages = Record<string, { message: string }>;
const LOCALES = path.resolve(import.meta.dirname, '../../../public/_locales');
const read = (locale: string): Messages => JSON.parse(readFileSync(path.join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English messages as whole-text patterns, leaving out those `locale` keeps in English. */
export function englishPatterns(locale: string): Array<{ key: string; pattern: RegExp }> {
  const english = read('en');
  const other = read(locale);
  return Object.entries(english)
    .filter(([key, { message }]) => other[key]?.message !== message && message.replace(/\$\d/g, '').replace(/[^\p{L}]/gu, '').length >= 4)
    .map(([key, { message }]) => ({ key, pattern: new RegExp(`^${message.split(/\$\d/).map(escape).join('.+')}$`, 'u') }));
}

/** The English messages among `texts`, as `key: text`. */
export function leftoverEnglish(texts: string[], locale: string): string[] {
  const patterns = englishPatterns(locale);
  return texts.flatMap((text) => patterns.filter(({ pattern }) => pattern.test(text)).map(({ key }) => `${key}: ${text}`));
}

/**
 * Runs in the page: the trimmed texts and labels inside `root` (shadow roots included). Passed
 * as a function to `page.evaluate` / `locator.evaluate`.
 */
export function shownTexts(root: Element | Document): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === 3) texts.push(node.textContent ?? '');
    if (node instanceof Element) {
      if (['SCRIPT', 'STYLE'].includes(node.tagName)) return;
      for (const name of ['aria-label', 'title', 'placeholder']) texts.push(node.getAttribute(name) ?? '');
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return texts.map((text) => text.trim()).filter(Boolean);
}
