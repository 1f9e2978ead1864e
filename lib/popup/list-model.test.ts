import { describe, expect, it } from 'vitest';
import type { AssignedIssueRow, InstanceIssues, InstanceMergeRequests, InstanceTodos, MergeRequestRow, TodoRow } from '../model/protocol';
import type { Instance } from '../model/storage';
import {
  ageText,
  assignedList,
  dueText,
  filterRows,
  firstScreen,
  FIRST_SCREEN_MERGE_REQUESTS,
  FIRST_SCREEN_ROWS,
  FIRST_SCREEN_TODOS,
  instanceNotes,
  isFresh,
  mergeInstances,
  mergeTodos,
  moveSelection,
  notStartedText,
  oldestFetch,
  readOnlyReasons,
  readView,
  sortRows,
  spendCommand,
  spentRatio,
  timeText,
  todoActionText,
  type ListEntry,
} from './list-model';

const COM = 'https://gitlab.com';
const SELF = 'https://git.example.org/gitlab';

function instance(baseUrl: string, extra: Partial<Instance> = {}): Instance {
  return { baseUrl, userId: 1, username: 'demo', name: 'Demo', avatarUrl: null, connectedAt: 0, gitlabVersion: null, ...extra };
}

let nextId = 1;
function row(fields: Partial<AssignedIssueRow> & { projectPath?: string; iid?: number }): AssignedIssueRow {
  const projectPath = fields.projectPath ?? 'acme/web';
  const iid = fields.iid ?? nextId;
  return {
    instanceId: COM,
    id: nextId++,
    iid,
    projectPath,
    reference: `${projectPath}#${iid}`,
    title: `Issue ${iid}`,
    webUrl: `${COM}/${projectPath}/-/issues/${iid}`,
    labels: [],
    dueDate: null,
    updatedAt: '2025-06-01T00:00:00Z',
    timeEstimate: 0,
    totalTimeSpent: 0,
    humanTimeEstimate: null,
    humanTotalTimeSpent: null,
    ...fields,
  };
}

function group(baseUrl: string, issues: AssignedIssueRow[], extra: Partial<InstanceIssues> = {}): InstanceIssues {
  return { instance: instance(baseUrl), issues, error: null, fetchedAt: 1, ...extra };
}

function mergeRequest(baseUrl: string, iid: number, extra: Partial<MergeRequestRow> = {}): MergeRequestRow {
  return {
    instanceId: baseUrl, id: 50_000 + iid, iid, projectPath: 'acme/web', reference: `acme/web!${iid}`, title: `Merge request ${iid}`,
    webUrl: `${baseUrl}/acme/web/-/merge_requests/${iid}`, updatedAt: `2025-07-01T00:00:${String(iid % 60).padStart(2, '0')}Z`,
    assigned: true, reviewing: false, timeEstimate: 0, totalTimeSpent: 0, humanTimeEstimate: null, humanTotalTimeSpent: null, ...extra,
  };
}

function mergeRequestGroup(baseUrl: string, rows: MergeRequestRow[], extra: Partial<InstanceMergeRequests> = {}): InstanceMergeRequests {
  return { instance: instance(baseUrl), mergeRequests: rows, limit: null, error: null, fetchedAt: 1, ...extra };
}

const refs = (entries: ListEntry[]) => entries.map((e) => (e.kind === 'issue' ? e.row.reference : `[${e.label} ${e.count}]`));

