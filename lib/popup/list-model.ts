/**
 * The popup's lists as data: merging every instance's issues and to-dos, searching, sorting and
 * grouping them, and saying how old they are. Pure functions, so the view only draws.
 */
import { formatGitLabDuration } from '../gitlab/duration';
import type { AssignedIssueRow, ErrorCode, InstanceIssues, InstanceMergeRequests, InstanceTodos, MergeRequestRow, TodoRow } from '../model/protocol';
import { plural, t } from '@/lib/model/i18n';

export type ViewMode = 'updated' | 'due' | 'project';

/** The user's choice of how to see the list; remembered between openings. */
export interface PopupView {
  mode: ViewMode;
}

export const DEFAULT_VIEW: PopupView = { mode: 'updated' };

const MODES: readonly ViewMode[] = ['updated', 'due', 'project'];

/** A stored preference from another version (or hand-edited storage) falls back to the default. */
export function readView(value: unknown): PopupView {
  const mode = (value as Partial<PopupView> | null)?.mode;
  return MODES.includes(mode as ViewMode) ? { mode: mode as ViewMode } : DEFAULT_VIEW;
}

/** Unique across instances: two GitLabs can both have an issue 1001. */
export function rowKey(row: { instanceId: string; id: number }): string {
  return `${row.instanceId} ${row.id}`;
}

/**
 * Every instance's rows in one list. Offset pagination can hand out an issue twice when it moves
 * between pages while they are fetched; it is listed once.
 */
function mergeUnique<G, R extends { instanceId: string; id: number }>(groups: G[], rowsOf: (g: G) => R[]): R[] {
  const seen = new Set<string>();
  const out: R[] = [];
  for (const group of groups) {
    for (const row of rowsOf(group)) {
      const key = rowKey(row);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(row);
    }
  }
  return out;
}

export function mergeInstances(groups: InstanceIssues[]): AssignedIssueRow[] {
  return mergeUnique(groups, (g) => g.issues);
}

/** Newest first. */
export function mergeTodos(groups: InstanceTodos[]): TodoRow[] {
  return mergeUnique(groups, (g) => g.todos).sort((a, b) => compare(b.createdAt, a.createdAt));
}

// ---------------------------------------------------------------------------------------------
// What each GitLab's lists say about it

/** One GitLab that needs a word beside the lists: its last fetch failed, or it takes no changes. */
export interface InstanceNote {
  baseUrl: string;
  /** The last fetch's failure; null when the lists came. */
  error: string | null;
  code?: ErrorCode;
  /** When its lists last came (0: never), and how many issues are kept from then. */
  fetchedAt: number;
  kept: number;
  /** Why GitLab takes no changes through this connection (a read_api token); null when it may. */
  readOnly: string | null;
  /** Set when only the merge requests failed (the issues and to-dos came): the note says which list. */
  from?: 'mergeRequests';
}

/**
 * One note per GitLab that has something to say, in the lists' order: every list of an instance
 * carries its failure (a revoked token fails them all alike), and it is said once. The issues'
 * copy speaks first; a failure of the to-dos or the merge requests shows where the issues came.
 */
export function instanceNotes(assigned: InstanceIssues[], todos: InstanceTodos[], mergeRequests: InstanceMergeRequests[] = []): InstanceNote[] {
  const notes = new Map<string, InstanceNote>();
  const add = (g: InstanceIssues | InstanceTodos | InstanceMergeRequests, kept: number, from?: 'mergeRequests') => {
    const failure = g.error ? { error: g.error, code: g.errorCode, fetchedAt: g.fetchedAt, kept, ...(from ? { from } : {}) } : null;
    const known = notes.get(g.instance.baseUrl);
    if (!known) notes.set(g.instance.baseUrl, { baseUrl: g.instance.baseUrl, error: null, fetchedAt: 0, kept: 0, readOnly: g.instance.readOnlyReason ?? null, ...failure });
    else if (!known.error && failure) Object.assign(known, failure);
  };
  for (const g of assigned) add(g, g.issues.length);
  for (const g of todos) add(g, 0);
  for (const g of mergeRequests) add(g, 0, 'mergeRequests');
  return [...notes.values()].filter((n) => n.error || n.readOnly);
}

/** The read-only GitLabs (by base URL, which is their rows' instanceId) and why. */
export function readOnlyReasons(notes: InstanceNote[]): Map<string, string> {
  return new Map(notes.flatMap((n) => (n.readOnly ? [[n.baseUrl, n.readOnly] as const] : [])));
}

