/**
 * Which addresses the extension asks the browser for: gitlab.com is in the manifest; every other
 * GitLab gets its origin asked for (and its loader registered) when the user connects it.
 * Patterns carry no port: Firefox refuses ports in match patterns, and a portless pattern
 * matches every port in both browsers.
 */
import { ITEM_PAGE_NOT_PATHS, ITEM_PAGE_PATHS } from '../gitlab/page';

export const GITLAB_COM = 'https://gitlab.com';

/** `https://host:8443/gitlab` → `https://host/*` (the pattern used for permissions and scripts). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The item pages of a GitLab (see ITEM_PAGE_PATHS), as match patterns: where the widget is declared. */
export function itemPagePatterns(baseUrl: string): { matches: string[]; excludeMatches: string[] } {
  const origin = originPattern(baseUrl).slice(0, -2);
  return { matches: ITEM_PAGE_PATHS.map((p) => origin + p), excludeMatches: ITEM_PAGE_NOT_PATHS.map((p) => origin + p) };
}

/** Whether a GitLab needs its page access asked for and its loader registered at run time (all but gitlab.com). */
export function needsRuntimeRegistration(baseUrl: string): boolean {
  return new URL(baseUrl).origin !== GITLAB_COM;
}
