// Which GitLab issue or merge request a page URL shows. Pure functions of the URL, so every
// era's URL shape can be tested by a table:
//   8.x-12.x   /<ns>/<project>/issues/<iid>            (legacy, removed in 16.0)
//   12.9+      /<ns>/<project>/-/issues/<iid>
//   8.x-11.x   /<ns>/<project>/merge_requests/<iid>[/<tab>]
//   12.x+      /<ns>/<project>/-/merge_requests/<iid>[/<tab>]   (tabs: commits, pipelines, diffs; 8.16 builds)
//   17.x+      /-/work_items/<iid>, incidents /-/issues/incident/<iid>,
//              drawers: a list or board URL + ?show=<base64 JSON {iid, full_path, id}>
// Servers may live under a sub-path (relative_url_root), so the caller passes
// the instance's base path; nothing is anchored at '/' otherwise.

export interface IssueRef {
  /** Project full path, e.g. `group/sub/project`. */
  fullPath: string;
  iid: number;
  kind: 'issue' | 'incident' | 'work_item' | 'merge_request';
  /** True when the issue is open in a drawer (`?show=`) over a list, board or other issue. */
  drawer: boolean;
}

// GitLab namespace and project paths: letters, digits, '_', '.', '-', not
// starting with '-' (that segment is GitLab's route separator).
const PATH_SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const IID = /^[1-9]\d{0,15}$/;
// Top-level routes GitLab reserves, so no namespace can be called this.
const RESERVED_TOP = new Set(['groups', 'dashboard', 'explore', 'admin', 'users', 'help', 'api', 'search', 'projects', '-']);
// A merge request's tabs rewrite the URL client-side (history.replaceState / pushState); the same
// merge request, so the same widget. `builds` is 8.16's name for pipelines' jobs.
const MERGE_REQUEST_TABS = new Set(['commits', 'pipelines', 'diffs', 'builds']);

