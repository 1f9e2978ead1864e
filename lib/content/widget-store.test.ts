import { describe, expect, it, vi } from 'vitest';
import type { DetectedIssue } from './page-facts';
import type { ItemView, LogOutcome, ViewState } from '../model/protocol';
import { createIssueWidgetStore, NO_ANSWER } from './widget-store';

const stats = (spent: number, estimate: number) => ({
  total_time_spent: spent,
  time_estimate: estimate,
  human_total_time_spent: spent ? `${spent / 3600}h` : null,
  human_time_estimate: estimate ? `${estimate / 3600}h` : null,
});
const view = (spent = 3600, estimate = 7200, readOnly: string | null = null): ItemView => ({
  instance: { baseUrl: 'https://gitlab.com', username: 'demo' },
  timeStats: stats(spent, estimate),
  readOnly,
});
const issue = (iid = 1, extra: Partial<DetectedIssue> = {}): DetectedIssue => ({ projectPath: 'acme/web', kind: 'issue', iid, drawer: false, limitToHours: false, readOnly: null, ...extra });
const mergeRequest = (iid = 1, extra: Partial<DetectedIssue> = {}): DetectedIssue => issue(iid, { kind: 'merge_request', ...extra });
const state = (extra: Partial<ViewState> = {}): ViewState => ({ timer: null, outbox: [], notice: null, ...extra });
const page = (iid = 1, kind: DetectedIssue['kind'] = 'issue') => ({ page: { projectPath: 'acme/web', kind, iid } });
const outcome = (extra: Partial<LogOutcome> = {}): LogOutcome => ({
  item: { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 1 },
  seconds: 1800,
  status: 'landed',
  message: 'Logged 30m to acme/web#1.',
  ...extra,
});

/** A messenger that answers each message type with the given function. */
function messenger(answers: Record<string, (data: any) => unknown>) {
  const sendMessage = vi.fn(async (type: string, data: unknown) => {
    const answer = answers[type];
    if (!answer) throw new Error(`unexpected ${type}`);
    return answer(data);
  });
  return { sendMessage: sendMessage as any, calls: sendMessage };
}

