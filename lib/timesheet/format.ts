// Words and links for the Timesheet's components, in the user's locale. Calendar
// days are formatted from their noon in UTC with `timeZone: 'UTC'`, so a day's
// name never depends on the time zone the code runs in.

import { dayToUtcNoon } from './calendar';
import type { Week } from './week';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    } catch {
      f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
    }
    formats.set(key, f);
  }
  return f;
}

/** A column header: `Mon 3` (short) and `Monday, 3 March 2025` (long), in the locale's words and order. */
export function dayLabels(day: string, locale?: string): { short: string; long: string } {
  const t = dayToUtcNoon(day);
  return {
    short: format(locale, { weekday: 'short', day: 'numeric' }).format(t),
    long: format(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(t),
  };
}

/** The week as a range: `3 – 9 Mar 2025`, `29 Dec 2025 – 4 Jan 2026`. */
export function weekRangeLabel(week: Week, locale?: string): string {
  const f = format(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const from = dayToUtcNoon(week.days[0]!.date);
  const to = dayToUtcNoon(week.days[6]!.date);
  return typeof f.formatRange === 'function' ? f.formatRange(from, to) : `${f.format(from)} – ${f.format(to)}`;
}

/** The address if it is an http(s) URL, so it can be a link; null for anything else (`javascript:` …). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