describe('merging instances', () => {
  it('lists every instance’s issues, each once, even when pagination handed one out twice', () => {
    const a = row({ iid: 1 });
    const b = row({ iid: 2 });
    const c = row({ iid: 1, instanceId: SELF, id: a.id });
    const merged = mergeInstances([group(COM, [a, b, a]), group(SELF, [c])]);
    expect(merged).toEqual([a, b, c]);
  });

  it('an instance that failed still contributes the issues it had', () => {
    const kept = row({ iid: 9, instanceId: SELF });
    const list = assignedList([group(COM, [row({ iid: 1 })]), group(SELF, [kept], { error: 'Could not reach', fetchedAt: 5 })], { mode: 'updated' }, '');
    expect(list.total).toBe(2);
  });

  it('to-dos from every instance, newest first', () => {
    const todo = (instanceId: string, id: number, createdAt: string): TodoRow => ({
      instanceId, id, actionName: 'assigned', targetType: 'Issue', reference: null, title: 't', webUrl: '', createdAt,
    });
    const groups: InstanceTodos[] = [
      { instance: instance(COM), todos: [todo(COM, 1, '2025-01-01'), todo(COM, 2, '2025-03-01')], error: null, fetchedAt: 1 },
      { instance: instance(SELF), todos: [todo(SELF, 1, '2025-02-01')], error: null, fetchedAt: 1 },
    ];
    expect(mergeTodos(groups).map((t) => `${t.instanceId} ${t.id}`)).toEqual([`${COM} 2`, `${SELF} 1`, `${COM} 1`]);
  });
});

describe('search', () => {
  const rows = [
    row({ iid: 1, title: 'Fix login redirect loop', labels: ['bug', 'frontend'] }),
    row({ iid: 2, title: 'Add dark mode', projectPath: 'acme/api', labels: ['UX'] }),
    row({ iid: 12, title: 'Rotate TLS certificates', projectPath: 'acme/platform/infra', labels: ['security'] }),
  ];
  const titles = (q: string) => filterRows(rows, q).map((r) => r.title);

  it('an empty query keeps everything', () => {
    expect(titles('  ')).toHaveLength(3);
  });
  it('matches the title, case-insensitively', () => {
    expect(titles('LOGIN')).toEqual(['Fix login redirect loop']);
  });
  it('matches the reference', () => {
    expect(titles('acme/api#2')).toEqual(['Add dark mode']);
    expect(titles('infra#12')).toEqual(['Rotate TLS certificates']);
  });
  it('matches a label', () => {
    expect(titles('security')).toEqual(['Rotate TLS certificates']);
    expect(titles('ux')).toEqual(['Add dark mode']);
  });
  it('every word must match somewhere', () => {
    expect(titles('fix bug')).toEqual(['Fix login redirect loop']);
    expect(titles('fix security')).toEqual([]);
  });
  it('~label matches labels only', () => {
    expect(titles('~front')).toEqual(['Fix login redirect loop']);
    expect(titles('~dark')).toEqual([]);
  });
});

describe('sorting and grouping', () => {
  const r1 = row({ iid: 1, projectPath: 'acme/web', updatedAt: '2025-06-01T10:00:00Z', dueDate: '2025-07-01' });
  const r2 = row({ iid: 2, projectPath: 'acme/api', updatedAt: '2025-06-03T10:00:00Z', dueDate: null });
  const r3 = row({ iid: 3, projectPath: 'acme/web', updatedAt: '2025-06-02T10:00:00Z', dueDate: '2025-06-15' });
  const r4 = row({ iid: 4, projectPath: 'acme/web', updatedAt: '2025-06-04T10:00:00Z', dueDate: null });
  const rows = [r1, r2, r3, r4];

  it('by update: newest activity first', () => {
    expect(sortRows(rows, 'updated').map((r) => r.iid)).toEqual([4, 2, 3, 1]);
  });
  it('by due date: soonest first, none last (newest activity first among those)', () => {
    expect(sortRows(rows, 'due').map((r) => r.iid)).toEqual([3, 1, 4, 2]);
  });
  it('does not reorder its input', () => {
    sortRows(rows, 'due');
    expect(rows.map((r) => r.iid)).toEqual([1, 2, 3, 4]);
  });
  it('by project: a heading per project with its count, projects A to Z, newest first inside', () => {
    const list = assignedList([group(COM, rows)], { mode: 'project' }, '');
    expect(refs(list.entries)).toEqual(['[acme/api 1]', 'acme/api#2', '[acme/web 3]', 'acme/web#4', 'acme/web#3', 'acme/web#1']);
  });
  it('positions count issues only, so aria-posinset runs 1..n under headings', () => {
    const list = assignedList([group(COM, rows)], { mode: 'project' }, '');
    expect(list.entries.flatMap((e) => (e.kind === 'issue' ? [e.position] : []))).toEqual([1, 2, 3, 4]);
  });
  it('the same project path on two GitLabs makes two groups, named by host', () => {
    const other = row({ iid: 1, projectPath: 'acme/web', instanceId: SELF });
    const list = assignedList([group(COM, [r1]), group(SELF, [other])], { mode: 'project' }, '');
    expect(list.entries.filter((e) => e.kind === 'group').map((e) => (e.kind === 'group' ? e.label : ''))).toEqual([
      'acme/web · git.example.org',
      'acme/web · gitlab.com',
    ]);
  });
  it('a search applies before grouping; counts say how many match of how many', () => {
    const list = assignedList([group(COM, rows)], { mode: 'project' }, 'acme/api');
    expect(refs(list.entries)).toEqual(['[acme/api 1]', 'acme/api#2']);
    expect(list).toMatchObject({ matching: 1, total: 4 });
  });
  it('a stored view from elsewhere falls back to the default', () => {
    expect(readView({ mode: 'due' })).toEqual({ mode: 'due' });
    expect(readView({ mode: 'weird' })).toEqual({ mode: 'updated' });
    expect(readView(null)).toEqual({ mode: 'updated' });
  });
});

