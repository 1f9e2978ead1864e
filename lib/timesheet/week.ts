// The Timesheet's week: which seven local days it shows, and the table of the
// user's time logs in them. Pure: no storage, no messaging, no clock unless passed.
//
// Days are the user's local days in an IANA time zone, so a log belongs to the
// day the user lived it, whatever time zone the code runs in. A day runs from its
// first instant (usually 00:00) up to, not including, the next day's; DST days are
// 23 or 25 hours long. A week is seven such days from the locale's first weekday.
//
// Order of the table (stable, so the page never reshuffles under the user):
// - GitLabs by name (host and sub-path, `gitlab.com`), then projects by full path,
//   both compared numerically and case-insensitively (`team2` before `team10`);
// - within a project, issues before merge requests (the reference `#` before `!`),
//   each by iid ascending. Titles change and repeat; the reference number does not,
//   and it is the order GitLab itself lists by reference;
// - logs whose item GitLab no longer returns (`item: null`) last in their GitLab,
//   as one row "(deleted item)";
// - within a cell, logs by time, then id.
//
// Cost: one pass over the logs (O(n), no Intl per log: a log's day is found from
// the week's eight day boundaries), then sorting the groups and rows.

import { parseGitLabDuration } from '@/lib/gitlab/duration';
import { addDays, localDay, parseDay, startOfDay, weekdayOf, type Weekday } from './calendar';

export type { Weekday } from './calendar';

export type { TimesheetItem, TimesheetLog, TimesheetItemKind as ItemKind } from '@/lib/model/timesheet';
import type { TimesheetItem, TimesheetItemKind as ItemKind, TimesheetLog } from '@/lib/model/timesheet';
import { t } from '@/lib/model/i18n';

export interface WeekOptions {
  /** 1 = Monday … 7 = Sunday; see `firstDayOfWeek`. */
  firstDay: Weekday;
  /** IANA time zone of the user's days, e.g. `Europe/Berlin`. */
  timeZone: string;
}

export interface LocalDay {
  /** `YYYY-MM-DD` */
  date: string;
  weekday: Weekday;
  /** First instant of the day (epoch ms), inclusive. */
  start: number;
  /** First instant of the next day (epoch ms), exclusive. */
  end: number;
}

export interface Week extends WeekOptions {
  /** First instant of the first day (epoch ms), inclusive. */
  start: number;
  /** First instant after the last day (epoch ms), exclusive. */
  end: number;
  /** The seven local days, in order. */
  days: readonly LocalDay[];
}

/** The week that holds an instant, in the user's days. Throws RangeError for an unknown time zone. */
export function weekOf(date: Date | number, opts: WeekOptions): Week {
  const instant = typeof date === 'number' ? date : date.getTime();
  if (!Number.isFinite(instant)) throw new RangeError('Not a date');
  return weekOfDay(localDay(instant, opts.timeZone), opts);
}

/** The week that holds a local day (`YYYY-MM-DD`, as a date input gives it). */
export function weekOfDay(day: string, opts: WeekOptions): Week {
  const valid = parseDay(day);
  if (valid === null) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  const back = (weekdayOf(valid) - opts.firstDay + 7) % 7;
  const first = addDays(valid, -back);
  const starts = Array.from({ length: 8 }, (_, i) => startOfDay(addDays(first, i), opts.timeZone));
  const days = Array.from({ length: 7 }, (_, i): LocalDay => {
    const date = addDays(first, i);
    return { date, weekday: weekdayOf(date), start: starts[i]!, end: starts[i + 1]! };
  });
  return { firstDay: opts.firstDay, timeZone: opts.timeZone, start: starts[0]!, end: starts[7]!, days };
}

export function thisWeek(opts: WeekOptions, now: number = Date.now()): Week {
  return weekOf(now, opts);
}

export function previousWeek(week: Week): Week {
  return weekOfDay(addDays(week.days[0]!.date, -7), week);
}

export function nextWeek(week: Week): Week {
  return weekOfDay(addDays(week.days[0]!.date, 7), week);
}

export function sameWeek(a: Week, b: Week): boolean {
  return a.start === b.start && a.end === b.end && a.timeZone === b.timeZone;
}

/** Which of the week's days (0–6) an instant falls on; -1 outside the week. */
export function dayIndexOf(week: Week, instant: number): number {
  if (!(instant >= week.start && instant < week.end)) return -1;
  const days = week.days;
  for (let i = 0; i < days.length; i += 1) if (instant < days[i]!.end) return i;
  return -1;
}

/** The instant of a GitLab time, or NaN when it is not a time. */
export function instantOf(spentAt: string): number {
  return typeof spentAt === 'string' ? Date.parse(spentAt) : Number.NaN;
}

