import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstanceIssues, InstanceMergeRequests, ViewState } from '@/lib/model/protocol';
import type { Instance } from '@/lib/model/storage';
import type { ItemInfo } from '@/lib/model/item';
import { createPopupStore, type PopupDeps } from '@/lib/popup/store';
import { firstScreen } from '@/lib/popup/list-model';
import { createTimerStore } from '@/lib/model/timer-view';
import { Popup } from './Popup';

const HOME = 'https://gitlab.example.com';
const instance: Instance = { baseUrl: HOME, userId: 1, username: 'demo', name: 'Demo', avatarUrl: null, connectedAt: 1, gitlabVersion: null };
const assigned: InstanceIssues[] = [{
  instance,
  issues: [{
    instanceId: HOME, id: 2, iid: 2, projectPath: 'acme/web', reference: 'acme/web#2', title: 'Dark mode', webUrl: `${HOME}/acme/web/-/issues/2`, labels: [],
    dueDate: null, updatedAt: '2026-11-20T10:00:00Z', timeEstimate: 0, totalTimeSpent: 0, humanTimeEstimate: null, humanTotalTimeSpent: null,
  }],
  error: null,
  fetchedAt: 1,
}];
const mr = (iid: number, title: string, reviewing: boolean) => ({
  instanceId: HOME, id: 10_000 + iid, iid, projectPath: 'acme/web', reference: `acme/web!${iid}`, title, webUrl: `${HOME}/acme/web/-/merge_requests/${iid}`,
  updatedAt: `2026-11-2${iid}T10:00:00Z`, assigned: !reviewing, reviewing, timeEstimate: 14400, totalTimeSpent: 3600, humanTimeEstimate: '4h', humanTotalTimeSpent: '1h',
});
const mergeRequests: InstanceMergeRequests[] = [{ instance, mergeRequests: [mr(1, 'Add rate limiting', false), mr(2, 'Fix Safari redirect loop', true)], limit: null, error: null, fetchedAt: 1 }];

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount(overrides: Partial<PopupDeps> = {}, lists: { assigned?: unknown; todos?: unknown; mergeRequests?: unknown } = {}) {
  let state: ViewState = { timer: null, outbox: [], notice: null };
  const sendMessage = vi.fn(async (type: string, data: unknown): Promise<unknown> => {
    if (type === 'assignedIssues') return { ok: true, lists: lists.assigned ?? assigned };
    if (type === 'todos') return { ok: true, lists: lists.todos ?? [] };
    if (type === 'myMergeRequests') return { ok: true, lists: lists.mergeRequests ?? mergeRequests };
    if (type === 'getState') return { ok: true, state };
    if (type === 'startTimer') {
      const { item } = (data as { target: { item: ItemInfo } }).target;
      state = { timer: { id: 't1', item, segments: [], runningSince: 1, startedAt: 1, idle: null }, outbox: [], notice: null };
      return { ok: true, state };
    }
    if (type === 'stopTimer') {
      state = { timer: null, outbox: [], notice: null };
      return { ok: true, state };
    }
    throw new Error(`unexpected ${type}`);
  });
  const deps: PopupDeps = {
    messenger: { sendMessage } as unknown as PopupDeps['messenger'],
    readFirstScreen: () => null,
    readCache: async () => ({ assigned: {}, todos: {}, view: null }),
    saveView: async () => undefined,
    saveFirstScreen: () => undefined,
    afterPaint: async () => undefined,
    ...overrides,
  };
  const popupStore = createPopupStore(deps);
  const timerStore = createTimerStore({ sendMessage } as never, { onMessage: () => () => undefined } as never);
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(<Popup popupStore={popupStore} timerStore={timerStore} env={{ openOptions: vi.fn(), openUrl: vi.fn(), copyText: vi.fn(async () => undefined) }} />, container);
    await popupStore.getState().load();
    await timerStore.getState().load();
  });
  return { sendMessage };
}

const mrItems = () => [...container.querySelectorAll('ul[aria-label="Merge requests"] > li')].map((li) => li.getAttribute('aria-label'));

