/**
 * The popup's *Logged today*: today's and this week's totals across every connected GitLab, from
 * the Timesheet's cached week (lib/background/timesheet.ts), asked again at most once per popup
 * opening. Days are the popup's local days; the week starts on the locale's first day
 * (lib/model/first-day.ts), as on the Timesheet page.
 */
import type { Weekday } from '../model/first-day';
import type { InstanceWeek, WeekRange } from '../model/timesheet';

export type { Weekday };

/** Today and its week, as local instants (the Date constructor follows DST). */
export function todayAndWeek(now: number, firstDay: Weekday): { today: WeekRange; week: WeekRange } {
  const d = new Date(now);
  const y = d.getFullYear();
  const m = d.getMonth();
  const day = d.getDate();
  const weekday = (d.getDay() || 7) as Weekday;
  const back = (weekday - firstDay + 7) % 7;
  return {
    today: { start: new Date(y, m, day).getTime(), end: new Date(y, m, day + 1).getTime() },
    week: { start: new Date(y, m, day - back).getTime(), end: new Date(y, m, day - back + 7).getTime() },
  };
}

/** Seconds logged today and this week (subtractions count as negative; a log repeated counts once). */
export function loggedTotals(weeks: readonly InstanceWeek[], today: WeekRange, week: WeekRange): { today: number; week: number } {
  const seen = new Set<string>();
  let inToday = 0;
  let inWeek = 0;
  for (const w of weeks) {
    for (const log of w.logs) {
      const key = `${log.instanceId} ${log.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = Date.parse(log.spentAt);
      if (!(at >= week.start && at < week.end)) continue;
      inWeek += log.seconds;
      if (at >= today.start && at < today.end) inToday += log.seconds;
    }
  }
  return { today: inToday, week: inWeek };
}