describe('issue widget store', () => {
  it('loads an item view with one message, and not again for the same item', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    await store.getState().show(issue(1, { projectPath: 'ACME/Web' }), true);
    expect(m.calls).toHaveBeenCalledTimes(1);
    expect(m.calls).toHaveBeenCalledWith('itemView', { projectPath: 'acme/web', kind: 'issue', iid: 1 });
    expect(store.getState()).toMatchObject({ view: view(), readOnly: null, loadError: null });
  });

  it('a merge request with the same number as the issue shown is another item, and is loaded', async () => {
    const m = messenger({ itemView: ({ kind }) => ({ ok: true, ...view(kind === 'merge_request' ? 60 : 3600) }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(7), true);
    await store.getState().show(mergeRequest(7), true);
    expect(m.calls.mock.calls).toEqual([
      ['itemView', { projectPath: 'acme/web', kind: 'issue', iid: 7 }],
      ['itemView', { projectPath: 'acme/web', kind: 'merge_request', iid: 7 }],
    ]);
    expect(store.getState().view?.timeStats.total_time_spent).toBe(60);
  });

  it('the same item in a drawer is shown afresh', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    await store.getState().show(issue(1, { drawer: true }), true);
    expect(m.calls).toHaveBeenCalledTimes(2);
  });

  it('asks nothing on a GitLab that is not connected', async () => {
    const m = messenger({});
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), false);
    expect(m.calls).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ connected: false, issue: issue() });
  });

  it('drops the answer for an issue the user has navigated away from', async () => {
    let release!: () => void;
    const m = messenger({
      itemView: async ({ iid }) => {
        if (iid === 1) await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, ...view(iid * 60) };
      },
    });
    const store = createIssueWidgetStore(m);
    const first = store.getState().show(issue(1), true);
    await store.getState().show(issue(2), true);
    release();
    await first;
    expect(store.getState().issue?.iid).toBe(2);
    expect(store.getState().view?.timeStats.total_time_spent).toBe(120);
  });

  it('a worker that stopped while answering is asked once more; a second silence is said in words', async () => {
    let calls = 0;
    const once = messenger({
      itemView: () => {
        if (calls++ === 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true, ...view() };
      },
    });
    const store = createIssueWidgetStore(once);
    await store.getState().show(issue(), true);
    expect(once.calls).toHaveBeenCalledTimes(2);
    expect(store.getState()).toMatchObject({ view: view(), loadError: null });

    const never = messenger({
      itemView: () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    const silent = createIssueWidgetStore(never);
    await silent.getState().show(issue(), true);
    expect(never.calls).toHaveBeenCalledTimes(2);
    expect(silent.getState().loadError?.message).toMatch(/did not answer/);
  });

  it('a load failure is kept in words with its kind', async () => {
    const store = createIssueWidgetStore(messenger({ itemView: () => ({ ok: false, error: 'GitLab refused the access token.', code: 'unauthorized' }) }));
    await store.getState().show(issue(), true);
    expect(store.getState().loadError).toEqual({ message: 'GitLab refused the access token.', code: 'unauthorized' });
  });

  it('read-only: the page\'s reason first, else GitLab\'s remembered refusal', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view(0, 0, 'The token is read-only.') }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(1, { readOnly: 'Archived.' }), true);
    expect(store.getState().readOnly).toBe('Archived.');
    await store.getState().show(issue(2), true);
    expect(store.getState().readOnly).toBe('The token is read-only.');
  });

  it('a change answers the new numbers, with no second request', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), setEstimate: () => ({ ok: true, timeStats: stats(3600, 3 * 3600) }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    expect(await store.getState().setEstimate(3 * 3600)).toBe(true);
    expect(m.calls).toHaveBeenCalledWith('setEstimate', { target: page(), seconds: 3 * 3600 });
    expect(store.getState()).toMatchObject({ done: 'Estimate set to 3h.', error: null, busy: null, view: { timeStats: { time_estimate: 3 * 3600 } } });
    expect(m.calls.mock.calls.filter(([type]) => type === 'itemView')).toHaveLength(1);
  });

  it.each<['resetEstimate' | 'resetSpentTime', string, ReturnType<typeof stats>]>([
    ['resetEstimate', 'Estimate removed.', stats(3600, 0)],
    ['resetSpentTime', 'Time spent reset to zero.', stats(0, 7200)],
  ])('%s on a merge request names it, and shows GitLab’s answer', async (action, done, answered) => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), [action]: () => ({ ok: true, timeStats: answered }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(mergeRequest(3), true);
    expect(await store.getState()[action]()).toBe(true);
    expect(m.calls).toHaveBeenLastCalledWith(action, { target: page(3, 'merge_request') });
    expect(store.getState()).toMatchObject({ done, error: null, view: { timeStats: answered } });
  });

  it('only one change at a time: a second one while busy is not sent', async () => {
    let release!: () => void;
    const m = messenger({
      itemView: () => ({ ok: true, ...view() }),
      resetEstimate: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, timeStats: stats(3600, 0) };
      },
      addTodo: () => ({ ok: true, created: true }),
    });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    const first = store.getState().resetEstimate();
    expect(store.getState().busy).toBe('resetEstimate');
    expect(await store.getState().addTodo()).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(m.calls.mock.calls.map(([type]) => type)).toEqual(['itemView', 'resetEstimate']);
  });

  it('nothing is sent before an item is shown', async () => {
    const m = messenger({});
    const store = createIssueWidgetStore(m);
    expect(await store.getState().logTime(1800, '')).toBe(false);
    expect(m.calls).not.toHaveBeenCalled();
  });

  it('a 403 turns the controls read-only with GitLab\'s words; a refused to-do does not', async () => {
    const forbidden = { ok: false, code: 'forbidden', error: 'You do not have permission to do that on this issue.' };
    const store = createIssueWidgetStore(messenger({ itemView: () => ({ ok: true, ...view() }), addTodo: () => forbidden, resetEstimate: () => forbidden }));
    await store.getState().show(issue(), true);
    await store.getState().addTodo();
    expect(store.getState()).toMatchObject({ error: forbidden.error, readOnly: null });
    expect(await store.getState().resetEstimate()).toBe(false);
    expect(store.getState()).toMatchObject({ error: forbidden.error, readOnly: forbidden.error });
  });

  it('a to-do added or already there (304) both say To-do added', async () => {
    for (const created of [true, false]) {
      const store = createIssueWidgetStore(messenger({ itemView: () => ({ ok: true, ...view() }), addTodo: () => ({ ok: true, created }) }));
      await store.getState().show(issue(), true);
      await store.getState().addTodo();
      expect(store.getState().done).toBe('To-do added.');
    }
  });

  it('a time log that landed shows GitLab’s numbers from its answer, with no second request', async () => {
    const onState = vi.fn();
    const after = state({ notice: 'Logged 30m to acme/web#1.' });
    const log = outcome({ timeStats: stats(3600 + 1800, 7200) });
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), logTime: () => ({ ok: true, state: after, log }) });
    const store = createIssueWidgetStore(m, onState);
    await store.getState().show(issue(), true);
    expect(await store.getState().logTime(1800, '  Pairing  ')).toBe(true);
    expect(m.calls).toHaveBeenCalledWith('logTime', { target: page(), seconds: 1800, summary: 'Pairing' });
    expect(m.calls.mock.calls.filter(([type]) => type === 'itemView')).toHaveLength(1);
    expect(store.getState()).toMatchObject({ done: 'Logged 30m to acme/web#1.', error: null, busy: null, view: { timeStats: { total_time_spent: 5400 } } });
    expect(onState).toHaveBeenCalledTimes(1);
    expect(onState).toHaveBeenCalledWith(after, log);
  });

  it('a subtraction for an earlier day goes as negative seconds with its day, and no summary when blank', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), logTime: () => ({ ok: true, state: state(), log: outcome({ seconds: -900 }) }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(mergeRequest(4), true);
    const day = Date.UTC(2026, 10, 30, 12);
    await store.getState().logTime(-900, '   ', day);
    expect(m.calls).toHaveBeenLastCalledWith('logTime', { target: page(4, 'merge_request'), seconds: -900, spentAt: day });
  });

  it('a log saved to send later says so and clears the form; the numbers wait for GitLab', async () => {
    const log = outcome({ status: 'waiting', message: 'Saved; it will be sent when GitLab can be reached.' });
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), logTime: () => ({ ok: true, state: state(), log }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    expect(await store.getState().logTime(1800, '')).toBe(true);
    expect(store.getState()).toMatchObject({ done: log.message, error: null, view: { timeStats: { total_time_spent: 3600 } } });
  });

  it('a log refused for good is said in an alert, and the typed form keeps its text', async () => {
    const onState = vi.fn();
    const log = outcome({ status: 'needs-attention', message: 'GitLab refused the time log: you need Reporter access.' });
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), logTime: () => ({ ok: true, state: state(), log }) });
    const store = createIssueWidgetStore(m, onState);
    await store.getState().show(issue(), true);
    expect(await store.getState().logTime(60, 'x')).toBe(false);
    expect(store.getState()).toMatchObject({ done: null, error: log.message, busy: null, view: { timeStats: { total_time_spent: 3600 } } });
    expect(onState).toHaveBeenCalledTimes(1);
  });

  it('the kept form sent again replaces its refused log (instead), so it never waits twice', async () => {
    const held = outcome({ id: 'held-1', status: 'needs-attention', message: 'GitLab refused the time log: you need Reporter access.' });
    const landed = outcome({ id: 'new-2' });
    let answer = held;
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), logTime: () => ({ ok: true, state: state(), log: answer }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    expect(await store.getState().logTime(60, 'x')).toBe(false);
    expect(m.calls).toHaveBeenLastCalledWith('logTime', { target: page(), seconds: 60, summary: 'x' });
    answer = landed;
    expect(await store.getState().logTime(60, 'x')).toBe(true);
    expect(m.calls).toHaveBeenLastCalledWith('logTime', { target: page(), seconds: 60, summary: 'x', instead: 'held-1' });
    // Landed: the next log is a new one.
    await store.getState().logTime(120, '');
    expect(m.calls).toHaveBeenLastCalledWith('logTime', { target: page(), seconds: 120 });
  });

  it('a refused log of another item is not replaced from this one', async () => {
    const held = outcome({ id: 'held-1', status: 'needs-attention', message: 'Refused.' });
    const m = messenger({ itemView: ({ iid }) => ({ ok: true, ...view(iid * 60) }), logTime: () => ({ ok: true, state: state(), log: held }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    await store.getState().logTime(60, '');
    await store.getState().show(issue(2), true);
    await store.getState().logTime(60, '');
    expect(m.calls).toHaveBeenLastCalledWith('logTime', { target: page(2), seconds: 60 });
  });

  it('a refused logTime message (bad input) keeps the form and says why', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }), logTime: () => ({ ok: false, code: 'bad-input', error: 'The duration must be at least a minute.' }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    expect(await store.getState().logTime(30, '')).toBe(false);
    expect(store.getState()).toMatchObject({ error: 'The duration must be at least a minute.', done: null, readOnly: null });
  });

  it('an answer for an item the user left is not shown on the next one', async () => {
    let release!: () => void;
    const m = messenger({
      itemView: ({ iid }) => ({ ok: true, ...view(iid * 60) }),
      setEstimate: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, timeStats: stats(0, 99 * 3600) };
      },
    });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(1), true);
    const pending = store.getState().setEstimate(3600);
    await store.getState().show(issue(2), true);
    release();
    expect(await pending).toBe(false);
    expect(store.getState()).toMatchObject({ done: null, view: { timeStats: { time_estimate: 7200, total_time_spent: 120 } } });
  });

  it('an extension that does not answer is said in words', async () => {
    const m = messenger({ itemView: () => ({ ok: true, ...view() }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    await store.getState().resetSpentTime();
    expect(store.getState().error).toBe(NO_ANSWER);
  });
});

describe('totals heard from elsewhere', () => {
  async function shown(item: DetectedIssue) {
    const store = createIssueWidgetStore(messenger({ itemView: () => ({ ok: true, ...view() }) }));
    await store.getState().show(item, true);
    return store;
  }
  const key = (extra: Partial<{ projectPath: string; kind: DetectedIssue['kind']; iid: number }> = {}) => ({ projectPath: 'acme/web', kind: 'issue' as const, iid: 1, ...extra });

  it('are shown when they are this item’s, whatever the case of its path', async () => {
    const store = await shown(issue());
    store.getState().totals(key({ projectPath: 'Acme/WEB' }), stats(9000, 7200));
    expect(store.getState().view?.timeStats).toEqual(stats(9000, 7200));
  });

  it.each<[string, ReturnType<typeof key>]>([
    ['the merge request with the same number', key({ kind: 'merge_request' })],
    ['another number', key({ iid: 2 })],
    ['another project', key({ projectPath: 'acme/api' })],
  ])('are not shown when they are for %s', async (_, other) => {
    const store = await shown(issue());
    store.getState().totals(other, stats(9000, 7200));
    expect(store.getState().view?.timeStats).toEqual(view().timeStats);
  });

  it('a merge request hears its own and not the issue’s', async () => {
    const store = await shown(mergeRequest(1));
    store.getState().totals(key(), stats(1, 1));
    expect(store.getState().view?.timeStats).toEqual(view().timeStats);
    store.getState().totals(key({ kind: 'merge_request' }), stats(120, 0));
    expect(store.getState().view?.timeStats).toEqual(stats(120, 0));
  });

  it('change nothing before the view has loaded, or with no item', async () => {
    const store = createIssueWidgetStore(messenger({}));
    store.getState().totals(key(), stats(60, 0));
    expect(store.getState().view).toBeNull();
    const failed = createIssueWidgetStore(messenger({ itemView: () => ({ ok: false, error: 'Offline.', code: 'offline' }) }));
    await failed.getState().show(issue(), true);
    failed.getState().totals(key(), stats(60, 0));
    expect(failed.getState().view).toBeNull();
  });
});