describe('keyboard selection', () => {
  const list = assignedList([group(COM, [row({ iid: 1, projectPath: 'a/b' }), row({ iid: 2, projectPath: 'c/d' })])], { mode: 'project' }, '');
  const keys = list.entries.filter((e) => e.kind === 'issue').map((e) => e.key);

  it('starts at the top going down, at the bottom going up, and skips headings', () => {
    expect(moveSelection(list.entries, null, 1)).toBe(keys[0]);
    expect(moveSelection(list.entries, null, -1)).toBe(keys[1]);
    expect(moveSelection(list.entries, keys[0]!, 1)).toBe(keys[1]);
  });
  it('stops at the ends, and jumps to them', () => {
    expect(moveSelection(list.entries, keys[1]!, 1)).toBe(keys[1]);
    expect(moveSelection(list.entries, keys[0]!, -1)).toBe(keys[0]);
    expect(moveSelection(list.entries, keys[0]!, Infinity)).toBe(keys[1]);
    expect(moveSelection(list.entries, keys[1]!, -Infinity)).toBe(keys[0]);
  });
  it('nothing to select in an empty list', () => {
    expect(moveSelection([], null, 1)).toBeNull();
  });
  it('merge requests above the issues: one column, down from nothing starts at the first issue', () => {
    const rows = [{ kind: 'merge_request', key: 'mr a' }, { kind: 'merge_request', key: 'mr b' }, ...list.entries];
    expect(moveSelection(rows, null, 1, 2)).toBe(keys[0]);
    expect(moveSelection(rows, keys[0]!, -1, 2)).toBe('mr b');
    expect(moveSelection(rows, 'mr b', 1, 2)).toBe(keys[0]);
    expect(moveSelection(rows, keys[1]!, -Infinity, 2)).toBe('mr a');
    // No issues: down from nothing lands on the first merge request.
    expect(moveSelection(rows.slice(0, 2), null, 1, 2)).toBe('mr a');
  });
});

