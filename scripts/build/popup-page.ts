/**
 * The popup's page in as few requests as possible: every resource an extension page asks for is
 * a round trip through the browser process, and the popup's first paint waits on all of them
 * (measured: one script and inline styles paint the cached list about 10 ms sooner than two
 * script chunks and two style sheets; scripts/popup-bench.ts).
 *  - `ownBuildForPopup` builds the popup apart from the options page, so it is one script rather
 *    than its own chunk plus a chunk shared with the options page (WXT builds all HTML pages
 *    together by default);
 *  - `inlinePopupStyles` writes the popup's style sheets into popup.html. Extension pages' CSP
 *    restricts scripts, not styles.
 */
import type { Plugin } from 'vite';

interface EntrypointLike {
  type: string;
}
type Group = EntrypointLike | EntrypointLike[];

/** For WXT's `entrypoints:grouped` hook: moves the popup out of the group of HTML pages. */
export function ownBuildForPopup(groups: Group[]): void {
  for (const group of groups) {
    if (!Array.isArray(group) || group.length < 2) continue;
    const index = group.findIndex((entry) => entry.type === 'popup');
    if (index === -1) continue;
    const [popup] = group.splice(index, 1);
    groups.push([popup!]);
    return;
  }
}

/** Replaces each `<link rel="stylesheet" href="/x.css">` with the style sheet itself (`cssOf` gives it, or undefined to keep the link). */
export function inlineStylesheets(html: string, cssOf: (href: string) => string | undefined): { html: string; inlined: string[] } {
  const inlined: string[] = [];
  const out = html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    const css = href === undefined ? undefined : cssOf(href);
    if (css === undefined || /<\/style/i.test(css)) return tag;
    inlined.push(href!);
    return `<style>${css}</style>`;
  });
  return { html: out, inlined };
}

/** A Vite plugin for the popup's own build (see ownBuildForPopup). */
export function inlinePopupStyles(): Plugin {
  return {
    name: 'timekeeper:inline-popup-styles',
    enforce: 'post',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The page as Vite emits it (WXT moves it to popup.html afterwards).
      const page = Object.values(bundle).find((file) => file.type === 'asset' && file.fileName.endsWith('.html'));
      if (!page || page.type !== 'asset' || typeof page.source !== 'string') return;
      const { html, inlined } = inlineStylesheets(page.source, (href) => {
        const asset = bundle[href.replace(/^\//, '')];
        return asset?.type === 'asset' && typeof asset.source === 'string' ? asset.source : undefined;
      });
      page.source = html;
      for (const href of inlined) delete bundle[href.replace(/^\//, '')];
    },
  };
}