/**
 * What `s` (or a Start that got through) says on an issue of a read-only GitLab: one line; the
 * GitLab's note, right below it, has the reason in full and the way out.
 */
export function notStartedText(reference: string, baseUrl: string): string {
  return t('notStartedReadOnly', [reference, hostOf(baseUrl)]);
}

// ---------------------------------------------------------------------------------------------
// Search

interface Term {
  text: string;
  /** `~bug`: GitLab's label sigil restricts a term to labels. */
  labelOnly: boolean;
}

export function parseQuery(query: string): Term[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (word.startsWith('~') && word.length > 1 ? { text: word.slice(1), labelOnly: true } : { text: word, labelOnly: false }))
    .filter((t) => t.text !== '~');
}

/** Every term must appear in the title, the reference or a label (case-insensitive). */
export function matchesQuery(row: AssignedIssueRow, terms: Term[]): boolean {
  return terms.every(({ text, labelOnly }) => {
    if (row.labels.some((l) => l.toLowerCase().includes(text))) return true;
    return !labelOnly && (row.title.toLowerCase().includes(text) || row.reference.toLowerCase().includes(text));
  });
}

export function filterRows(rows: AssignedIssueRow[], query: string): AssignedIssueRow[] {
  const terms = parseQuery(query);
  return terms.length ? rows.filter((row) => matchesQuery(row, terms)) : rows;
}

/**
 * The merge requests the popup's search leaves, newest activity first. The same words as for
 * issues: every term in the title or the reference (`!12`); merge requests carry no labels here,
 * so a `~label` term matches none.
 */
export function mergeRequestList(groups: InstanceMergeRequests[], query: string): { rows: MergeRequestRow[]; total: number } {
  const all = mergeUnique(groups, (g) => g.mergeRequests);
  const terms = parseQuery(query);
  const rows = terms.length
    ? all.filter((row) => terms.every(({ text, labelOnly }) => !labelOnly && (row.title.toLowerCase().includes(text) || row.reference.toLowerCase().includes(text))))
    : all;
  return { rows: [...rows].sort((a, b) => compare(b.updatedAt, a.updatedAt) || compare(a.reference, b.reference) || compare(a.instanceId, b.instanceId)), total: all.length };
}

/** Why a merge request is listed: `Assigned`, `Review requested`, or both. */
export function mergeRequestRole(row: Pick<MergeRequestRow, 'assigned' | 'reviewing'>): string {
  return [row.assigned ? t('mrAssigned') : null, row.reviewing ? t('todoReviewRequested') : null].filter(Boolean).join(' · ');
}

// ---------------------------------------------------------------------------------------------
// Order and groups

/**
 * Plain code-unit order: GitLab's timestamps and dates are ISO strings, and paths are ASCII, so
 * this is correct, and a thousand rows sort several times faster than with localeCompare.
 */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byUpdated = (a: AssignedIssueRow, b: AssignedIssueRow): number =>
  compare(b.updatedAt, a.updatedAt) || compare(a.reference, b.reference) || compare(a.instanceId, b.instanceId);

/** Soonest due first; issues without a due date last, newest activity first among equals. */
const byDue = (a: AssignedIssueRow, b: AssignedIssueRow): number => {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return compare(a.dueDate, b.dueDate);
  }
  return byUpdated(a, b);
};

const projectKey = (row: AssignedIssueRow): string => `${row.instanceId} ${row.projectPath.toLowerCase()}`;

const byProject = (a: AssignedIssueRow, b: AssignedIssueRow): number =>
  compare(a.projectPath.toLowerCase(), b.projectPath.toLowerCase()) || compare(a.instanceId, b.instanceId) || byUpdated(a, b);

export function sortRows(rows: AssignedIssueRow[], mode: ViewMode): AssignedIssueRow[] {
  const compare = mode === 'due' ? byDue : mode === 'project' ? byProject : byUpdated;
  return [...rows].sort(compare);
}

export type ListEntry =
  | { kind: 'group'; key: string; label: string; count: number }
  /** `position` counts issues only, from 1 (aria-posinset). */
  | { kind: 'issue'; key: string; row: AssignedIssueRow; position: number };

