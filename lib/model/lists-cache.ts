/**
 * What the popup keeps between openings. The lists are written only by the background (after
 * each fetch) and read by the popup itself, straight from storage, so it paints before a sleeping
 * service worker has woken up. None of it is secret. This module must stay free of other stored
 * items: importing lib/storage.ts here would run its migrations in the popup as well.
 */
import { storage } from 'wxt/utils/storage';
import type { InstanceIssues, InstanceTodos } from './protocol';
import { DEFAULT_VIEW, type FirstScreen, type InstanceNote, type PopupView } from '../popup/list-model';

export interface JsonItem<T> {
  readonly key: `local:${string}`;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * The items here are plain keys read with `storage.getItem(s)`, not `storage.defineItem`: a
 * defined item reads its value once when it is defined, so the popup would load the full lists
 * twice, and ahead of the small first screen it paints from.
 *
 * The lists are stored as JSON text, not as objects: Chrome converts a stored object value by
 * value on the way out (about 40 ms for 1,000 issues), while text comes in one piece and parses in
 * a few milliseconds (about 10 ms in all). The popup's first paint waits on this read.
 */
function parseOr<T>(text: unknown, empty: () => T): T {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : empty();
  } catch {
    return empty();
  }
}

function jsonItem<T>(key: `local:${string}`, empty: () => T): JsonItem<T> {
  return {
    key,
    getValue: async () => parseOr(await storage.getItem<string>(key), empty),
    setValue: (value) => storage.setItem(key, JSON.stringify(value)),
  };
}

function plainItem<T>(key: `local:${string}`, fallback: T): JsonItem<T> {
  return {
    key,
    getValue: async () => (await storage.getItem<T>(key)) ?? fallback,
    setValue: (value) => storage.setItem(key, value),
  };
}

/** Each instance's open assigned issues, by base URL: the last good list, and the last attempt's error if it failed. */
export const assignedCacheItem = jsonItem<Record<string, InstanceIssues>>('local:assignedCacheJson', () => ({}));

/** Each instance's pending to-dos, kept the same way. */
export const todosCacheItem = jsonItem<Record<string, InstanceTodos>>('local:todosCacheJson', () => ({}));

/** Drops a disconnected instance's lists. */
export async function forgetInstanceLists(baseUrl: string): Promise<void> {
  await Promise.all(
    [assignedCacheItem, todosCacheItem].map(async (item: JsonItem<Record<string, unknown>>) => {
      const { [baseUrl]: gone, ...rest } = await item.getValue();
      if (gone !== undefined) await item.setValue(rest);
    }),
  );
}

/** How the user last chose to see the list (grouped by project, or sorted). */
export const popupViewItem = plainItem<PopupView>('local:popupView', DEFAULT_VIEW);

/**
 * The first screen (see FirstScreen) lives in the extension pages' localStorage, not in extension
 * storage: localStorage answers synchronously, so the popup's very first render already has rows,
 * where an extension storage read is a round trip to the browser process that the first frame
 * waits on (3 to 15 ms measured here). Only extension pages touch it: the popup writes it after
 * each refresh, the options page clears it when a GitLab is disconnected. It copies what extension
 * storage holds, so losing it (cleared site data, no localStorage) costs the popup a frame, nothing more.
 */
const FIRST_SCREEN_KEY = 'timekeeper.firstScreen.v1';

type TextArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const pageStorage = (): TextArea | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

function isFirstScreen(value: unknown): value is FirstScreen {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof FirstScreen, unknown>>;
  return (
    typeof v.view === 'object' && v.view !== null && Array.isArray(v.entries) && typeof v.total === 'number' && typeof v.showHost === 'boolean' &&
    Array.isArray(v.todos) && typeof v.todoCount === 'number' && (v.fetchedAt === null || typeof v.fetchedAt === 'number')
  );
}

/** The notes that are notes: a mangled copy loses the rest, not its rows. */
function notesIn(value: unknown): InstanceNote[] {
  return Array.isArray(value) ? value.filter((n): n is InstanceNote => typeof (n as Partial<InstanceNote> | null)?.baseUrl === 'string') : [];
}

export const firstScreenCopy = {
  read(area = pageStorage()): FirstScreen | null {
    try {
      const value: unknown = JSON.parse(area?.getItem(FIRST_SCREEN_KEY) ?? 'null');
      return isFirstScreen(value) ? { ...value, notes: notesIn(value.notes) } : null;
    } catch {
      return null;
    }
  },
  write(screen: FirstScreen, area = pageStorage()): void {
    try {
      area?.setItem(FIRST_SCREEN_KEY, JSON.stringify(screen));
    } catch {
      // Full or unavailable: the popup reads the full lists instead.
    }
  },
  clear(area = pageStorage()): void {
    try {
      area?.removeItem(FIRST_SCREEN_KEY);
    } catch {
      // Nothing to clear.
    }
  },
};

export interface PopupCache {
  assigned: Record<string, InstanceIssues>;
  todos: Record<string, InstanceTodos>;
  /** As stored: the popup checks it (readView) before use. */
  view: unknown;
}

/** Everything the popup lists, in one storage read. */
export async function readPopupCache(): Promise<PopupCache> {
  const [assigned, todos, view] = await storage.getItems([assignedCacheItem.key, todosCacheItem.key, popupViewItem.key]);
  return {
    assigned: parseOr(assigned?.value, () => ({})),
    todos: parseOr(todos?.value, () => ({})),
    view: view?.value ?? DEFAULT_VIEW,
  };
}
