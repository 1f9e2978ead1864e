/**
 * Two scripts reach GitLab pages. The loader (a few KB: URL detection and one message) runs on
 * every page: the manifest declares it for gitlab.com, and self-hosted GitLabs get it registered
 * at run time, one origin each, once the user connected them and granted access. The widget is
 * injected only where the loader finds an issue view (item-actions.ts). Patterns carry no port:
 * Firefox refuses ports in match patterns, and a portless pattern matches every port in both
 * browsers; the background still checks each message's exact origin (with port) against the
 * connected instances.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { needsRuntimeRegistration, originPattern } from '../model/host-access';

export { GITLAB_COM, needsRuntimeRegistration, originPattern } from '../model/host-access';
const SCRIPT_PREFIX = 'tk-gitlab-';
export const CONTENT_SCRIPT_FILE = 'loader.js';
export const WIDGET_SCRIPT_FILE = '/widget.js';
/** The widget's forms (time log, estimate, resets, to-do): injected when the user first opens them. */
export const WIDGET_FORMS_FILE = '/widget-forms.js';


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
  const wanted = new Map<string, string>();
  const missingPermission: string[] = [];
  for (const baseUrl of baseUrls.filter(needsRuntimeRegistration)) {
    const pattern = originPattern(baseUrl);
    const granted = await browser.permissions.contains({ origins: [pattern] });
    if (granted) wanted.set(scriptId(pattern), pattern);
    else missingPermission.push(baseUrl);
  }
  const registered = await scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(SCRIPT_PREFIX));
  const stale = ours.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(ours.map((s) => s.id));
  const fresh = [...wanted].filter(([id]) => !have.has(id));
  if (fresh.length) {
    await scripting.registerContentScripts(
      fresh.map(([id, pattern]) => ({ id, matches: [pattern], js: [CONTENT_SCRIPT_FILE], runAt: 'document_start' as const, allFrames: false })),
    );
  }
  return missingPermission;
}