export interface AssignedList {
  entries: ListEntry[];
  /** Issues that match the search. */
  matching: number;
  /** Issues before the search. */
  total: number;
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/**
 * What the list shows, in order: issues, with a heading before each project when grouped.
 * With more than one GitLab connected, a project heading names its host too.
 */
export function assignedList(groups: InstanceIssues[], view: PopupView, query: string): AssignedList {
  const all = mergeInstances(groups);
  const rows = sortRows(filterRows(all, query), view.mode);
  const entries: ListEntry[] = [];
  if (view.mode === 'project') {
    const manyHosts = new Set(all.map((r) => r.instanceId)).size > 1;
    let heading: Extract<ListEntry, { kind: 'group' }> | null = null;
    rows.forEach((row, i) => {
      const key = `group ${projectKey(row)}`;
      if (heading?.key !== key) {
        const label = manyHosts ? `${row.projectPath} · ${hostOf(row.instanceId)}` : row.projectPath;
        heading = { kind: 'group', key, label, count: 0 };
        entries.push(heading);
      }
      heading.count++;
      entries.push({ kind: 'issue', key: rowKey(row), row, position: i + 1 });
    });
  } else {
    rows.forEach((row, i) => entries.push({ kind: 'issue', key: rowKey(row), row, position: i + 1 }));
  }
  return { entries, matching: rows.length, total: all.length };
}

/**
 * The next issue for keyboard moves (`delta` +1 down, -1 up; ±Infinity to the ends), skipping
 * project headings. With nothing selected, down starts at the top and up at the bottom.
 */
/**
 * The key of the row `delta` rows away from `selected` (±Infinity: the first or last row), among
 * the rows of `entries` (group headings are skipped): the popup's j/k, arrows, Home and End, over
 * its merge requests and issues alike. With nothing selected, moving down lands on the row at
 * `startAt` (the first issue, below the merge requests; the first row if there is none there) and
 * moving up on the last row.
 */
export function moveSelection(entries: ReadonlyArray<{ kind: string; key: string }>, selected: string | null, delta: number, startAt = 0): string | null {
  const rows = entries.filter((e) => e.kind !== 'group');
  if (!rows.length) return null;
  const index = rows.findIndex((e) => e.key === selected);
  let next: number;
  if (index === -1) next = delta > 0 ? (startAt > 0 && startAt < rows.length ? startAt : 0) : rows.length - 1;
  else if (!Number.isFinite(delta)) next = delta > 0 ? rows.length - 1 : 0;
  else next = Math.min(rows.length - 1, Math.max(0, index + delta));
  return rows[next]!.key;
}

/** The DOM id of a popup row (issue or merge request) by its selection key: where focus goes. */
export function rowElementId(key: string): string {
  return `row-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A merge request's selection key: never the same as an issue's (their ids count apart). */
export function mergeRequestKey(row: { instanceId: string; id: number }): string {
  return `mr ${rowKey(row)}`;
}

// ---------------------------------------------------------------------------------------------
// How old the data is

export { FRESH_FOR_MS, isFresh } from '../model/lists-cache';

/** The oldest successful fetch among the instances that have one; null when none has. */
export function oldestFetch(groups: Array<{ fetchedAt: number }>): number | null {
  const times = groups.map((g) => g.fetchedAt).filter((t) => t > 0);
  return times.length ? Math.min(...times) : null;
}

/** "just now", "3 min ago", "2 h ago", "4 days ago". */
export function age(fetchedAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - fetchedAt) / 1000));
  if (seconds < 60) return t('ageJustNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural('ageMinutes', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural('ageHours', hours);
  const days = Math.floor(hours / 24);
  return plural('ageDays', days);
}

/** "Updated 3 min ago". */
export function ageText(fetchedAt: number, now: number): string {
  return t('updatedAge', age(fetchedAt, now));
}

// ---------------------------------------------------------------------------------------------
// Words for one row

/** `1h 30m of 3h 30m`, or what is missing, in GitLab's own duration format. */
export function timeText(row: Pick<AssignedIssueRow, 'humanTotalTimeSpent' | 'humanTimeEstimate'>): string {
  const spent = row.humanTotalTimeSpent ?? t('noTimeSpent');
  return row.humanTimeEstimate ? t('spentOfEstimate', [spent, row.humanTimeEstimate]) : `${spent} · ${t('noEstimate')}`;
}

/** Spent over estimate, for the bar; null without an estimate. */
export function spentRatio(row: Pick<AssignedIssueRow, 'timeEstimate' | 'totalTimeSpent'>): number | null {
  return row.timeEstimate > 0 ? row.totalTimeSpent / row.timeEstimate : null;
}

/** `today` as `YYYY-MM-DD`; GitLab's due dates are calendar days without a time zone. */
export function dueText(dueDate: string | null, today: string): { text: string; overdue: boolean } | null {
  if (!dueDate) return null;
  if (dueDate < today) return { text: t('overdueSince', dueDate), overdue: true };
  if (dueDate === today) return { text: t('dueToday'), overdue: false };
  return { text: t('dueOn', dueDate), overdue: false };
}

/** A local calendar day, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The quick action that logs an undelivered entry by hand, dated the day the work was done:
 * `/spend 1h 30m 2026-11-24`. Whole minutes, like the outbox sends, so the two never disagree.
 */
export function spendCommand(log: { seconds: number; spentAt: number }): string {
  const minutes = Math.max(1, Math.round(Math.abs(log.seconds) / 60));
  return `/spend ${formatGitLabDuration(Math.sign(log.seconds || 1) * minutes * 60)} ${localDay(log.spentAt)}`;
}

const TODO_ACTIONS: Record<string, () => string> = {
  assigned: () => t('todoAssigned'),
  mentioned: () => t('todoMentioned'),
  directly_addressed: () => t('todoAddressed'),
  build_failed: () => t('todoBuildFailed'),
  marked: () => t('todoMarked'),
  approval_required: () => t('todoApprovalRequired'),
  unmergeable: () => t('todoUnmergeable'),
  merge_train_removed: () => t('todoMergeTrainRemoved'),
  review_requested: () => t('todoReviewRequested'),
  review_submitted: () => t('todoReviewSubmitted'),
  member_access_requested: () => t('todoAccessRequested'),
};

/** GitLab's action name in words; an action this list does not know yet is shown as GitLab names it. */
export function todoActionText(actionName: string): string {
  return TODO_ACTIONS[actionName]?.() ?? actionName.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// The first screen

/**
 * The top of the popup as it was last drawn: a few kilobytes, read before the full lists, so
 * the popup paints at once even with thousands of issues cached.
 */
export interface FirstScreen {
  view: PopupView;
  /** The first entries of the unsearched list, in order. */
  entries: ListEntry[];
  total: number;
  showHost: boolean;
  /** The first to-dos, and how many there are. */
  todos: TodoRow[];
  todoCount: number;
  fetchedAt: number | null;
  /** The GitLabs' notes (failures, read-only), so their words and disabled buttons are there from the first frame. */
  notes: InstanceNote[];
  /**
   * Each GitLab's merge requests as the popup lists them, cut to the first FIRST_SCREEN_MERGE_REQUESTS of
   * the unsearched list (a GitLab with none of those keeps its group, for its limit note), and
   * how many there are in all.
   */
  mergeRequests: InstanceMergeRequests[];
  mergeRequestCount: number;
}

/** The Element Timing name (`elementtiming`) of the first row's title: when the list is first painted. */
export const FIRST_ROW_TIMING = 'tk-first-row';

/** More than the popup's issue list shows at once. */
export const FIRST_SCREEN_ROWS = 12;

/**
 * More than the to-do box and the merge request box each show at once (three rows): more would
 * only be laid out and drawn in the first frame, on a busy machine a few milliseconds each.
 */
export const FIRST_SCREEN_TODOS = 4;
export const FIRST_SCREEN_MERGE_REQUESTS = 4;

/** The merge requests of the first screen: the groups with only the first rows of the whole list. */
function firstMergeRequests(groups: InstanceMergeRequests[]): { groups: InstanceMergeRequests[]; total: number } {
  const { rows, total } = mergeRequestList(groups, '');
  const first = new Set(rows.slice(0, FIRST_SCREEN_MERGE_REQUESTS).map(mergeRequestKey));
  return { groups: groups.map((g) => ({ ...g, mergeRequests: g.mergeRequests.filter((r) => first.has(mergeRequestKey(r))) })), total };
}

export function firstScreen(assigned: InstanceIssues[], todos: InstanceTodos[], view: PopupView, mergeRequests: InstanceMergeRequests[] = []): FirstScreen {
  const list = assignedList(assigned, view, '');
  const allTodos = mergeTodos(todos);
  const firstMrs = firstMergeRequests(mergeRequests);
  return {
    view,
    entries: list.entries.slice(0, FIRST_SCREEN_ROWS),
    total: list.total,
    showHost: assigned.length > 1,
    todos: allTodos.slice(0, FIRST_SCREEN_TODOS),
    todoCount: allTodos.length,
    fetchedAt: oldestFetch(assigned),
    notes: instanceNotes(assigned, todos, mergeRequests),
    mergeRequests: firstMrs.groups,
    mergeRequestCount: firstMrs.total,
  };
}
