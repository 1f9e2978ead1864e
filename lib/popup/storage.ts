/**
 * What the popup keeps between openings. The lists are written only by the background (after
 * each fetch) and read by the popup itself, straight from storage, so it paints before a sleeping
 * service worker has woken up. None of it is secret. This module must stay free of other stored
 * items: importing lib/storage.ts here would run its migrations in the popup as well.
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { InstanceIssues, InstanceTodos } from '../messaging';
import { DEFAULT_VIEW, type FirstScreen, type PopupView } from './list-model';

export interface JsonItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * The lists are stored as JSON text, not as objects: Chrome converts a stored object value by
 * value on the way out (about 40 ms for 1,000 issues), while text comes in one piece and parses in
 * a few milliseconds (about 10 ms in all). The popup's first paint waits on this read.
 */
function jsonItem<T>(item: WxtStorageItem<string, Record<string, unknown>>, empty: () => T): JsonItem<T> {
  return {
    async getValue() {
      try {
        return JSON.parse(await item.getValue()) as T;
      } catch {
        return empty();
      }
    },
    setValue: (value) => item.setValue(JSON.stringify(value)),
  };
}

/** Each instance's open assigned issues, by base URL: the last good list, and the last attempt's error if it failed. */
export const assignedCacheItem = jsonItem<Record<string, InstanceIssues>>(
  storage.defineItem<string>('local:assignedCacheJson', { fallback: '{}', version: 1 }),
  () => ({}),
);

/** Each instance's pending to-dos, kept the same way. */
export const todosCacheItem = jsonItem<Record<string, InstanceTodos>>(
  storage.defineItem<string>('local:todosCacheJson', { fallback: '{}', version: 1 }),
  () => ({}),
);

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
export const popupViewItem = storage.defineItem<PopupView>('local:popupView', { fallback: DEFAULT_VIEW, version: 1 });

/** Written by the popup after each refresh; see FirstScreen. */
export const firstScreenItem = storage.defineItem<FirstScreen | null>('local:popupFirstScreen', { fallback: null, version: 1 });