describe('how old the data is', () => {
  const now = Date.UTC(2026, 10, 24, 9, 0);
  it('says it in words', () => {
    expect(ageText(now - 10_000, now)).toBe('Updated just now');
    expect(ageText(now - 3 * 60_000, now)).toBe('Updated 3 min ago');
    expect(ageText(now - 2 * 3600_000, now)).toBe('Updated 2 h ago');
    expect(ageText(now - 26 * 3600_000, now)).toBe('Updated 1 day ago');
    expect(ageText(now - 5 * 86400_000, now)).toBe('Updated 5 days ago');
    expect(ageText(now + 5_000, now)).toBe('Updated just now');
  });
  it('a list under a minute old is fresh; never fetched, older, or from the future is not', () => {
    expect(isFresh(now - 59_000, now)).toBe(true);
    expect(isFresh(now - 61_000, now)).toBe(false);
    expect(isFresh(0, now)).toBe(false);
    expect(isFresh(now + 1000, now)).toBe(false);
  });
  it('the header dates the oldest list, ignoring instances never fetched', () => {
    expect(oldestFetch([{ fetchedAt: 5 }, { fetchedAt: 0 }, { fetchedAt: 3 }])).toBe(3);
    expect(oldestFetch([{ fetchedAt: 0 }])).toBeNull();
  });
});

describe('words for a row', () => {
  it('spent of estimate, in GitLab’s format, or what is missing', () => {
    expect(timeText({ humanTotalTimeSpent: '1h 30m', humanTimeEstimate: '3h 30m' })).toBe('1h 30m of 3h 30m');
    expect(timeText({ humanTotalTimeSpent: null, humanTimeEstimate: '1d' })).toBe('No time spent of 1d');
    expect(timeText({ humanTotalTimeSpent: null, humanTimeEstimate: null })).toBe('No time spent · No estimate');
  });
  it('the bar’s ratio, none without an estimate', () => {
    expect(spentRatio({ timeEstimate: 3600, totalTimeSpent: 5400 })).toBe(1.5);
    expect(spentRatio({ timeEstimate: 0, totalTimeSpent: 5400 })).toBeNull();
  });
  it('due dates', () => {
    expect(dueText(null, '2025-06-02')).toBeNull();
    expect(dueText('2025-06-01', '2025-06-02')).toEqual({ text: 'Overdue since 2025-06-01', overdue: true });
    expect(dueText('2025-06-02', '2025-06-02')).toEqual({ text: 'Due today', overdue: false });
    expect(dueText('2025-06-13', '2025-06-02')).toEqual({ text: 'Due 2025-06-13', overdue: false });
  });
  it('to-do actions in words, unknown ones as GitLab names them', () => {
    expect(todoActionText('directly_addressed')).toBe('Addressed you');
    expect(todoActionText('ssh_key_expiring_soon')).toBe('Ssh key expiring soon');
  });
});

describe('copy as /spend', () => {
  const day = new Date(2026, 10, 24, 23, 30).getTime();
  it('GitLab’s quick action with the day the work was done', () => {
    expect(spendCommand({ seconds: 5400, spentAt: day })).toBe('/spend 1h 30m 2026-11-24');
    expect(spendCommand({ seconds: 900, spentAt: day })).toBe('/spend 15m 2026-11-24');
  });
  it('whole minutes, like the outbox sends; GitLab’s 8-hour days', () => {
    expect(spendCommand({ seconds: 20, spentAt: day })).toBe('/spend 1m 2026-11-24');
    expect(spendCommand({ seconds: 9 * 3600, spentAt: day })).toBe('/spend 1d 1h 2026-11-24');
  });
  it('a subtraction stays one', () => {
    expect(spendCommand({ seconds: -1800, spentAt: day })).toBe('/spend -30m 2026-11-24');
  });
});