/** `group/project#12` for an issue, `group/project!7` for a merge request. */
export function referenceOf(item: Pick<TimesheetItem, 'kind' | 'projectPath' | 'iid'>): string {
  return `${item.projectPath}${item.kind === 'merge_request' ? '!' : '#'}${item.iid}`;
}

/** A GitLab's short name: `gitlab.com`, `host:8443/gitlab`. */
export function instanceLabel(instanceId: string): string {
  try {
    const url = new URL(instanceId);
    return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return instanceId;
  }
}

function instanceKey(instanceId: string): string {
  return instanceId.replace(/\/+$/, '');
}

/** The title of a log whose item is gone, in the CSV (a data format: it stays English); the table says it in the user's language. */
export const DELETED_ITEM = '(deleted item)';

// ---------------------------------------------------------------------------
// The table

export interface DayCell {
  /** Sum of the cell's logs; negative logs count as negative. */
  seconds: number;
  /** The logs of this item on this day, by time. */
  logs: TimesheetLog[];
}

export interface ItemRow {
  /** Unique in the table: the GitLab, the kind, the project and the iid. */
  key: string;
  instanceId: string;
  /** Null for the "(deleted item)" row. */
  item: TimesheetItem | null;
  /** `project#iid` / `project!iid`; null for the "(deleted item)" row. */
  reference: string | null;
  /** The item's title, or "(deleted item)". */
  title: string;
  /** Seven cells, one per day of the week. */
  cells: DayCell[];
  total: number;
}

export interface ProjectGroup {
  key: string;
  /** Null for the "(deleted item)" group. */
  projectPath: string | null;
  /** The project's full path, or "(deleted item)". */
  name: string;
  rows: ItemRow[];
  dayTotals: number[];
  total: number;
}

export interface InstanceGroup {
  /** The base URL as the first log in it spelled it. */
  instanceId: string;
  /** `gitlab.com` */
  name: string;
  projects: ProjectGroup[];
  dayTotals: number[];
  total: number;
}

