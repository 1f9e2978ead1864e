import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstanceIssues, InstanceMergeRequests, InstanceTodos, TodoRow } from '../model/protocol';
import { firstScreen, type FirstScreen } from './list-model';
import type { Instance } from '../model/storage';
import type { PopupCache } from './first-screen';
import { createPopupStore, storageCache, type PopupDeps } from './store';

const COM = 'https://gitlab.com';
const instance: Instance = { baseUrl: COM, userId: 1, username: 'demo', name: 'Demo', avatarUrl: null, connectedAt: 0, gitlabVersion: null };
const todo: TodoRow = { instanceId: COM, id: 7, actionName: 'assigned', targetType: 'Issue', reference: 'acme/web#2', title: 'Dark mode', webUrl: '', createdAt: '2025-01-01' };

function lists(iids: number[], todos: TodoRow[] = [todo]): { assigned: InstanceIssues[]; todos: InstanceTodos[] } {
  const issues = iids.map((iid) => ({
    instanceId: COM, id: iid, iid, projectPath: 'acme/web', reference: `acme/web#${iid}`, title: `Issue ${iid}`, webUrl: '', labels: [],
    dueDate: null, updatedAt: `2025-01-${String(iid).padStart(2, '0')}`, timeEstimate: 0, totalTimeSpent: 0, humanTimeEstimate: null, humanTotalTimeSpent: null,
  }));
  return { assigned: [{ instance, issues, error: null, fetchedAt: 1 }], todos: [{ instance, todos, error: null, fetchedAt: 1 }] };
}

const mergeRequests: InstanceMergeRequests[] = [{
  instance,
  mergeRequests: [{
    instanceId: COM, id: 10001, iid: 1, projectPath: 'acme/web', reference: 'acme/web!1', title: 'Rate limiting', webUrl: '', updatedAt: '2025-01-02',
    assigned: false, reviewing: true, timeEstimate: 0, totalTimeSpent: 0, humanTimeEstimate: null, humanTotalTimeSpent: null,
  }],
  limit: null,
  error: null,
  fetchedAt: 1,
}];

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function fakeDeps(overrides: Partial<PopupDeps> = {}) {
  const fresh = lists([1, 2, 3]);
  const sendMessage = vi.fn(async (type: string, data: unknown) => {
    if (type === 'assignedIssues') return { ok: true, lists: fresh.assigned };
    if (type === 'todos') return { ok: true, lists: fresh.todos };
    if (type === 'myMergeRequests') return { ok: true, lists: mergeRequests };
    if (type === 'markTodoDone') return { ok: true };
    throw new Error(`unexpected ${type} ${JSON.stringify(data)}`);
  });
  const deps: PopupDeps = {
    messenger: { sendMessage } as unknown as PopupDeps['messenger'],
    readFirstScreen: () => null,
    readCache: async (): Promise<PopupCache> => ({ assigned: {}, todos: {}, view: null }),
    saveView: vi.fn(async () => undefined),
    saveFirstScreen: vi.fn(),
    afterPaint: async () => undefined,
    ...overrides,
  };
  return { deps, sendMessage };
}

