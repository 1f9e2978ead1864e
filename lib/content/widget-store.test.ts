import { describe, expect, it, vi } from 'vitest';
import type { DetectedIssue } from './page-facts';
import type { IssueView, UiState } from '../model/protocol';
import { createIssueWidgetStore, NO_ANSWER, timeMayHaveLanded } from './widget-store';

const stats = (spent: number, estimate: number) => ({
  total_time_spent: spent,
  time_estimate: estimate,
  human_total_time_spent: spent ? `${spent / 3600}h` : null,
  human_time_estimate: estimate ? `${estimate / 3600}h` : null,
});
const view = (spent = 3600, estimate = 7200, readOnly: string | null = null): IssueView => ({
  instance: { baseUrl: 'https://gitlab.com', username: 'demo' },
  timeStats: stats(spent, estimate),
  readOnly,
});
const issue = (iid = 1, extra: Partial<DetectedIssue> = {}): DetectedIssue => ({ projectPath: 'acme/web', iid, drawer: false, limitToHours: false, readOnly: null, ...extra });
const state = (extra: Partial<UiState> = {}): UiState => ({ timer: null, outbox: [], notice: null, ...extra });

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
  it('loads an issue view with one message, and not again for the same issue', async () => {
    const m = messenger({ getIssueView: () => ({ ok: true, ...view() }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    await store.getState().show(issue(), true);
    expect(m.calls).toHaveBeenCalledTimes(1);
    // Opening asks for GitLab's numbers now; a refresh (after a change) does not insist.
    expect(m.calls).toHaveBeenCalledWith('getIssueView', { projectPath: 'acme/web', iid: 1, fresh: true });
    expect(store.getState()).toMatchObject({ view: view(), readOnly: null, loadError: null });
    await store.getState().refresh();
    expect(m.calls).toHaveBeenLastCalledWith('getIssueView', { projectPath: 'acme/web', iid: 1 });
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
      getIssueView: async ({ iid }) => {
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
      getIssueView: () => {
        if (calls++ === 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true, ...view() };
      },
    });
    const store = createIssueWidgetStore(once);
    await store.getState().show(issue(), true);
    expect(once.calls).toHaveBeenCalledTimes(2);
    expect(store.getState()).toMatchObject({ view: view(), loadError: null });

    const never = messenger({
      getIssueView: () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    const silent = createIssueWidgetStore(never);
    await silent.getState().show(issue(), true);
    expect(never.calls).toHaveBeenCalledTimes(2);
    expect(silent.getState().loadError?.message).toMatch(/did not answer/);
  });

  it('a load failure is kept in words with its kind', async () => {
    const store = createIssueWidgetStore(messenger({ getIssueView: () => ({ ok: false, error: 'GitLab refused the access token.', code: 'unauthorized' }) }));
    await store.getState().show(issue(), true);
    expect(store.getState().loadError).toEqual({ message: 'GitLab refused the access token.', code: 'unauthorized' });
  });

  it('read-only: the page\'s reason first, else GitLab\'s remembered refusal', async () => {
    const m = messenger({ getIssueView: () => ({ ok: true, ...view(0, 0, 'The token is read-only.') }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(1, { readOnly: 'Archived.' }), true);
    expect(store.getState().readOnly).toBe('Archived.');
    await store.getState().show(issue(2), true);
    expect(store.getState().readOnly).toBe('The token is read-only.');
  });

  it('a change answers the new numbers, with no second request', async () => {
    const m = messenger({ getIssueView: () => ({ ok: true, ...view() }), setEstimate: () => ({ ok: true, timeStats: stats(3600, 3 * 3600) }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    expect(await store.getState().setEstimate('3h')).toBe(true);
    expect(m.calls).toHaveBeenCalledWith('setEstimate', { target: { page: { projectPath: 'acme/web', iid: 1 } }, duration: '3h' });
    expect(store.getState()).toMatchObject({ done: 'Estimate set to 3h.', error: null, busy: null, view: { timeStats: { time_estimate: 3 * 3600 } } });
    expect(m.calls.mock.calls.filter(([type]) => type === 'getIssueView')).toHaveLength(1);
  });

  it('a 403 turns the controls read-only with GitLab\'s words; a refused to-do does not', async () => {
    const forbidden = { ok: false, code: 'forbidden', error: 'You do not have permission to do that on this issue.' };
    const store = createIssueWidgetStore(messenger({ getIssueView: () => ({ ok: true, ...view() }), addTodo: () => forbidden, resetEstimate: () => forbidden }));
    await store.getState().show(issue(), true);
    await store.getState().addTodo();
    expect(store.getState()).toMatchObject({ error: forbidden.error, readOnly: null });
    expect(await store.getState().resetEstimate()).toBe(false);
    expect(store.getState()).toMatchObject({ error: forbidden.error, readOnly: forbidden.error });
  });

  it('a to-do added or already there (304) both say To-do added', async () => {
    for (const created of [true, false]) {
      const store = createIssueWidgetStore(messenger({ getIssueView: () => ({ ok: true, ...view() }), addTodo: () => ({ ok: true, created }) }));
      await store.getState().show(issue(), true);
      await store.getState().addTodo();
      expect(store.getState().done).toBe('To-do added.');
    }
  });

  it('a time log delivered reads the numbers again; one refused for good leaves the alert to the outbox list', async () => {
    const onState = vi.fn();
    let delivered = true;
    const refusedLog = { id: 'x', instanceId: 'https://gitlab.com', projectPath: 'acme/web', iid: 1, seconds: 60, spentAt: 0, createdAt: 0, attempts: 1, nextAttemptAt: 0, status: 'needs-attention' as const };
    const m = messenger({
      getIssueView: () => ({ ok: true, ...view() }),
      logTime: () => ({ ok: true, delivered, state: state({ notice: delivered ? 'Logged 30m to acme/web#1.' : 'Refused.', outbox: delivered ? [] : [refusedLog] }) }),
    });
    const store = createIssueWidgetStore(m, onState);
    await store.getState().show(issue(), true);
    await store.getState().logTime('30m', '  Pairing  ');
    expect(m.calls).toHaveBeenCalledWith('logTime', { target: { page: { projectPath: 'acme/web', iid: 1 } }, duration: '30m', summary: 'Pairing' });
    expect(m.calls.mock.calls.filter(([type]) => type === 'getIssueView')).toHaveLength(2);
    expect(store.getState().done).toBe('Logged 30m to acme/web#1.');
    expect(onState).toHaveBeenCalledTimes(1);

    delivered = false;
    await store.getState().logTime('1m', '');
    expect(m.calls).toHaveBeenLastCalledWith('logTime', { target: { page: { projectPath: 'acme/web', iid: 1 } }, duration: '1m' });
    expect(store.getState().done).toBeNull();
  });

  it('an extension that does not answer is said in words', async () => {
    const m = messenger({ getIssueView: () => ({ ok: true, ...view() }) });
    const store = createIssueWidgetStore(m);
    await store.getState().show(issue(), true);
    await store.getState().resetSpentTime();
    expect(store.getState().error).toBe(NO_ANSWER);
  });
});

describe('timeMayHaveLanded', () => {
  const key = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', iid: 1 };
  const timer = (iid: number) => ({ issue: { ...key, iid }, segments: [], runningSince: 1, startedAt: 1 }) as unknown as UiState['timer'];
  const log = (id: string, iid: number) => ({ id, instanceId: key.instanceId, projectPath: 'ACME/web', iid, seconds: 60, spentAt: 0, createdAt: 0, attempts: 0, nextAttemptAt: 0, status: 'pending' as const });

  it('when this issue\'s timer goes away, however it was stopped', () => {
    expect(timeMayHaveLanded(state({ timer: timer(1) }), state(), key)).toBe(true);
    expect(timeMayHaveLanded(state({ timer: timer(1) }), state({ timer: timer(2) }), key)).toBe(true);
    expect(timeMayHaveLanded(state({ timer: timer(1) }), state({ timer: timer(1) }), key)).toBe(false);
    expect(timeMayHaveLanded(state({ timer: timer(2) }), state(), key)).toBe(false);
    expect(timeMayHaveLanded(null, state(), key)).toBe(false);
  });

  it('when one of this issue\'s waiting logs leaves the outbox', () => {
    expect(timeMayHaveLanded(state({ outbox: [log('a', 1), log('b', 2)] }), state({ outbox: [log('b', 2)] }), key)).toBe(true);
    expect(timeMayHaveLanded(state({ outbox: [log('a', 1), log('b', 2)] }), state({ outbox: [log('a', 1)] }), key)).toBe(false);
    expect(timeMayHaveLanded(state({ outbox: [] }), state({ outbox: [log('a', 1)] }), key)).toBe(false);
  });
});