export interface WeekTable {
  week: Week;
  /** GitLabs by name, with per-GitLab day totals and total. */
  groups: InstanceGroup[];
  /** Seven sums over every GitLab. */
  dayTotals: number[];
  /** The week total. */
  total: number;
  /** Per day: more time logged than the day has (24h; 23h/25h on DST days). The sums stay as logged. */
  overfull: boolean[];
  /** The logs in the week, once each, in input order. */
  logs: TimesheetLog[];
  /** Logs left out: outside the week, a time or duration that is not a number, or a repeated id. */
  ignored: number;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Numeric, case-insensitive; ties broken by code units so the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const KIND_ORDER: Readonly<Record<ItemKind, number>> = { issue: 0, merge_request: 1 };

function compareRows(a: ItemRow, b: ItemRow): number {
  if (!a.item || !b.item) return a.item ? -1 : b.item ? 1 : 0;
  return KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || a.item.iid - b.item.iid;
}

const zeros = (): number[] => [0, 0, 0, 0, 0, 0, 0];

interface Building {
  instances: Map<string, { group: InstanceGroup; projects: Map<string, { group: ProjectGroup; rows: Map<string, ItemRow> }> }>;
}

function rowFor(b: Building, log: TimesheetLog): { instance: InstanceGroup; project: ProjectGroup; row: ItemRow } {
  const iKey = instanceKey(log.instanceId);
  let instance = b.instances.get(iKey);
  if (!instance) {
    instance = {
      group: { instanceId: log.instanceId, name: instanceLabel(iKey), projects: [], dayTotals: zeros(), total: 0 },
      projects: new Map(),
    };
    b.instances.set(iKey, instance);
  }
  const item = log.item;
  const pKey = item ? `p ${item.projectPath}` : 'deleted';
  let project = instance.projects.get(pKey);
  if (!project) {
    project = {
      group: { key: `${iKey} ${pKey}`, projectPath: item ? item.projectPath : null, name: item ? item.projectPath : t('deletedItem'), rows: [], dayTotals: zeros(), total: 0 },
      rows: new Map(),
    };
    instance.projects.set(pKey, project);
  }
  const rKey = item ? `${item.kind} ${item.iid}` : 'deleted';
  let row = project.rows.get(rKey);
  if (!row) {
    row = {
      key: `${iKey} ${pKey} ${rKey}`,
      instanceId: log.instanceId,
      item,
      reference: item ? referenceOf(item) : null,
      title: item ? item.title : t('deletedItem'),
      cells: Array.from({ length: 7 }, () => ({ seconds: 0, logs: [] })),
      total: 0,
    };
    project.rows.set(rKey, row);
  }
  return { instance: instance.group, project: project.group, row };
}

/**
 * The table of a week: the logs in it grouped by GitLab, project and item, a
 * cell per day, and every total. Logs outside the week are ignored; a log
 * repeated (same GitLab and id) counts once.
 */
export function buildWeek(logs: readonly TimesheetLog[], week: Week): WeekTable {
  const b: Building = { instances: new Map() };
  const dayTotals = zeros();
  const kept: TimesheetLog[] = [];
  const seen = new Set<string>();
  const times = new Map<TimesheetLog, number>();
  let total = 0;
  let ignored = 0;

  for (const log of logs) {
    const t = instantOf(log.spentAt);
    const day = dayIndexOf(week, t);
    const seenKey = `${instanceKey(log.instanceId)} ${log.id}`;
    if (day < 0 || !Number.isFinite(log.seconds) || seen.has(seenKey)) {
      ignored += 1;
      continue;
    }
    seen.add(seenKey);
    kept.push(log);
    times.set(log, t);
    const { instance, project, row } = rowFor(b, log);
    const cell = row.cells[day]!;
    cell.seconds += log.seconds;
    cell.logs.push(log);
    row.total += log.seconds;
    project.dayTotals[day]! += log.seconds;
    project.total += log.seconds;
    instance.dayTotals[day]! += log.seconds;
    instance.total += log.seconds;
    dayTotals[day]! += log.seconds;
    total += log.seconds;
  }

  const byTime = (x: TimesheetLog, y: TimesheetLog) => times.get(x)! - times.get(y)! || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const groups = [...b.instances.values()].map(({ group, projects }) => {
    group.projects = [...projects.values()].map(({ group: project, rows }) => {
      project.rows = [...rows.values()].sort(compareRows);
      for (const row of project.rows) for (const cell of row.cells) if (cell.logs.length > 1) cell.logs.sort(byTime);
      return project;
    });
    group.projects.sort((x, y) => (x.projectPath === null ? 1 : y.projectPath === null ? -1 : compareNames(x.projectPath, y.projectPath)));
    return group;
  });
  groups.sort((x, y) => compareNames(x.name, y.name) || compareNames(x.instanceId, y.instanceId));

  const overfull = week.days.map((day, i) => dayTotals[i]! * 1000 > day.end - day.start);
  return { week, groups, dayTotals, total, overfull, logs: kept, ignored };
}

// ---------------------------------------------------------------------------
// The daily target of the chart

/** A working day as GitLab counts it (1d = 8h). */
export const DEFAULT_DAY_TARGET_SECONDS = 8 * 3600;
const MAX_DAY_TARGET_SECONDS = 24 * 3600;

/**
 * The daily target from a setting: seconds (a number), or GitLab's words (`7h 30m`).
 * Anything missing, not positive or over 24h gives the default, 8h.
 */
export function dayTargetSeconds(setting: unknown): number {
  let seconds: number | null = null;
  if (typeof setting === 'number') seconds = setting;
  else if (typeof setting === 'string') {
    const parsed = parseGitLabDuration(setting);
    seconds = parsed.ok ? parsed.seconds : null;
  }
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_DAY_TARGET_SECONDS) return DEFAULT_DAY_TARGET_SECONDS;
  return Math.round(seconds);
}

export interface ChartBar {
  day: LocalDay;
  seconds: number;
  /** Bar height as a share of the chart's height, 0–1 (a negative day draws no bar). */
  height: number;
  /** The day reached the target. */
  reached: boolean;
}

export interface DayChart {
  bars: ChartBar[];
  target: number;
  /** The target line's height as a share of the chart's height, 0–1. */
  targetHeight: number;
  /** Seconds at the top of the chart: the larger of the target and the longest day, plus headroom. */
  scale: number;
}

/** What the chart draws: the seven days against the daily target. */
export function dayChart(week: Week, dayTotals: readonly number[], target: number = DEFAULT_DAY_TARGET_SECONDS): DayChart {
  const goal = dayTargetSeconds(target);
  const longest = Math.max(0, ...dayTotals.map((s) => (Number.isFinite(s) ? s : 0)));
  const scale = Math.max(goal, longest) * 1.1;
  const bars = week.days.map((day, i): ChartBar => {
    const seconds = dayTotals[i] ?? 0;
    return { day, seconds, height: Math.max(0, Math.min(1, seconds / scale)) || 0, reached: seconds >= goal };
  });
  return { bars, target: goal, targetHeight: goal / scale, scale };
}