function toUrl(url: URL | string): URL | null {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function parseIid(text: unknown): number | null {
  const s = typeof text === 'number' ? String(text) : text;
  if (typeof s !== 'string' || !IID.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

function isSegment(s: string): boolean {
  return PATH_SEGMENT.test(s) && s !== '.' && s !== '..';
}

/** A project full path needs a namespace and a project: at least two segments. */
function projectPath(segments: string[]): string | null {
  if (segments.length < 2 || RESERVED_TOP.has(segments[0] ?? '') || !segments.every(isSegment)) return null;
  return segments.join('/');
}

function normaliseBasePath(basePath: string | undefined): string {
  return (basePath ?? '').replace(/\/+$/, '');
}

function pathSegments(pathname: string, basePath: string): string[] | null {
  let path = pathname;
  if (basePath) {
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return null;
    path = path.slice(basePath.length);
  }
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return null;
    }
  }
  return segments;
}

function decodeBase64Utf8(text: string): string | null {
  let b64 = text.trim().replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  b64 = b64.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(b64) || b64.length % 4 === 1) return null;
  b64 += '='.repeat((4 - (b64.length % 4)) % 4);
  try {
    const binary = atob(b64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** GitLab 17.x drawers: `?show=` holds base64 of `{"iid":"12","full_path":"group/project","id":123}`. */
function parseShowParam(value: string): Pick<IssueRef, 'fullPath' | 'iid'> | null {
  let text = value;
  // Tolerate a value that was percent-encoded twice on its way into the URL.
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  const json = decodeBase64Utf8(text);
  if (json === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const iid = parseIid(record.iid);
  const rawPath = record.full_path;
  if (iid === null || typeof rawPath !== 'string') return null;
  const fullPath = projectPath(rawPath.split('/'));
  return fullPath === null ? null : { fullPath, iid };
}

type PageView =
  | { type: 'issue'; fullPath: string; iid: number; kind: IssueRef['kind'] }
  | { type: 'list'; kind: IssueRef['kind'] }
  | { type: 'other' };

/** What the path alone shows: one issue, a list or board that can hold a drawer, or something else. */
function classifyPath(segments: string[]): PageView {
  const dash = segments.indexOf('-');
  if (dash === -1) {
    // Legacy (issues before 12.9, merge requests before 12.x): /<ns>/<project>/issues/<iid>,
    // /<ns>/<project>/merge_requests/<iid>[/<tab>]. The last such segment counts, so a project
    // named "issues" or "merge_requests" (/ns/merge_requests/merge_requests/1) still works.
    const tabbed = MERGE_REQUEST_TABS.has(segments.at(-1) ?? '') ? segments.slice(0, -1) : segments;
    const [iid, section] = [tabbed.at(-1), tabbed.at(-2)];
    const id = parseIid(iid);
    const fullPath = projectPath(tabbed.slice(0, -2));
    const kind = section === 'merge_requests' ? 'merge_request' : section === 'issues' && tabbed === segments ? 'issue' : null;
    if (kind && id !== null && fullPath !== null) return { type: 'issue', fullPath, iid: id, kind };
    return { type: 'other' };
  }

  const owner = segments.slice(0, dash);
  const route = segments.slice(dash + 1);
  const isGroup = owner[0] === 'groups';
  const fullPath = isGroup ? null : projectPath(owner);
  if (!isGroup && fullPath === null) return { type: 'other' };
  if (isGroup && !isNamespacePath(owner.slice(1))) return { type: 'other' };

  const [section, second, third, ...more] = route;
  if (section === 'merge_requests') {
    const iid = parseIid(second);
    if (fullPath === null || iid === null || more.length > 0 || (third !== undefined && !MERGE_REQUEST_TABS.has(third))) return { type: 'other' };
    return { type: 'issue', fullPath, iid, kind: 'merge_request' };
  }
  const listKind: IssueRef['kind'] = section === 'work_items' ? 'work_item' : 'issue';
  if (section !== 'issues' && section !== 'work_items') {
    return section === 'boards' && route.length <= 2 ? { type: 'list', kind: 'issue' } : { type: 'other' };
  }
  if (second === undefined) return { type: 'list', kind: listKind };
  // Group-level work items are epics, never a project's issue.
  if (fullPath === null) return { type: 'other' };

  const incident = second === 'incident';
  const iid = parseIid(incident ? third : second);
  const extra = incident ? more.length : route.length - 2;
  if (iid === null || extra > 0) return { type: 'other' };
  return { type: 'issue', fullPath, iid, kind: incident ? 'incident' : listKind };
}

function isNamespacePath(segments: string[]): boolean {
  return segments.length >= 1 && segments.every(isSegment);
}

/**
 * Match-pattern paths of an item's own page in every era (`/-/` since 12.x, or not before; a
 * sub-path install too): the widget is declared there, to start with the page rather than after
 * the loader's message. They are wider than the pages (a merge request's tabs, `/issues/new`, a
 * project named `issues`), so the widget still asks the background what the URL shows;
 * `ITEM_PAGE_NOT_PATHS` keeps the commonest other pages out.
 */
export const ITEM_PAGE_PATHS = ['/*/issues/*', '/*/merge_requests/*', '/*/work_items/*'] as const;
export const ITEM_PAGE_NOT_PATHS = ['/*/issues/new*', '/*/merge_requests/new*', '/*/work_items/new*'] as const;

// Issue, work item and merge request paths have a number (a merge request's tab may follow it);
// drawers carry `show=`. GitLab never percent-encodes these.
const MAY_SHOW_ISSUE = /\/(?:issues|work_items|merge_requests)\/(?:incident\/)?\d+(?:[/?#]|$)|[?&]show=/;

/**
 * A first look, cheap enough for every GitLab page: true for every URL `parseIssueUrl` accepts
 * (page.test.ts checks it on the same tables) and for a few it then refuses; false for the rest.
 */
export function mayShowIssue(href: string): boolean {
  return MAY_SHOW_ISSUE.test(href);
}

export function parseIssueUrl(url: URL | string, opts: { basePath?: string } = {}): IssueRef | null {
  const parsed = toUrl(url);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  const segments = pathSegments(parsed.pathname, normaliseBasePath(opts.basePath));
  if (segments === null) return null;

  const view = classifyPath(segments);
  if (view.type === 'other') return null;

  const show = parsed.searchParams.get('show');
  // A merge request page holds no drawer: its `show` means nothing.
  if (show !== null && show !== '' && view.kind !== 'merge_request') {
    const drawn = parseShowParam(show);
    if (drawn !== null) return { ...drawn, kind: view.kind, drawer: true };
    // A broken ?show= on an issue page still leaves the page's own issue.
    if (view.type === 'list') return null;
  }
  if (view.type === 'list') return null;
  return { fullPath: view.fullPath, iid: view.iid, kind: view.kind, drawer: false };
}

/**
 * The item a link's path names (its `?show=` is not read: a list row's title link names its row's
 * item), with the GitLab's sub-path; null for any other page. Lighter than `parseIssueUrl` for the
 * list script, whose budget cannot carry the drawer's decoding.
 */
export function parseItemPath(pathname: string, basePath?: string): Omit<IssueRef, 'drawer'> | null {
  const segments = pathSegments(pathname, normaliseBasePath(basePath));
  const view = segments && classifyPath(segments);
  return view?.type === 'issue' ? { fullPath: view.fullPath, iid: view.iid, kind: view.kind } : null;
}

/**
 * A page listing issues or merge requests, where each row or card gets a Start timer control:
 *   project  /<ns>/<project>/-/issues, /-/merge_requests, /-/boards[/<id>], /-/work_items (12.x+)
 *            /<ns>/<project>/issues, /merge_requests, /boards[/<id>] (8.x-12.x, before `/-/`)
 *   group    /groups/<ns>/-/issues, /-/merge_requests, /-/boards[/<id>], /-/work_items
 *            (/groups/<ns>/issues and /merge_requests before 12.x)
 *   personal /dashboard/issues, /dashboard/merge_requests (every era)
 * A drawer's `?show=` over a list is still the list (the widget goes into the drawer).
 */
export interface ListRef {
  scope: 'project' | 'group' | 'dashboard';
  /** The project's or group's full path; '' on the dashboard. */
  fullPath: string;
  view: 'issues' | 'merge_requests' | 'boards';
}

const LIST_SECTIONS: Record<string, ListRef['view']> = { issues: 'issues', work_items: 'issues', merge_requests: 'merge_requests', boards: 'boards' };

export function parseListUrl(url: URL | string, opts: { basePath?: string } = {}): ListRef | null {
  const parsed = toUrl(url);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  const segments = pathSegments(parsed.pathname, normaliseBasePath(opts.basePath));
  if (segments === null || segments.length < 2) return null;
  if (segments[0] === 'dashboard') {
    const view = segments.length === 2 ? LIST_SECTIONS[segments[1]!] : undefined;
    return view === 'issues' || view === 'merge_requests' ? { scope: 'dashboard', fullPath: '', view } : null;
  }
  const dash = segments.indexOf('-');
  const owner = dash === -1 ? segments.slice(0, -1) : segments.slice(0, dash);
  let route = dash === -1 ? segments.slice(-1) : segments.slice(dash + 1);
  // A board has an id (`/boards/5`); the legacy route has no `/-/`, so its id came with the owner.
  if (dash === -1 && parseIid(segments.at(-1)) !== null && segments.at(-2) === 'boards') {
    owner.pop();
    route = segments.slice(-2);
  }
  const [section, id, ...rest] = route;
  const view = section === undefined ? undefined : LIST_SECTIONS[section];
  if (!view || rest.length > 0) return null;
  if (id !== undefined && (view !== 'boards' || parseIid(id) === null)) return null;
  if (dash === -1 && section === 'work_items') return null;
  if (owner[0] === 'groups') {
    return isNamespacePath(owner.slice(1)) ? { scope: 'group', fullPath: owner.slice(1).join('/'), view } : null;
  }
  const fullPath = projectPath(owner);
  return fullPath === null ? null : { scope: 'project', fullPath, view };
}

// Paths ending in a list section (a board's id may follow): a first look for the loader, true
// for every URL `parseListUrl` accepts (page.test.ts checks it on the same tables).
const MAY_SHOW_LIST = /\/(?:issues|merge_requests|work_items|boards(?:\/\d+)?)\/?(?:[?#]|$)/;

export function mayShowList(href: string): boolean {
  return MAY_SHOW_LIST.test(href);
}

/** The item key's kind: to GitLab's time tracking, incidents and work items are issues. */
export function itemKindOf(ref: Pick<IssueRef, 'kind'>): 'issue' | 'merge_request' {
  return ref.kind === 'merge_request' ? 'merge_request' : 'issue';
}

function basePathOf(url: URL): string {
  return url.pathname.replace(/\/+$/, '');
}

/**
 * The connected instance a page belongs to. A base may include a sub-path
 * (`https://host/gitlab`); the longest matching base wins, and the origin
 * (scheme, host and port) must match exactly. Returns the base as given.
 */
export function instanceBaseFromUrl(url: URL | string, knownBases: string[]): string | null {
  const page = toUrl(url);
  if (page === null) return null;
  let best: { base: string; length: number } | null = null;
  for (const base of knownBases) {
    const parsed = toUrl(base);
    if (parsed === null || parsed.origin !== page.origin || parsed.origin === 'null') continue;
    const path = basePathOf(parsed);
    const matches = path === '' || page.pathname === path || page.pathname.startsWith(`${path}/`);
    if (matches && (best === null || path.length > best.length)) best = { base, length: path.length };
  }
  return best?.base ?? null;
}

export function issueWebUrl(base: string, ref: Pick<IssueRef, 'fullPath' | 'iid'>): string {
  const path = ref.fullPath.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/${path}/-/issues/${ref.iid}`;
}

/** The sub-path of a base URL (`https://host/gitlab` → `/gitlab`), as `parseIssueUrl` wants it. */
export function basePathFromBase(base: string): string {
  const parsed = toUrl(base);
  return parsed === null ? '' : basePathOf(parsed);
}
