/**
 * The one key of everything that carries time in GitLab: an issue or a merge request, on one
 * GitLab, in one project. Timers, time logs, views and messages all name their item with it, and
 * `sameItem` is the only way to ask whether two of them are the same.
 */

/** GitLab tracks time on issues (work items included) and on merge requests. */
export type ItemKind = 'issue' | 'merge_request';

export interface ItemKey {
  /** The connected GitLab's base URL, its id: `https://gitlab.com`, `https://host/gitlab`. */
  instanceId: string;
  /** The project's full path, `group/sub/project`. GitLab compares paths without case. */
  projectPath: string;
  kind: ItemKind;
  /** The number inside the project (`#12`, `!7`). */
  iid: number;
}

/** A key with what a view shows of it without asking GitLab. */
export interface ItemInfo extends ItemKey {
  title?: string;
  webUrl?: string;
}

export function sameItem(a: ItemKey, b: ItemKey): boolean {
  return a.instanceId === b.instanceId && a.kind === b.kind && a.iid === b.iid && a.projectPath.toLowerCase() === b.projectPath.toLowerCase();
}

/** The same item on the same GitLab as the page the caller is on (which knows only its own GitLab). */
export function sameItemHere(a: Omit<ItemKey, 'instanceId'>, b: Omit<ItemKey, 'instanceId'>): boolean {
  return a.kind === b.kind && a.iid === b.iid && a.projectPath.toLowerCase() === b.projectPath.toLowerCase();
}

/** A string that is equal for the same item: a Map key. */
export function itemId(item: ItemKey): string {
  return `${item.instanceId} ${item.kind} ${item.projectPath.toLowerCase()} ${item.iid}`;
}

/** GitLab's own reference: `group/project#12` for an issue, `group/project!7` for a merge request. */
export function itemReference(item: Pick<ItemKey, 'projectPath' | 'kind' | 'iid'>): string {
  return `${item.projectPath}${item.kind === 'merge_request' ? '!' : '#'}${item.iid}`;
}

/** The item's page on its GitLab (today's URLs; older servers redirect or are linked by `webUrl`). */
export function itemWebUrl(item: ItemKey): string {
  const path = item.projectPath.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return `${item.instanceId.replace(/\/+$/, '')}/${path}/-/${item.kind === 'merge_request' ? 'merge_requests' : 'issues'}/${item.iid}`;
}

/**
 * The address to link an item with: the server's `webUrl` only when it is an http(s) address on
 * the item's own GitLab, else the address built from the key. A link never leads elsewhere.
 */
export function itemLink(item: ItemInfo): string {
  return sameOriginHttp(item.webUrl, item.instanceId) ? item.webUrl! : itemWebUrl(item);
}

/** Whether `url` is an http(s) address on the origin of `baseUrl` (a GitLab's). */
export function sameOriginHttp(url: string | undefined | null, baseUrl: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}
