/**
 * The popup's lists (assigned issues, to-dos) and how the user likes to see them. It paints
 * from the caches the background keeps in storage, read directly so a sleeping service worker
 * does not delay the first paint, then asks the background to refresh what is stale.
 */
import { createStore } from 'zustand/vanilla';
import { backgroundMessenger, type InstanceIssues, type InstanceTodos, type TodoRow } from '../messaging';
import { firstScreen, readView, rowKey, type FirstScreen, type PopupView } from '../popup/list-model';
import { assignedCacheItem, firstScreenItem, popupViewItem, todosCacheItem } from '../popup/storage';

export interface PopupCache {
  assigned: Record<string, InstanceIssues>;
  todos: Record<string, InstanceTodos>;
  view: unknown;
}

export interface PopupDeps {
  messenger: Pick<typeof backgroundMessenger, 'sendMessage'>;
  readFirstScreen(): Promise<FirstScreen | null>;
  readCache(): Promise<PopupCache>;
  saveView(view: PopupView): Promise<void>;
  saveFirstScreen(screen: FirstScreen): Promise<void>;
}

export interface PopupState {
  assigned: InstanceIssues[];
  todos: InstanceTodos[];
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
  load(): Promise<void>;
  refresh(force: boolean): Promise<void>;
  setOnline(online: boolean): void;
  setView(view: PopupView): void;
  markTodoDone(todo: TodoRow): Promise<void>;
  outboxAction(action: 'retryLog' | 'discardLog', id: string): Promise<void>;
}

const UNREACHABLE = 'The extension did not answer. Close this popup and open it again.';

export const storageCache: Omit<PopupDeps, 'messenger'> = {
  readFirstScreen: () => firstScreenItem.getValue(),
  async readCache() {
    const [assigned, todos, view] = await Promise.all([assignedCacheItem.getValue(), todosCacheItem.getValue(), popupViewItem.getValue()]);
    return { assigned, todos, view };
  },
  saveView: (view) => popupViewItem.setValue(view),
  saveFirstScreen: (screen) => firstScreenItem.setValue(screen),
};

export function createPopupStore(deps: PopupDeps = { messenger: backgroundMessenger, ...storageCache }) {
  return createStore<PopupState>()((set, get) => {
    /** A refresh asked for while one runs: the running one may have read the lists too early. */
    let again = false;
    const saveFirstScreen = () => {
      const { assigned, todos, view } = get();
      if (assigned.length) void deps.saveFirstScreen(firstScreen(assigned, todos, view)).catch(() => undefined);
    };
    return {
      assigned: [],
      todos: [],
      preview: null,
      connected: null,
      view: readView(null),
      refreshing: false,
      offline: false,
      problem: null,
      marking: [],

      async load() {
        // Both reads start at once; the small first screen normally wins and paints first.
        let full = false;
        const first = deps.readFirstScreen().then(
          (screen) => {
            if (screen && !full) set({ preview: screen, view: readView(screen.view), connected: true });
          },
          () => undefined,
        );
        try {
          const cache = await deps.readCache();
          full = true;
          const assigned = Object.values(cache.assigned);
          // Lists already shown (a refresh that won the race) are newer than the cache.
          if (!get().assigned.length) set({ assigned, todos: Object.values(cache.todos), connected: assigned.length ? true : null });
          set({ view: readView(cache.view), preview: null });
        } catch {
          full = true;
          // No cache to paint from: the refresh below fills the lists.
        }
        await first;
        await get().refresh(false);
      },

      async refresh(force) {
        if (get().offline) return;
        if (get().refreshing) {
          again = true;
          return;
        }
        set({ refreshing: true });
        try {
          const [assigned, todos] = await Promise.all([
            deps.messenger.sendMessage('assignedIssues', { refresh: force }),
            deps.messenger.sendMessage('todos', { refresh: force }),
          ]);
          set({ assigned, todos, preview: null, connected: assigned.length > 0, refreshing: false, problem: get().problem === UNREACHABLE ? null : get().problem });
          saveFirstScreen();
        } catch {
          set({ refreshing: false, problem: UNREACHABLE });
        }
        if (again) {
          again = false;
          await get().refresh(false);
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