describe("what each GitLab's lists say about it", () => {
  const READ_ONLY = 'Read-only: the token for git.example.org has only the read_api scope, not api.';
  const todoGroup = (inst: Instance, extra: Partial<InstanceTodos> = {}): InstanceTodos => ({ instance: inst, todos: [], error: null, fetchedAt: 1, ...extra });

  it('says nothing about GitLabs that work', () => {
    expect(instanceNotes([group(COM, [row({})]), group(SELF, [])], [todoGroup(instance(COM)), todoGroup(instance(SELF, { readOnlyReason: null }))])).toEqual([]);
  });

  it('a read-only GitLab gets its reason; the other GitLab none', () => {
    const ro = instance(SELF, { scopes: ['read_api'], readOnlyReason: READ_ONLY });
    const notes = instanceNotes([group(COM, [row({})]), { instance: ro, issues: [row({ instanceId: SELF })], error: null, fetchedAt: 5 }], [todoGroup(instance(COM)), todoGroup(ro)]);
    expect(notes).toEqual([{ baseUrl: SELF, error: null, fetchedAt: 0, kept: 0, readOnly: READ_ONLY }]);
    expect(readOnlyReasons(notes)).toEqual(new Map([[SELF, READ_ONLY]]));
  });

  it("one note per GitLab: a failure and the reason together, the issues' failure before the to-dos'", () => {
    const ro = instance(SELF, { readOnlyReason: READ_ONLY });
    const notes = instanceNotes(
      [{ instance: ro, issues: [row({ instanceId: SELF }), row({ instanceId: SELF })], error: 'HTTP 500', errorCode: 'server', fetchedAt: 9 }],
      [todoGroup(ro, { error: 'Could not reach it', errorCode: 'offline', fetchedAt: 3 })],
    );
    expect(notes).toEqual([{ baseUrl: SELF, error: 'HTTP 500', code: 'server', fetchedAt: 9, kept: 2, readOnly: READ_ONLY }]);
  });

  it('a to-dos failure speaks where the issues came, and for a GitLab only the to-dos name', () => {
    const notes = instanceNotes([group(COM, [row({})])], [
      todoGroup(instance(COM), { error: 'Could not reach gitlab.com', errorCode: 'offline', fetchedAt: 4 }),
      todoGroup(instance(SELF, { readOnlyReason: READ_ONLY })),
    ]);
    expect(notes).toEqual([
      { baseUrl: COM, error: 'Could not reach gitlab.com', code: 'offline', fetchedAt: 4, kept: 0, readOnly: null },
      { baseUrl: SELF, error: null, fetchedAt: 0, kept: 0, readOnly: READ_ONLY },
    ]);
  });

  it("the issues' copy of an instance is the one believed when the two lists disagree", () => {
    // A cache written before a reconnect with a better token, beside a fresh list: the issues' word counts.
    expect(instanceNotes([group(SELF, [])], [todoGroup(instance(SELF, { readOnlyReason: READ_ONLY }))])).toEqual([]);
    expect(readOnlyReasons(instanceNotes([{ ...group(SELF, []), instance: instance(SELF, { readOnlyReason: READ_ONLY }) }], [todoGroup(instance(SELF))]))).toEqual(new Map([[SELF, READ_ONLY]]));
  });

  it('a GitLab whose token was revoked is said once, though each of its lists failed', () => {
    const revoked = 'https://git.example.org/gitlab is not connected any more. Connect it again in the options.';
    const failed = { error: revoked, errorCode: 'not-connected' as const, fetchedAt: 0 };
    const notes = instanceNotes([group(SELF, [], failed)], [todoGroup(instance(SELF), failed)], [mergeRequestGroup(SELF, [], failed)]);
    expect(notes).toEqual([{ baseUrl: SELF, error: revoked, code: 'not-connected', fetchedAt: 0, kept: 0, readOnly: null }]);
  });

  it('a merge requests failure speaks where the issues and to-dos came, saying which list it is', () => {
    const notes = instanceNotes([group(COM, [row({})]), group(SELF, [])], [todoGroup(instance(COM))], [
      mergeRequestGroup(COM, [], { error: 'GitLab answered 500', errorCode: 'server', fetchedAt: 3 }),
      mergeRequestGroup(SELF, [mergeRequest(SELF, 1)]),
    ]);
    expect(notes).toEqual([{ baseUrl: COM, error: 'GitLab answered 500', code: 'server', fetchedAt: 3, kept: 0, readOnly: null, from: 'mergeRequests' }]);
    // The issues' failure is the one told when both failed.
    const both = instanceNotes([group(COM, [], { error: 'Could not reach gitlab.com', errorCode: 'offline', fetchedAt: 2 })], [], [mergeRequestGroup(COM, [], { error: 'GitLab answered 500', errorCode: 'server' })]);
    expect(both).toEqual([{ baseUrl: COM, error: 'Could not reach gitlab.com', code: 'offline', fetchedAt: 2, kept: 0, readOnly: null }]);
  });

  it('says why `s` started nothing', () => {
    expect(notStartedText('acme/web#1', SELF)).toBe('No timer started on acme/web#1: the connection to git.example.org is read-only.');
  });
});

