import { describe, expect, it, vi } from 'vitest';
import type { LogOutcome, ViewState } from './protocol';
import { createTimerStore } from './timer-view';

const item = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'merge_request' as const, iid: 3 };
const running: ViewState = {
  timer: { id: 't1', item, segments: [], runningSince: 1, startedAt: 1, idle: null },
  outbox: [],
  notice: 'Timer running on acme/web!3.',
};
const idle: ViewState = { timer: null, outbox: [], notice: 'Logged 25m to acme/web!3.' };
const log = (extra: Partial<LogOutcome> = {}): LogOutcome => ({ item, seconds: 1500, status: 'landed', message: 'Logged 25m to acme/web!3.', ...extra });

function setup(answers: Record<string, (data: unknown) => unknown>) {
  const sendMessage = vi.fn(async (type: string, data: unknown) => {
    const answer = answers[type];
    if (!answer) throw new Error(`unexpected ${type}`);
    return answer(data);
  });
  let heard: ((message: { data: ViewState }) => void) | null = null;
  const stopListening = vi.fn();
  const views = {
    onMessage: (type: string, listener: (message: { data: ViewState }) => void) => {
      if (type === 'stateChanged') heard = listener;
      return stopListening;
    },
  };
  const store = createTimerStore({ sendMessage } as never, views as never);
  return { store, sendMessage, tell: (state: ViewState) => heard?.({ data: state }), stopListening };
}

describe('timer view store', () => {
  it('loads the state from getState’s Result', async () => {
    const { store } = setup({ getState: () => ({ ok: true, state: running }) });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ state: running, error: null, lastLog: null });
  });

  it('a refused getState is said in words and leaves no state', async () => {
    const { store } = setup({ getState: () => ({ ok: false, error: 'Only this GitLab’s pages may ask.', code: 'refused' }) });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ state: null, error: 'Only this GitLab’s pages may ask.' });
  });

  it('a background that does not answer is said in words', async () => {
    const { store } = setup({});
    await store.getState().load();
    expect(store.getState().error).toMatch(/did not answer/);
    expect(await store.getState().run('pauseTimer')).toBe(false);
    expect(store.getState()).toMatchObject({ busy: false, error: expect.stringMatching(/timer is safe/) });
  });

  it('a stop keeps what became of its log as lastLog, with the new state', async () => {
    const stopped = log({ timeStats: { time_estimate: 0, total_time_spent: 1500, human_time_estimate: null, human_total_time_spent: '25m' } });
    const { store, sendMessage } = setup({ stopTimer: () => ({ ok: true, state: idle, log: stopped }) });
    expect(await store.getState().run('stopTimer')).toBe(true);
    expect(sendMessage).toHaveBeenCalledWith('stopTimer', undefined);
    expect(store.getState()).toMatchObject({ state: idle, lastLog: stopped, busy: false, error: null });
  });

  it('a start that logged the timer of another item keeps that log as lastLog', async () => {
    const switched = log({ status: 'waiting', message: 'Saved 25m to acme/web!3.' });
    const target = { target: { page: { projectPath: 'acme/web', kind: 'issue' as const, iid: 9 } } };
    const { store, sendMessage } = setup({ startTimer: () => ({ ok: true, state: running, switched }) });
    expect(await store.getState().start(target)).toBe(true);
    expect(sendMessage).toHaveBeenCalledWith('startTimer', target);
    expect(store.getState().lastLog).toBe(switched);
  });

  it('an answer without a log leaves the last one in place', async () => {
    const first = log();
    const { store } = setup({ stopTimer: () => ({ ok: true, state: idle, log: first }), pauseTimer: () => ({ ok: true, state: running }) });
    await store.getState().run('stopTimer');
    await store.getState().run('pauseTimer');
    expect(store.getState()).toMatchObject({ state: running, lastLog: first });
  });

  it('a question from the background is asked, not shown as an error; a refusal is an error', async () => {
    let reply: unknown = { ok: false, error: 'Under a minute timed. Discard it?', code: 'needs-confirmation' };
    const { store } = setup({ stopTimer: () => reply });
    expect(await store.getState().run('stopTimer')).toBe(false);
    expect(store.getState()).toMatchObject({ question: 'Under a minute timed. Discard it?', error: null, busy: false, lastLog: null });
    reply = { ok: false, error: 'No timer is running.', code: 'not-found' };
    await store.getState().run('stopTimer');
    expect(store.getState()).toMatchObject({ question: null, error: 'No timer is running.' });
    store.getState().clearMessages();
    expect(store.getState()).toMatchObject({ question: null, error: null });
  });

  it('hears the background’s new state until disposed', () => {
    const { store, tell, stopListening } = setup({});
    tell(running);
    expect(store.getState().state).toBe(running);
    store.dispose();
    expect(stopListening).toHaveBeenCalledOnce();
  });
});
