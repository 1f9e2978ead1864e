/**
 * What the popup keeps between openings. The lists are written only by the background (after
 * each fetch) and read by the popup itself, straight from storage, so it paints before a sleeping
 * service worker has woken up. None of it is secret. This module must stay free of other stored
 * items: importing lib/storage.ts here would run its migrations in the popup as well.
 */
import { storage } from 'wxt/utils/storage';
import type { InstanceIssues, InstanceMergeRequests, InstanceTodos } from './protocol';

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
export function parseOr<T>(text: unknown, empty: () => T): T {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : empty();
  } catch {
    return empty();
  }
}

export function jsonItem<T>(key: `local:${string}`, empty: () => T): JsonItem<T> {
  return {
    key,
    getValue: async () => parseOr(await storage.getItem<string>(key), empty),
    setValue: (value) => storage.setItem(key, JSON.stringify(value)),
  };
}

export function plainItem<T>(key: `local:${string}`, fallback: T): JsonItem<T> {
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

/** Each instance's open merge requests (assigned, or waiting for the user's review), kept the same way. */
export const mergeRequestsCacheItem = jsonItem<Record<string, InstanceMergeRequests>>('local:mergeRequestsCacheJson', () => ({}));

/** Drops a disconnected instance's lists. */
export async function forgetInstanceLists(baseUrl: string): Promise<void> {
  await Promise.all(
    [assignedCacheItem, todosCacheItem, mergeRequestsCacheItem].map(async (item: JsonItem<Record<string, unknown>>) => {
      const { [baseUrl]: gone, ...rest } = await item.getValue();
      if (gone !== undefined) await item.setValue(rest);
    }),
  );
}

/** Where the popup keeps its first screen (lib/popup/first-screen.ts), in the extension pages' localStorage. */
export const FIRST_SCREEN_KEY = 'timekeeper.firstScreen.v1';

/** Forgets the popup's first screen (on disconnect: it may show that GitLab's issues). */
export function clearFirstScreen(area: Pick<Storage, 'removeItem'> | undefined = typeof localStorage === 'undefined' ? undefined : localStorage): void {
  try {
    area?.removeItem(FIRST_SCREEN_KEY);
  } catch {
    // No localStorage here: nothing to forget.
  }
}

/** A list fetched at `fetchedAt` is shown without asking GitLab again while this is true. */
export const FRESH_FOR_MS = 60_000;
export function isFresh(fetchedAt: number, now: number, freshForMs = FRESH_FOR_MS): boolean {
  // A clock that went backwards (fetchedAt in the future) proves nothing: refetch.
  return fetchedAt > 0 && fetchedAt <= now && now - fetchedAt < freshForMs;
}
