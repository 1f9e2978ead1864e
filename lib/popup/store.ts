/**
 * The popup's lists (assigned issues, merge requests, to-dos) and how the user likes to see them. It paints
 * from the caches the background keeps in storage, read directly so a sleeping service worker
 * does not delay the first paint, then asks the background to refresh what is stale.
 */
import { createStore } from 'zustand/vanilla';
import { backgroundMessenger, type InstanceIssues, type InstanceMergeRequests, type InstanceTodos, type TodoRow } from '../model/protocol';
import { firstScreen, readView, rowKey, type FirstScreen, type PopupView } from './list-model';
import { firstScreenCopy, popupViewItem, readPopupCache, type PopupCache } from './first-screen';

export interface PopupDeps {
  messenger: Pick<typeof backgroundMessenger, 'sendMessage'>;
  /** Synchronous (lib/popup/storage.ts, firstScreenCopy), so the first render can show rows. */
  readFirstScreen(): FirstScreen | null;
  readCache(): Promise<PopupCache>;
  saveView(view: PopupView): Promise<void>;
  saveFirstScreen(screen: FirstScreen): void;
  /** Resolves once what was just rendered is on screen. */
  afterPaint(): Promise<void>;
}

export interface PopupState {
  assigned: InstanceIssues[];
  todos: InstanceTodos[];
  /** Open merge requests assigned to the user or waiting for the user's review. */
  mergeRequests: InstanceMergeRequests[];
  /** The top of the list as last drawn, shown until the full lists are read. */
  preview: FirstScreen | null;
  /** Whether any GitLab is connected; null until known (an empty cache proves nothing). */
  connected: boolean | null;
  view: PopupView;
  refreshing: boolean;
  /** The browser says there is no network: nothing is fetched until it is back. */
  offline: boolean;
  /** Words for a failure that is not one instance's: the background did not answer, a to-do could not be marked. */
  problem: string | null;
  /** To-dos being marked done (by rowKey), so their button waits. */
  marking: string[];
  /**
   * The first screen (set before load's first await, so a render right after shows it), then the
   * full cached lists, then a refresh from the background.
   */
  load(): Promise<void>;
  refresh(force: boolean): Promise<void>;
  setOnline(online: boolean): void;
  setView(view: PopupView): void;
  markTodoDone(todo: TodoRow): Promise<void>;
  outboxAction(action: 'retryLog' | 'discardLog', id: string): Promise<void>;
}

const UNREACHABLE = 'The extension did not answer. Close this popup and open it again.';

export const storageCache: Omit<PopupDeps, 'messenger'> = {
  readFirstScreen: () => firstScreenCopy.read(),
  readCache: readPopupCache,
  saveView: (view) => popupViewItem.setValue(view),
  saveFirstScreen: (screen) => firstScreenCopy.write(screen),
  afterPaint: () =>
    new Promise<void>((resolve) => {
      let observer: PerformanceObserver | undefined;
      const done = () => {
        clearTimeout(fallback);
        observer?.disconnect();
        resolve();
      };
      // A document that draws no frames (hidden) gets there all the same.
      const fallback = setTimeout(done, 150);
      // The first screen's frame presented (the page's first contentful paint), not only drawn:
      // on a busy machine the full lists' work, started earlier, competes with putting it on
      // screen. Where paint timing is missing, the task after an animation frame.
      if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
        observer = new PerformanceObserver((entries) => {
          if (entries.getEntriesByName('first-contentful-paint').length) setTimeout(done, 0);
        });
        observer.observe({ type: 'paint', buffered: true });
      } else {
        requestAnimationFrame(() => setTimeout(done, 0));
      }
    }),
};

export function createPopupStore(deps: PopupDeps = { messenger: backgroundMessenger, ...storageCache }) {
  return createStore<PopupState>()((set, get) => {
    /**
     * A refresh asked for while one runs: the running one may have read the lists too early, so
     * one more runs afterwards, forced if any of the asks was (a Refresh or its key must reach
     * GitLab even when a quiet refresh was already on its way).
     */
    let again: { force: boolean } | null = null;
    const saveFirstScreen = () => {
      const { assigned, todos, view, mergeRequests } = get();
      if (assigned.length) deps.saveFirstScreen(firstScreen(assigned, todos, view, mergeRequests));
    };
    return {
      assigned: [],
      todos: [],
      mergeRequests: [],
      preview: null,
      connected: null,
      view: readView(null),
      refreshing: false,
      offline: false,
      problem: null,
      marking: [],

      async load() {
        // The small first screen is read and drawn before the full lists are even asked for:
        // taking in a thousand issues would otherwise hold up the frame that shows it.
        const screen = deps.readFirstScreen();
        if (screen) {
          set({ preview: screen, view: readView(screen.view), connected: true });
          await deps.afterPaint();
        }
        try {
          const cache = await deps.readCache();
          const assigned = Object.values(cache.assigned);
          set({ assigned, todos: Object.values(cache.todos), mergeRequests: Object.values(cache.mergeRequests ?? {}), connected: assigned.length ? true : null, view: readView(cache.view), preview: null });
        } catch {
          set({ preview: null });
          // No cache to paint from: the refresh below fills the lists.
        }
        await get().refresh(false);
      },

      async refresh(force) {
        if (get().offline) return;
        if (get().refreshing) {
          again = { force: force || (again?.force ?? false) };
          return;
        }
        set({ refreshing: true });
        try {
          const [assignedReply, todosReply, mergeRequestsReply] = await Promise.all([
            deps.messenger.sendMessage('assignedIssues', { refresh: force }),
            deps.messenger.sendMessage('todos', { refresh: force }),
            deps.messenger.sendMessage('myMergeRequests', { refresh: force }),
          ]);
          const assigned = assignedReply.ok ? assignedReply.lists : [];
          const todos = todosReply.ok ? todosReply.lists : [];
          const mergeRequests = mergeRequestsReply.ok ? mergeRequestsReply.lists : [];
          set({ assigned, todos, mergeRequests, preview: null, connected: assigned.length > 0, refreshing: false, problem: get().problem === UNREACHABLE ? null : get().problem });
          saveFirstScreen();
        } catch {
          set({ refreshing: false, problem: UNREACHABLE });
        }
        if (again) {
          const next = again;
          again = null;
          await get().refresh(next.force);
        }
      },

      setOnline(online) {
        const wasOffline = get().offline;
        set({ offline: !online });
        if (online && wasOffline) void get().refresh(false);
      },

      setView(view) {
        set({ view });
        void deps.saveView(view).catch(() => undefined);
        saveFirstScreen();
      },

      async markTodoDone(todo) {
        const key = rowKey(todo);
        set({ marking: [...get().marking, key], problem: null });
        let error: string | null = null;
        try {
          const result = await deps.messenger.sendMessage('markTodoDone', { instanceId: todo.instanceId, id: todo.id });
          if (!result.ok) error = result.error;
        } catch {
          error = UNREACHABLE;
        }
        const todos = error
          ? get().todos
          : get().todos.map((g) => (g.instance.baseUrl === todo.instanceId ? { ...g, todos: g.todos.filter((t) => t.id !== todo.id) } : g));
        set({ todos, marking: get().marking.filter((k) => k !== key), problem: error });
      },

      async outboxAction(action, id) {
        set({ problem: null });
        try {
          // The new outbox reaches every view through the background's stateChanged broadcast.
          const result = await deps.messenger.sendMessage(action, { id });
          if (!result.ok) set({ problem: result.error });
        } catch {
          set({ problem: UNREACHABLE });
        }
      },
    };
  });
}

export type PopupStore = ReturnType<typeof createPopupStore>;
