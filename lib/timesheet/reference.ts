// What the user typed in "Issue or merge request": a GitLab reference
// (`group/sub/project#12`, `group/project!7`) or the address of an issue or merge
// request on one of the connected GitLabs, including installs under a sub-path
// (`https://host/gitlab/group/project/-/issues/12`). Issue addresses of every era
// (legacy `/issues/12`, `/-/issues/12`, work items, incidents, drawers) are read by
// lib/gitlab/page.ts; merge request addresses (`/-/merge_requests/7`, legacy
// `/merge_requests/7`, with a tab like `/diffs`) here.

import { basePathFromBase, instanceBaseFromUrl, parseIssueUrl } from '@/lib/gitlab/page';
import type { ItemKind } from './week';
import { t } from '@/lib/model/i18n';

export interface ItemRef {
  /** The connected GitLab's base URL, as given in the list of connected GitLabs. */
  instanceId: string;
  projectPath: string;
  kind: ItemKind;
  iid: number;
}

export type ReferenceParse = { ok: true; ref: ItemRef } | { ok: false; error: string };

const PATH_SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const IID = /^[1-9]\d{0,15}$/;
const RESERVED_TOP = new Set(['groups', 'dashboard', 'explore', 'admin', 'users', 'help', 'api', 'search', 'projects', '-']);
const SHORT = /^(.*?)([#!])(.*)$/;

function fail(error: string): ReferenceParse {
  return { ok: false, error };
}

function quote(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

function iidOf(text: string | undefined): number | null {
  if (text === undefined || !IID.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** A project's full path: a namespace and a project, at least two valid segments. */
function projectPathOf(segments: readonly string[]): string | null {
  if (segments.length < 2 || RESERVED_TOP.has(segments[0]!)) return null;
  if (!segments.every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..')) return null;
  return segments.join('/');
}

function segmentsAfterBase(url: URL, base: string): string[] | null {
  const basePath = basePathFromBase(base);
  let path = url.pathname;
  if (basePath) {
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return null;
    path = path.slice(basePath.length);
  }
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      out.push(decodeURIComponent(raw));
    } catch {
      return null;
    }
  }
  return out;
}

function parseUrl(text: string, instances: readonly string[]): ReferenceParse {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(t('refNotAnAddress', quote(text)));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(t('refOnlyHttp'));
  const base = instanceBaseFromUrl(url, [...instances]);
  if (base === null) return fail(t('refNotConnected', url.host));

  const item = parseIssueUrl(url, { basePath: basePathFromBase(base) });
  if (item !== null) return { ok: true, ref: { instanceId: base, projectPath: item.fullPath, kind: item.kind === 'merge_request' ? 'merge_request' : 'issue', iid: item.iid } };

  const segments = segmentsAfterBase(url, base);

  if (segments?.[0] === 'groups' || segments?.includes('epics')) return fail(t('refGroupPage'));
  return fail(t('refNotAnItem'));
}

function parseShort(text: string, instances: readonly string[], defaultInstance: string | undefined): ReferenceParse {
  const m = SHORT.exec(text);
  if (!m) return fail(t('refNotAReference', quote(text)));
  const [, path = '', sign, number = ''] = m;
  const kind: ItemKind = sign === '!' ? 'merge_request' : 'issue';
  const iid = iidOf(number);
  if (iid === null) return fail(kind === 'issue' ? t('refIssueNumber') : t('refMergeRequestNumber'));
  if (path === '') return fail(t('refAddProject', `${sign}${number}`));
  const projectPath = projectPathOf(path.split('/'));
  if (projectPath === null) return fail(t('refNotAProjectPath', [quote(path), `${sign}${number}`]));

  let instanceId = defaultInstance;
  if (instanceId === undefined) {
    if (instances.length === 0) return fail(t('refConnectFirst'));
    if (instances.length > 1) return fail(t('refWhichGitLab'));
    instanceId = instances[0]!;
  }
  return { ok: true, ref: { instanceId, projectPath, kind, iid } };
}

/**
 * Reads a reference or an address into `{ instanceId, projectPath, kind, iid }`,
 * or says in words what is wrong. Work items and incidents are issues. A
 * reference without an address needs `defaultInstance` when several GitLabs are
 * connected; an address must belong to one of `instances` (base URLs).
 */
export function parseItemReference(input: string, instances: readonly string[], opts: { defaultInstance?: string } = {}): ReferenceParse {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return fail(t('refEnter'));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return parseUrl(text, instances);
  if (/^(?:javascript|data|file|mailto):/i.test(text)) return fail(t('refOnlyHttp'));

  // An address typed without its scheme: `gitlab.com/group/project/-/issues/12`.
  const host = text.split('/')[0] ?? '';
  if (/[.:]/.test(host) && /\/(?:issues|merge_requests|work_items)\/|[?&]show=/.test(text) && !/\s/.test(text)) {
    return parseUrl(`https://${text}`, instances);
  }
  return parseShort(text, instances, opts.defaultInstance);
}