describe('the first screen', () => {
  it('keeps the top of the unsearched list in the chosen order, the to-dos, and the counts', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row({ iid: i + 1, updatedAt: `2025-06-${String(i + 1).padStart(2, '0')}T00:00:00Z` }));
    const todos: InstanceTodos[] = [{ instance: instance(COM), todos: [], error: null, fetchedAt: 7 }];
    const screen = firstScreen([group(COM, rows, { fetchedAt: 7 })], todos, { mode: 'updated' });
    expect(screen.entries).toHaveLength(FIRST_SCREEN_ROWS);
    expect(screen.entries[0]).toMatchObject({ kind: 'issue', position: 1, row: { iid: 30 } });
    expect(screen).toMatchObject({ total: 30, showHost: false, todoCount: 0, fetchedAt: 7, view: { mode: 'updated' } });
  });

  it('keeps the first merge requests of the whole list (newest first, over every GitLab) and how many there are', () => {
    const home = Array.from({ length: 20 }, (_, i) => mergeRequest(COM, i + 1));
    const away = [mergeRequest(SELF, 59, { updatedAt: '2025-08-01T00:00:00Z' })];
    const screen = firstScreen([group(COM, [row({})])], [], { mode: 'updated' }, [mergeRequestGroup(COM, home), mergeRequestGroup(SELF, away, { limit: 'No reviewers here.' })]);
    expect(screen.mergeRequestCount).toBe(21);
    const kept = screen.mergeRequests.flatMap((g) => g.mergeRequests);
    expect(kept).toHaveLength(FIRST_SCREEN_MERGE_REQUESTS);
    expect(kept.map((r) => r.reference)).toContain('acme/web!59');
    // The newest of the 20, not the first fetched.
    expect(screen.mergeRequests[0]!.mergeRequests.map((r) => r.iid).sort((a, b) => a - b)).toEqual([18, 19, 20]);
    // Each GitLab keeps its group (its limit note goes with it), even with none of the first rows.
    expect(screen.mergeRequests.map((g) => [g.instance.baseUrl, g.limit])).toEqual([[COM, null], [SELF, 'No reviewers here.']]);
    expect(firstScreen([], [], { mode: 'updated' })).toMatchObject({ mergeRequests: [], mergeRequestCount: 0 });
  });

  it('keeps the newest to-dos the box shows, and how many there are', () => {
    const todos: TodoRow[] = Array.from({ length: 10 }, (_, i) => ({
      instanceId: COM, id: 900 + i, actionName: 'assigned', targetType: 'Issue', reference: `acme/web#${i + 1}`, title: `To-do ${i + 1}`,
      webUrl: `${COM}/acme/web/-/issues/${i + 1}`, createdAt: `2025-06-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
    }));
    const screen = firstScreen([group(COM, [row({})])], [{ instance: instance(COM), todos, error: null, fetchedAt: 1 }], { mode: 'updated' });
    expect(screen.todos.map((t) => t.id)).toEqual([909, 908, 907, 906].slice(0, FIRST_SCREEN_TODOS));
    expect(screen.todoCount).toBe(10);
  });

  it("carries the GitLabs' notes, so a read-only GitLab's buttons wait from the first frame", () => {
    const ro = instance(SELF, { readOnlyReason: 'Read-only: no api scope.' });
    const screen = firstScreen([group(COM, [row({})]), { instance: ro, issues: [row({ instanceId: SELF })], error: null, fetchedAt: 2 }], [], { mode: 'updated' });
    expect(screen.notes).toEqual([{ baseUrl: SELF, error: null, fetchedAt: 0, kept: 0, readOnly: 'Read-only: no api scope.' }]);
  });
});
