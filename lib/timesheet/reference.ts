// What the user typed in "Issue or merge request": a GitLab reference
// (`group/sub/project#12`, `group/project!7`) or the address of an issue or merge
// request on one of the connected GitLabs, including installs under a sub-path
// (`https://host/gitlab/group/project/-/issues/12`). Issue addresses of every era
// (legacy `/issues/12`, `/-/issues/12`, work items, incidents, drawers) are read by
// lib/gitlab/page.ts; merge request addresses (`/-/merge_requests/7`, legacy
// `/merge_requests/7`, with a tab like `/diffs`) here.

import { basePathFromBase, instanceBaseFromUrl, parseIssueUrl } from '@/lib/gitlab/page';
import type { ItemKind } from './week';

export interface ItemRef {
  /** The connected GitLab's base URL, as given in the list of connected GitLabs. */
  instanceId: string;
  projectPath: string;
  kind: ItemKind;
  iid: number;
}

export type ReferenceParse = { ok: true; ref: ItemRef } | { ok: false; error: string };

const EXAMPLE = 'like group/project#12, group/project!7 or the address of the issue or merge request';
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
    return fail(`${quote(text)} is not a web address. Enter an issue or merge request, ${EXAMPLE}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('Only http and https addresses of a connected GitLab work here.');
  const base = instanceBaseFromUrl(url, [...instances]);
  if (base === null) return fail(`${url.host} is not one of your connected GitLabs. Connect it in the options first, or check the address.`);

  const item = parseIssueUrl(url, { basePath: basePathFromBase(base) });
  if (item !== null) return { ok: true, ref: { instanceId: base, projectPath: item.fullPath, kind: item.kind === 'merge_request' ? 'merge_request' : 'issue', iid: item.iid } };

  const segments = segmentsAfterBase(url, base);

  if (segments?.[0] === 'groups' || segments?.includes('epics')) return fail('That is a group\'s page (an epic or a list). Time is logged on an issue or a merge request of a project.');
  return fail(`That address is not one issue or merge request. Open the issue or merge request in GitLab and copy its address, or type a reference like group/project#12.`);
}

function parseShort(text: string, instances: readonly string[], defaultInstance: string | undefined): ReferenceParse {
  const m = SHORT.exec(text);
  if (!m) return fail(`${quote(text)} is not an issue or merge request. Enter one ${EXAMPLE}.`);
  const [, path = '', sign, number = ''] = m;
  const kind: ItemKind = sign === '!' ? 'merge_request' : 'issue';
  const iid = iidOf(number);
  if (iid === null) return fail(`After ${sign} comes the ${kind === 'issue' ? 'issue' : 'merge request'}'s number, like ${sign === '!' ? 'group/project!7' : 'group/project#12'}.`);
  if (path === '') return fail(`Add the project before ${sign}${number}, like group/project${sign}${number}.`);
  const projectPath = projectPathOf(path.split('/'));
  if (projectPath === null) return fail(`${quote(path)} is not a project's full path. Write it as GitLab does, like group/project${sign}${number} or group/subgroup/project${sign}${number}.`);

  let instanceId = defaultInstance;
  if (instanceId === undefined) {
    if (instances.length === 0) return fail('Connect a GitLab in the options first.');
    if (instances.length > 1) return fail('Several GitLabs are connected, so a reference does not say which one. Paste the address of the issue or merge request instead.');
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
  if (text === '') return fail(`Enter an issue or merge request, ${EXAMPLE}.`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return parseUrl(text, instances);
  if (/^(?:javascript|data|file|mailto):/i.test(text)) return fail('Only http and https addresses of a connected GitLab work here.');

  // An address typed without its scheme: `gitlab.com/group/project/-/issues/12`.
  const host = text.split('/')[0] ?? '';
  if (/[.:]/.test(host) && /\/(?:issues|merge_requests|work_items)\/|[?&]show=/.test(text) && !/\s/.test(text)) {
    return parseUrl(`https://${text}`, instances);
  }
  return parseShort(text, instances, opts.defaultInstance);
}
