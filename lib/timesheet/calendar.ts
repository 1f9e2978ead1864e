// Local days in an IANA time zone, computed with Intl only: nothing here reads the
// process's own time zone, so a week is the same in a test runner on UTC as in the
// user's browser. A local day is written `YYYY-MM-DD` (what <input type="date">
// speaks) and compares correctly as a string.

/** ISO weekday, as `Intl.Locale#getWeekInfo()` numbers them: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const SECOND = 1000;
const HOUR_MS = 3600 * SECOND;
const DAY_MS = 24 * HOUR_MS;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` if the text names a real calendar day (1000–9999), else null. */
export function parseDay(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function partsOfDay(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function dayFromUtc(ms: number): string {
  const date = new Date(ms);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Noon UTC of a calendar day: a day's place on the calendar, free of any time zone. */
export function dayToUtcNoon(day: string): number {
  const [y, m, d] = partsOfDay(day);
  return Date.UTC(y, m - 1, d, 12);
}

/** The calendar day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return dayFromUtc(dayToUtcNoon(day) + n * DAY_MS);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToUtcNoon(b) - dayToUtcNoon(a)) / DAY_MS);
}

export function weekdayOf(day: string): Weekday {
  const sunday0 = new Date(dayToUtcNoon(day)).getUTCDay();
  return (sunday0 === 0 ? 7 : sunday0) as Weekday;
}

/** The ISO 8601 week of a day: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const year = partsOfDay(thursday)[0];
  const week = Math.floor(daysBetween(`${String(year).padStart(4, '0')}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a time zone the engine does not know. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  // Some engines wrote midnight as 24 even with h23; it is the start of the day.
  if (out.hour === 24) out.hour = 0;
  return out;
}

/** True if the engine knows this IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The time zone the browser runs in (the user's). */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The local day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDay(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / SECOND) * SECOND;
  const w = wallClock(whole, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The first instant of a local day. Usually its 00:00; where a DST change skips
 * midnight (clocks go from 23:59:59 to 01:00) it is the first instant that exists,
 * and where midnight happens twice it is the first of them.
 */
export function startOfDay(day: string, timeZone: string): number {
  const [y, m, d] = partsOfDay(day);
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  if (localDay(t, timeZone) === day && offsetAt(t, timeZone) === wall - t && localDay(t - SECOND, timeZone) < day) return t;

  // Rare: search the instants where the date can change (offsets lie within ±15h).
  let lo = Math.floor((wall - 15 * HOUR_MS) / SECOND);
  let hi = Math.ceil((wall + 15 * HOUR_MS) / SECOND);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(mid * SECOND, timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return hi * SECOND;
}
