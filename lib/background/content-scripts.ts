/**
 * Two scripts reach GitLab pages. The loader (under 1 KB: URL detection and one message) runs on
 * every page; the widget is declared on item pages (ITEM_PAGE_PATHS), so it starts with the page,
 * and injected where the loader finds an item view the declaration did not cover (a drawer, a
 * page reached without a load; item-actions.ts). The manifest declares both for gitlab.com;
 * self-hosted GitLabs get them registered at run time, one origin each, once the user connected
 * them and granted access. Patterns carry no port:
 * Firefox refuses ports in match patterns, and a portless pattern matches every port in both
 * browsers; the background still checks each message's exact origin (with port) against the
 * connected instances.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { itemPagePatterns, needsRuntimeRegistration, originPattern } from '../model/host-access';

export { GITLAB_COM, needsRuntimeRegistration, originPattern } from '../model/host-access';
const SCRIPT_PREFIX = 'tk-gitlab-';
export const CONTENT_SCRIPT_FILE = 'loader.js';
/** The widget as a registered content script names its file without the leading slash, like the loader. */
export const WIDGET_CONTENT_SCRIPT = 'widget.js';
export const WIDGET_SCRIPT_FILE = `/${WIDGET_CONTENT_SCRIPT}` as const;
/** The widget's forms (time log, estimate, resets, to-do): injected when the user first opens them. */
export const WIDGET_FORMS_FILE = '/widget-forms.js';
/** Start timer on list rows and board cards: injected only into list and board pages of a connected GitLab. */
export const LIST_SCRIPT_FILE = '/lists.js';


function scriptId(pattern: string): string {
  // Script ids may not contain every character a host can; keep it readable and unique.
  return SCRIPT_PREFIX + pattern.replace(/[^a-zA-Z0-9]+/g, '_');
}

/**
 * Makes the registered scripts match the connected self-hosted instances that still have host
 * permission. Returns the base URLs whose permission is missing (the caller marks them).
 */
export async function syncContentScripts(browser: Browser, baseUrls: string[]): Promise<string[]> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return [];
  type Registration = Parameters<typeof scripting.registerContentScripts>[0][number];
  const wanted = new Map<string, Registration>();
  const missingPermission: string[] = [];
  for (const baseUrl of baseUrls.filter(needsRuntimeRegistration)) {
    const pattern = originPattern(baseUrl);
    const granted = await browser.permissions.contains({ origins: [pattern] });
    if (!granted) {
      missingPermission.push(baseUrl);
      continue;
    }
    const id = scriptId(pattern);
    // The widget first: the loader then finds it running and has nothing to ask.
    wanted.set(`${id}_widget`, { id: `${id}_widget`, ...itemPagePatterns(baseUrl), js: [WIDGET_CONTENT_SCRIPT], runAt: 'document_start', allFrames: false });
    wanted.set(id, { id, matches: [pattern], js: [CONTENT_SCRIPT_FILE], runAt: 'document_start', allFrames: false });
  }
  const registered = await scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(SCRIPT_PREFIX));
  const stale = ours.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(ours.map((s) => s.id));
  const fresh = [...wanted].filter(([id]) => !have.has(id)).map(([, registration]) => registration);
  if (fresh.length) await scripting.registerContentScripts(fresh);
  return missingPermission;
}
