/**
 * No markup from strings in the packaged code. Preact's renderer has one `innerHTML` assignment,
 * for `dangerouslySetInnerHTML`, which nothing in this extension uses; addons.mozilla.org's
 * linter (`web-ext lint`) flags it in every bundle that renders Preact. The build turns it into a
 * `textContent` assignment, so a string given there could only ever show as text.
 */
import type { Plugin } from 'vite';

/** The assignment as it stands in preact/dist/preact.mjs (minified names differ by release). */
const RAW_HTML_ASSIGNMENT = /\(([\w$]+)\.innerHTML=([\w$]+)\.__html\)/g;

/** Preact's code with its `innerHTML` assignment made a text one. Throws unless there is exactly one: a Preact release that moved it must be looked at. */
export function withoutRawHtml(code: string): string {
  const found = code.match(RAW_HTML_ASSIGNMENT)?.length ?? 0;
  if (found !== 1) throw new Error(`no-raw-html: expected one innerHTML assignment in Preact, found ${found}; update scripts/build/no-raw-html.ts`);
  return code.replace(RAW_HTML_ASSIGNMENT, '($1.textContent=$2.__html)');
}

export function isPreactRenderer(id: string): boolean {
  return /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id.split('?')[0]!);
}

export function noRawHtml(): Plugin {
  return {
    name: 'timekeeper:no-raw-html',
    transform: (code, id) => (isPreactRenderer(id) ? { code: withoutRawHtml(code), map: null } : null),
  };
}
