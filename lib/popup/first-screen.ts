/**
 * The popup's own remembered state: how the user views the list, and its first screen.
 */
import { assignedCacheItem, FIRST_SCREEN_KEY, mergeRequestsCacheItem, parseOr, plainItem, todosCacheItem } from '../model/lists-cache';
import type { InstanceIssues, InstanceMergeRequests, InstanceTodos, MergeRequestRow } from '../model/protocol';
import { DEFAULT_VIEW, type FirstScreen, type InstanceNote, type PopupView } from './list-model';

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

/**
 * The merge requests that are merge requests, in groups that are groups; a copy without them (an
 * older one, or mangled) shows none until the full lists are read, as before they were kept.
 */
function mergeRequestsIn(value: unknown): { groups: InstanceMergeRequests[]; total: number } {
  const v = value as Partial<Pick<FirstScreen, 'mergeRequests' | 'mergeRequestCount'>>;
  if (!Array.isArray(v.mergeRequests) || typeof v.mergeRequestCount !== 'number') return { groups: [], total: 0 };
  const groups = v.mergeRequests.filter((g): g is InstanceMergeRequests => {
    const group = g as Partial<InstanceMergeRequests> | null;
    return typeof group?.instance?.baseUrl === 'string' && Array.isArray(group.mergeRequests) && group.mergeRequests.every(isMergeRequestRow);
  });
  return groups.length === v.mergeRequests.length ? { groups, total: v.mergeRequestCount } : { groups: [], total: 0 };
}

function isMergeRequestRow(row: unknown): row is MergeRequestRow {
  const r = row as Partial<MergeRequestRow> | null;
  return typeof r?.instanceId === 'string' && typeof r.id === 'number' && typeof r.reference === 'string' && typeof r.title === 'string' && typeof r.webUrl === 'string';
}

export const firstScreenCopy = {
  read(area = pageStorage()): FirstScreen | null {
    try {
      const value: unknown = JSON.parse(area?.getItem(FIRST_SCREEN_KEY) ?? 'null');
      if (!isFirstScreen(value)) return null;
      const mergeRequests = mergeRequestsIn(value);
      return { ...value, notes: notesIn(value.notes), mergeRequests: mergeRequests.groups, mergeRequestCount: mergeRequests.total };
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
  /** Left out by callers that do not read it (tests of the issues alone). */
  mergeRequests?: Record<string, InstanceMergeRequests>;
  /** As stored: the popup checks it (readView) before use. */
  view: unknown;
}

/** Everything the popup lists, in one storage read. */
export async function readPopupCache(): Promise<PopupCache> {
  const [assigned, todos, view, mergeRequests] = await storage.getItems([assignedCacheItem.key, todosCacheItem.key, popupViewItem.key, mergeRequestsCacheItem.key]);
  return {
    assigned: parseOr(assigned?.value, () => ({})),
    todos: parseOr(todos?.value, () => ({})),
    mergeRequests: parseOr(mergeRequests?.value, () => ({})),
    view: view?.value ?? DEFAULT_VIEW,
  };
}