describe('popup store', () => {
  it('paints the first screen, then the full cache, then the refreshed lists, and saves the new first screen', async () => {
    const cached = lists([1, 2]);
    const screen = firstScreen(cached.assigned, cached.todos, { mode: 'due' });
    const cache = deferred<PopupCache>();
    const refreshed = deferred<{ ok: true; lists: InstanceIssues[] }>();
    const { deps, sendMessage } = fakeDeps({ readFirstScreen: () => screen, readCache: () => cache.promise });
    sendMessage.mockImplementation(async (type: string) => (type === 'assignedIssues' ? refreshed.promise : { ok: true, lists: type === 'myMergeRequests' ? mergeRequests : lists([]).todos }) as never);
    const store = createPopupStore(deps);

    const loading = store.getState().load();
    // At once, before load's first await: the popup renders right after calling load().
    expect(store.getState().preview).toEqual(screen);
    expect(store.getState()).toMatchObject({ connected: true, view: { mode: 'due' }, assigned: [] });

    cache.resolve({ assigned: { [COM]: cached.assigned[0]! }, todos: { [COM]: cached.todos[0]! }, view: { mode: 'due' } });
    await vi.waitFor(() => expect(store.getState().assigned[0]!.issues).toHaveLength(2));
    expect(store.getState().preview).toBeNull();
    expect(sendMessage).toHaveBeenCalledWith('assignedIssues', { refresh: false });

    refreshed.resolve({ ok: true, lists: lists([1, 2, 3]).assigned });
    await loading;
    expect(store.getState().assigned[0]!.issues).toHaveLength(3);
    expect(deps.saveFirstScreen).toHaveBeenCalledWith(expect.objectContaining({ total: 3, view: { mode: 'due' } }));
    // The merge requests go into the first screen too: the next opening paints them at once.
    expect(deps.saveFirstScreen).toHaveBeenCalledWith(expect.objectContaining({ mergeRequestCount: 1, mergeRequests: mergeRequests }));
  });

  it('asks for the full lists only once the first screen is on screen', async () => {
    const cached = lists([1]);
    const painted = deferred<void>();
    const readCache = vi.fn(async (): Promise<PopupCache> => ({ assigned: { [COM]: cached.assigned[0]! }, todos: {}, view: null }));
    const { deps } = fakeDeps({ readFirstScreen: () => firstScreen(cached.assigned, [], { mode: 'updated' }), readCache, afterPaint: () => painted.promise });
    const store = createPopupStore(deps);
    const loading = store.getState().load();
    await vi.waitFor(() => expect(store.getState().preview).not.toBeNull());
    await new Promise((r) => setTimeout(r, 10));
    expect(readCache).not.toHaveBeenCalled();
    painted.resolve();
    await loading;
    expect(readCache).toHaveBeenCalledOnce();
    expect(store.getState().preview).toBeNull();
  });

  it('no first screen saved (first opening): the full lists are read at once', async () => {
    const afterPaint = vi.fn(async () => undefined);
    const readCache = vi.fn(async (): Promise<PopupCache> => ({ assigned: {}, todos: {}, view: null }));
    const { deps } = fakeDeps({ readFirstScreen: () => null, readCache, afterPaint });
    const store = createPopupStore(deps);
    await store.getState().load();
    expect(afterPaint).not.toHaveBeenCalled();
    expect(readCache).toHaveBeenCalledOnce();
    expect(store.getState().preview).toBeNull();
  });

  it('an unreadable cache still ends in a refresh', async () => {
    const { deps, sendMessage } = fakeDeps({ readCache: async () => Promise.reject(new Error('gone')) });
    sendMessage.mockImplementation(async (type: string) => ({ ok: true, lists: type === 'assignedIssues' ? lists([4]).assigned : [] }) as never);
    const store = createPopupStore(deps);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ preview: null, connected: true, assigned: [expect.objectContaining({ issues: [expect.anything()] })] });
  });

  it('nothing connected: the background answers no instances', async () => {
    const { deps, sendMessage } = fakeDeps();
    sendMessage.mockImplementation(async () => ({ ok: true, lists: [] }) as never);
    const store = createPopupStore(deps);
    expect(store.getState().connected).toBeNull();
    await store.getState().load();
    expect(store.getState().connected).toBe(false);
  });

  it('a background that does not answer says so in words', async () => {
    const { deps, sendMessage } = fakeDeps();
    sendMessage.mockRejectedValue(new Error('Could not establish connection'));
    const store = createPopupStore(deps);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ refreshing: false, problem: expect.stringMatching(/did not answer/) });
  });

  it('offline: no fetching until the network is back, then a refresh', async () => {
    const { deps, sendMessage } = fakeDeps();
    const store = createPopupStore(deps);
    store.getState().setOnline(false);
    await store.getState().load();
    expect(sendMessage).not.toHaveBeenCalled();
    store.getState().setOnline(true);
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledWith('assignedIssues', { refresh: false }));
  });

  it('Mark as done removes the to-do once the background confirms, and keeps it with the reason if not', async () => {
    const { deps, sendMessage } = fakeDeps();
    const store = createPopupStore(deps);
    await store.getState().load();
    sendMessage.mockImplementationOnce(async () => ({ ok: false, error: 'GitLab had a problem on its side (HTTP 500).' }) as never);
    await store.getState().markTodoDone(todo);
    expect(store.getState()).toMatchObject({ problem: expect.stringMatching(/HTTP 500/), marking: [] });
    expect(store.getState().todos[0]!.todos).toHaveLength(1);

    await store.getState().markTodoDone(todo);
    expect(sendMessage).toHaveBeenLastCalledWith('markTodoDone', { instanceId: COM, id: 7 });
    expect(store.getState()).toMatchObject({ problem: null, marking: [] });
    expect(store.getState().todos[0]!.todos).toHaveLength(0);
  });

  it('Retry and Discard of a waiting log: sent by id, a refusal said in words, silence too', async () => {
    const { deps, sendMessage } = fakeDeps();
    const store = createPopupStore(deps);
    sendMessage.mockImplementationOnce(async () => ({ ok: true, state: { timer: null, outbox: [], notice: null } }) as never);
    await store.getState().outboxAction('retryLog', 'log-1');
    expect(sendMessage).toHaveBeenLastCalledWith('retryLog', { id: 'log-1' });
    expect(store.getState().problem).toBeNull();

    sendMessage.mockImplementationOnce(async () => ({ ok: false, error: 'That time log is no longer waiting.', code: 'not-found' }) as never);
    await store.getState().outboxAction('discardLog', 'log-2');
    expect(sendMessage).toHaveBeenLastCalledWith('discardLog', { id: 'log-2' });
    expect(store.getState().problem).toBe('That time log is no longer waiting.');

    sendMessage.mockRejectedValueOnce(new Error('Could not establish connection'));
    await store.getState().outboxAction('retryLog', 'log-3');
    expect(store.getState().problem).toMatch(/did not answer/);
  });

  it('a refresh asked for during another runs once more afterwards', async () => {
    const { deps, sendMessage } = fakeDeps();
    const store = createPopupStore(deps);
    const first = store.getState().refresh(false);
    void store.getState().refresh(false);
    void store.getState().refresh(false);
    await first;
    expect(sendMessage.mock.calls.filter(([type]) => type === 'assignedIssues')).toHaveLength(2);
  });

  it('a forced refresh asked for during a quiet one is not lost: the next one reaches GitLab', async () => {
    const { deps, sendMessage } = fakeDeps();
    const store = createPopupStore(deps);
    const first = store.getState().refresh(false);
    void store.getState().refresh(true);
    void store.getState().refresh(false);
    await first;
    expect(sendMessage.mock.calls.filter(([type]) => type === 'assignedIssues').map(([, data]) => data)).toEqual([{ refresh: false }, { refresh: true }]);
  });

  it('a new view is remembered and becomes the first screen', async () => {
    const { deps } = fakeDeps();
    const store = createPopupStore(deps);
    await store.getState().load();
    store.getState().setView({ mode: 'project' });
    expect(deps.saveView).toHaveBeenCalledWith({ mode: 'project' });
    expect(deps.saveFirstScreen).toHaveBeenLastCalledWith(expect.objectContaining({ view: { mode: 'project' } }));
  });

  it('merge requests: painted from the cache, then asked of the background with the issues, refresh forced on Refresh', async () => {
    const cached = lists([1]);
    const { deps, sendMessage } = fakeDeps({
      readCache: async () => ({ assigned: { [COM]: cached.assigned[0]! }, todos: {}, mergeRequests: { [COM]: { ...mergeRequests[0]!, mergeRequests: [] } }, view: null }),
    });
    const store = createPopupStore(deps);
    const cacheRead = deferred<void>();
    const unsubscribe = store.subscribe((s) => {
      if (s.mergeRequests.length === 1 && s.mergeRequests[0]!.mergeRequests.length === 0) cacheRead.resolve();
    });
    await store.getState().load();
    await cacheRead.promise;
    unsubscribe();
    expect(sendMessage).toHaveBeenCalledWith('myMergeRequests', { refresh: false });
    expect(store.getState().mergeRequests).toEqual(mergeRequests);
    expect(store.getState().problem).toBeNull();
    await store.getState().refresh(true);
    expect(sendMessage).toHaveBeenCalledWith('myMergeRequests', { refresh: true });
  });

  it('a refused merge request answer leaves the list empty without hiding the issues', async () => {
    const { deps, sendMessage } = fakeDeps();
    const base = sendMessage.getMockImplementation()!;
    sendMessage.mockImplementation(async (type: string, data: unknown) => (type === 'myMergeRequests' ? ({ ok: false, error: 'Refused.', code: 'refused' } as never) : base(type, data)));
    const store = createPopupStore(deps);
    await store.getState().load();
    expect(store.getState().mergeRequests).toEqual([]);
    expect(store.getState().assigned[0]!.issues).toHaveLength(3);
  });
});

describe('after the first screen is on screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('waits for the first contentful paint (presented), or 150 ms for a document that paints nothing', async () => {
    vi.useFakeTimers();
    let deliver: ((names: string[]) => void) | undefined;
    class FakeObserver {
      static supportedEntryTypes = ['paint'];
      constructor(callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {
        deliver = (names) => callback({ getEntriesByName: (name) => names.filter((n) => n === name) });
      }
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('PerformanceObserver', FakeObserver);
    let painted = false;
    void storageCache.afterPaint().then(() => (painted = true));
    await vi.advanceTimersByTimeAsync(50);
    deliver!(['first-paint']);
    await vi.advanceTimersByTimeAsync(1);
    expect(painted).toBe(false);
    deliver!(['first-contentful-paint']);
    await vi.advanceTimersByTimeAsync(1);
    expect(painted).toBe(true);

    let hidden = false;
    void storageCache.afterPaint().then(() => (hidden = true));
    await vi.advanceTimersByTimeAsync(149);
    expect(hidden).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(hidden).toBe(true);
  });
});
