/**
 * The Timesheet's data as it travels between the background and the extension pages: the user's
 * time logs of one week per connected GitLab, and the logs this browser delivered (shown where a
 * GitLab is too old to list time logs). Types only; where they are stored: timesheet-store.ts.
 */

export type TimesheetItemKind = 'issue' | 'merge_request';

export interface TimesheetItem {
  kind: TimesheetItemKind;
  projectPath: string;
  iid: number;
  title: string;
  webUrl: string;
}

/** One of GitLab's time logs (GraphQL `timelogs`), or one this browser delivered. */
export interface TimesheetLog {
  /** `gid://gitlab/Timelog/N`, unique within its GitLab (`local:<outbox id>` for this browser's history). */
  id: string;
  /** The GitLab's base URL, e.g. `https://gitlab.com` or `https://host/gitlab`. */
  instanceId: string;
  /** ISO 8601 time, as GitLab sends it. */
  spentAt: string;
  /** Negative for a subtraction (`/spend -30m`). */
  seconds: number;
  summary: string | null;
  /** Null when GitLab gave no item (it was deleted, or is no longer visible). */
  item: TimesheetItem | null;
}

/** One GitLab's part of a week. */
export interface InstanceWeek {
  instanceId: string;
  username: string;
  /** `gitlab`: GitLab's own `timelogs`; `browser`: this GitLab cannot list them, these are what this browser logged there. */
  source: 'gitlab' | 'browser';
  logs: TimesheetLog[];
  /** Why `source` is `browser`, in words. */
  unsupported?: string;
  /** The last fetch failed: why (the logs are the last good ones, as of `fetchedAt`). */
  error: string | null;
  /** The protocol's ErrorCode for `error`. */
  errorCode?: string;
  /** When `logs` came from GitLab (epoch ms); 0: never. */
  fetchedAt: number;
  /** GitLab requests this answer took (the benchmark's figure). */
  requests?: number;
  /** Why no log here can be deleted (a read-only connection, a GitLab without `timelogDelete`); absent when they can. */
  readOnly?: string;
}

/** A week is named by its first instant and the first instant after it (epoch ms, the page's time zone). */
export interface WeekRange {
  start: number;
  end: number;
}

export const weekKey = (range: WeekRange): string => `${range.start}-${range.end}`;

/** A time log this browser delivered, kept for GitLabs that cannot list time logs. */
export interface DeliveredLog {
  /** The outbox entry's id. */
  id: string;
  instanceId: string;
  projectPath: string;
  kind: TimesheetItemKind;
  iid: number;
  title?: string;
  webUrl?: string;
  seconds: number;
  summary?: string;
  spentAt: number;
  deliveredAt: number;
}

export const HISTORY_DAYS = 90;

/** Where the Timesheet page keeps its last answers to paint in the first frame (the extension pages' localStorage). */
export const TIMESHEET_SNAPSHOT_KEY = 'timekeeper.timesheet.v1';

/** Forgets the page's kept answers (on disconnect: they show that GitLab's logs). */
export function clearTimesheetSnapshot(area: Pick<Storage, 'removeItem'> | undefined = typeof localStorage === 'undefined' ? undefined : localStorage): void {
  try {
    area?.removeItem(TIMESHEET_SNAPSHOT_KEY);
  } catch {
    // No localStorage here: nothing to forget.
  }
}
