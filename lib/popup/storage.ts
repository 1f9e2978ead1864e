/**
 * What the popup keeps between openings. The lists are written only by the background (after
 * each fetch) and read by the popup itself, straight from storage, so it paints before a sleeping
 * service worker has woken up. None of it is secret. This module must stay free of other stored
 * items: importing lib/storage.ts here would run its migrations in the popup as well.
 */
import { storage } from 'wxt/utils/storage';
import type { InstanceIssues, InstanceTodos } from '../messaging';
import { DEFAULT_VIEW, type PopupView } from './list-model';

/** Each instance's open assigned issues, by base URL: the last good list, and the last attempt's error if it failed. */
export const assignedCacheItem = storage.defineItem<Record<string, InstanceIssues>>('local:assignedCache', { fallback: {}, version: 1 });

/** Each instance's pending to-dos, kept the same way. */
export const todosCacheItem = storage.defineItem<Record<string, InstanceTodos>>('local:todosCache', { fallback: {}, version: 1 });

/** How the user last chose to see the list (grouped by project, or sorted). */
export const popupViewItem = storage.defineItem<PopupView>('local:popupView', { fallback: DEFAULT_VIEW, version: 1 });
