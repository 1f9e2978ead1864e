/**
 * Where the Timesheet's data is kept: the last answer per week, and the logs this browser
 * delivered. JSON text (see lists-cache.ts for why), written only by the background.
 */
import { jsonItem } from './lists-cache';
import type { DeliveredLog, InstanceWeek } from './timesheet';

/** The last answer per week (by `weekKey`), newest weeks kept. */
export const timesheetCacheItem = jsonItem<Record<string, { at: number; weeks: InstanceWeek[] }>>('local:timesheetCacheJson', () => ({}));

/** How many weeks the cache keeps. */
export const CACHED_WEEKS = 12;

export const loggedHistoryItem = jsonItem<DeliveredLog[]>('local:loggedHistoryJson', () => []);

/** A disconnected GitLab's weeks and history go with it. */
export async function forgetInstanceTimesheet(baseUrl: string): Promise<void> {
  const [cache, history] = await Promise.all([timesheetCacheItem.getValue(), loggedHistoryItem.getValue()]);
  const weeks = Object.fromEntries(Object.entries(cache).map(([key, entry]) => [key, { ...entry, weeks: entry.weeks.filter((w) => w.instanceId !== baseUrl) }]));
  await Promise.all([timesheetCacheItem.setValue(weeks), loggedHistoryItem.setValue(history.filter((e) => e.instanceId !== baseUrl))]);
}