describe('the popup’s Merge requests list', () => {
  it('shows the assigned and the review merge requests, and Start timer starts on the merge request, named project!iid', async () => {
    const { sendMessage } = await mount();
    expect(mrItems()).toEqual(['Fix Safari redirect loop acme/web!2', 'Add rate limiting acme/web!1']);
    const start = container.querySelector<HTMLButtonElement>('ul[aria-label="Merge requests"] button[aria-label^="Start timer for acme/web!2"]')!;
    await act(async () => start.click());
    expect(sendMessage).toHaveBeenCalledWith('startTimer', {
      target: { item: { instanceId: HOME, projectPath: 'acme/web', kind: 'merge_request', iid: 2, title: 'Fix Safari redirect loop', webUrl: `${HOME}/acme/web/-/merge_requests/2` } },
    });
    const running = container.querySelector('section[aria-label="Running timer"]')!;
    expect(running.textContent).toContain('acme/web!2');
    // The merge request shows it runs; the issue with the same number is still startable.
    expect(container.querySelector('ul[aria-label="Merge requests"] button[aria-label^="Start timer for acme/web!2"]')).toBeNull();
    expect(container.querySelector('ul[aria-label="Assigned issues"] button[aria-label^="Start timer for acme/web#2"]')).not.toBeNull();
  });

  it('the search filters it as well as the issues', async () => {
    await mount();
    const search = container.querySelector<HTMLInputElement>('input[aria-label="Search assigned issues"]')!;
    await act(async () => {
      search.value = 'rate';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(mrItems()).toEqual(['Add rate limiting acme/web!1']);
  });
});

describe('the popup’s first frame and its notes', () => {
  it('paints the merge requests from the first screen before the cache or the background answer', async () => {
    const never = new Promise<never>(() => undefined);
    const screen = firstScreen(assigned, [], { mode: 'updated' }, mergeRequests);
    // Neither the cache nor the background ever answers: all there is, is the first screen.
    const popupStore = createPopupStore({
      messenger: { sendMessage: () => never } as unknown as PopupDeps['messenger'],
      readFirstScreen: () => screen, readCache: () => never, saveView: async () => undefined, saveFirstScreen: () => undefined, afterPaint: () => never,
    });
    const timerStore = createTimerStore({ sendMessage: () => never } as never, { onMessage: () => () => undefined } as never);
    container = document.createElement('div');
    document.body.append(container);
    void popupStore.getState().load();
    await act(async () => render(<Popup popupStore={popupStore} timerStore={timerStore} env={{ openOptions: vi.fn(), openUrl: vi.fn(), copyText: vi.fn(async () => undefined) }} />, container));
    expect(mrItems()).toEqual(['Fix Safari redirect loop acme/web!2', 'Add rate limiting acme/web!1']);
    expect(container.querySelector('#merge-requests-heading')!.textContent).toBe('Merge requests (2)');
    expect(container.querySelector('ul[aria-label="Assigned issues"] li')?.getAttribute('aria-label')).toContain('Dark mode');
  });

  it('a GitLab whose token was revoked says so once, not once per list', async () => {
    const gone = { error: `${HOME} is not connected any more. Connect it again in the options.`, errorCode: 'not-connected', fetchedAt: 0 };
    await mount({}, {
      assigned: [{ instance, issues: [], ...gone }],
      todos: [{ instance, todos: [], ...gone }],
      mergeRequests: [{ instance, mergeRequests: [], limit: null, ...gone }],
    });
    expect(container.textContent!.split('is not connected any more')).toHaveLength(2);
    expect([...container.querySelectorAll('button')].filter((b) => b.textContent === 'Reconnect gitlab.example.com')).toHaveLength(1);
  });
});

describe('the popup’s keys on merge request rows', () => {
  const press = (key: string) => act(async () => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
  const current = () => container.querySelector('li[aria-current="true"]')?.getAttribute('aria-label') ?? null;

  it('j and k move between merge requests and issues as one column; s starts and stops the timer on the merge request', async () => {
    const { sendMessage } = await mount();
    // From nothing, j lands on the first issue as before; k goes up into the merge requests above.
    await press('j');
    expect(current()).toBe('Dark mode acme/web#2');
    await press('k');
    expect(current()).toBe('Add rate limiting acme/web!1');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Add rate limiting acme/web!1');
    await press('k');
    expect(current()).toBe('Fix Safari redirect loop acme/web!2');
    await press('k');
    expect(current()).toBe('Fix Safari redirect loop acme/web!2');
    await press('j');
    expect(current()).toBe('Add rate limiting acme/web!1');

    await press('s');
    expect(sendMessage).toHaveBeenCalledWith('startTimer', {
      target: { item: { instanceId: HOME, projectPath: 'acme/web', kind: 'merge_request', iid: 1, title: 'Add rate limiting', webUrl: `${HOME}/acme/web/-/merge_requests/1` } },
    });
    expect(container.querySelector('section[aria-label="Running timer"]')!.textContent).toContain('acme/web!1');
    await press('s');
    expect(sendMessage.mock.calls.filter(([type]) => type === 'stopTimer')).toHaveLength(1);
    expect(sendMessage.mock.calls.filter(([type]) => type === 'startTimer')).toHaveLength(1);
  });

  it('s on an issue row still starts the issue, never the merge request with the same number', async () => {
    const { sendMessage } = await mount();
    await press('j');
    await press('s');
    const starts = sendMessage.mock.calls.filter(([type]) => type === 'startTimer');
    expect(starts.map(([, data]) => (data as { target: { item: ItemInfo } }).target.item.kind)).toEqual(['issue']);
  });

  it('a click on a merge request row selects it for the keys', async () => {
    await mount();
    const row = container.querySelector<HTMLElement>('ul[aria-label="Merge requests"] > li[aria-label="Fix Safari redirect loop acme/web!2"]')!;
    await act(async () => row.click());
    expect(current()).toBe('Fix Safari redirect loop acme/web!2');
    await press('j');
    expect(current()).toBe('Add rate limiting acme/web!1');
    await press('End');
    expect(current()).toBe('Dark mode acme/web#2');
    await press('Home');
    expect(current()).toBe('Fix Safari redirect loop acme/web!2');
  });
});
