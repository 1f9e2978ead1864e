import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAY_TARGET_SECONDS,
  DELETED_ITEM,
  buildWeek,
  dayChart,
  dayIndexOf,
  dayTargetSeconds,
  instanceLabel,
  nextWeek,
  previousWeek,
  referenceOf,
  sameWeek,
  thisWeek,
  weekOf,
  weekOfDay,
  type TimesheetItem,
  type TimesheetLog,
  type WeekOptions,
} from './week';

const H = 3600;
const BERLIN: WeekOptions = { firstDay: 1, timeZone: 'Europe/Berlin' };
const NEW_YORK: WeekOptions = { firstDay: 7, timeZone: 'America/New_York' };
const TOKYO: WeekOptions = { firstDay: 1, timeZone: 'Asia/Tokyo' };

const dates = (w: { days: readonly { date: string }[] }) => w.days.map((d) => d.date);
const iso = (ms: number) => new Date(ms).toISOString();

let nextId = 1;
function item(projectPath: string, iid: number, kind: TimesheetItem['kind'] = 'issue', title = `Item ${iid}`): TimesheetItem {
  const route = kind === 'issue' ? 'issues' : 'merge_requests';
  return { kind, projectPath, iid, title, webUrl: `https://gitlab.com/${projectPath}/-/${route}/${iid}` };
}
function log(spentAt: string, seconds: number, it: TimesheetItem | null, instanceId = 'https://gitlab.com', summary: string | null = null): TimesheetLog {
  return { id: `gid://gitlab/Timelog/${nextId++}`, instanceId, spentAt, seconds, summary, item: it };
}

describe('weekOf', () => {
  it('starts on Monday where the locale says so', () => {
    const w = weekOf(Date.parse('2025-03-05T12:00:00Z'), BERLIN);
    expect(dates(w)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09']);
    expect(w.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(iso(w.start)).toBe('2025-03-02T23:00:00.000Z');
    expect(iso(w.end)).toBe('2025-03-09T23:00:00.000Z');
  });

  it('starts on Sunday or Saturday where the locale says so', () => {
    expect(dates(weekOfDay('2025-03-05', { firstDay: 7, timeZone: 'UTC' }))[0]).toBe('2025-03-02');
    expect(dates(weekOfDay('2025-03-05', { firstDay: 6, timeZone: 'Africa/Cairo' }))[0]).toBe('2025-03-01');
    expect(dates(weekOfDay('2025-03-08', { firstDay: 6, timeZone: 'Africa/Cairo' }))[0]).toBe('2025-03-08');
    expect(dates(weekOfDay('2025-03-07', { firstDay: 6, timeZone: 'Africa/Cairo' }))[6]).toBe('2025-03-07');
  });

  it('puts one instant in the local day of the user, west or east of UTC', () => {
    const t = Date.parse('2025-03-03T02:00:00Z'); // Sunday 21:00 in New York, Monday 11:00 in Tokyo
    expect(dates(weekOf(t, { firstDay: 1, timeZone: 'America/New_York' }))[0]).toBe('2025-02-24');
    expect(dates(weekOf(t, TOKYO))[0]).toBe('2025-03-03');
    expect(dates(weekOf(new Date(t), NEW_YORK))[0]).toBe('2025-03-02');
  });

  it('has a 23-hour day in the week clocks go forward and a 25-hour day when they go back', () => {
    const spring = weekOfDay('2025-03-09', NEW_YORK);
    expect(spring.days[0]!.date).toBe('2025-03-09');
    expect((spring.days[0]!.end - spring.days[0]!.start) / H / 1000).toBe(23);
    expect((spring.end - spring.start) / H / 1000).toBe(7 * 24 - 1);
    const autumn = weekOfDay('2025-10-26', BERLIN);
    expect((autumn.days[6]!.end - autumn.days[6]!.start) / H / 1000).toBe(25);
    expect((autumn.end - autumn.start) / H / 1000).toBe(7 * 24 + 1);
  });

  it('crosses a month end and a year end (ISO week 53)', () => {
    expect(dates(weekOfDay('2025-04-02', BERLIN))).toEqual(['2025-03-31', '2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-05', '2025-04-06']);
    expect(dates(weekOfDay('2020-12-31', BERLIN))).toEqual(['2020-12-28', '2020-12-29', '2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02', '2021-01-03']);
    expect(dates(weekOfDay('2021-01-02', NEW_YORK))).toEqual(['2020-12-27', '2020-12-28', '2020-12-29', '2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02']);
  });

  it('refuses a day that does not exist and an unknown time zone', () => {
    expect(() => weekOfDay('2025-02-30', BERLIN)).toThrow(RangeError);
    expect(() => weekOf(Number.NaN, BERLIN)).toThrow(RangeError);
    expect(() => weekOf(0, { firstDay: 1, timeZone: 'Nowhere/Town' })).toThrow(RangeError);
  });
});

describe('week navigation', () => {
  it('moves a week back and forth, across DST and a year end', () => {
    const w = weekOfDay('2025-03-05', NEW_YORK);
    expect(dates(nextWeek(w))[0]).toBe('2025-03-09');
    expect(dates(previousWeek(w))[0]).toBe('2025-02-23');
    expect(sameWeek(previousWeek(nextWeek(w)), w)).toBe(true);
    expect(nextWeek(w).start).toBe(w.end);
    const dec = weekOfDay('2025-12-24', BERLIN);
    expect(dates(nextWeek(dec))).toContain('2026-01-01');
    expect(dates(nextWeek(nextWeek(dec)))[0]).toBe('2026-01-05');
  });

  it('goes to this week from a given now', () => {
    const w = thisWeek(BERLIN, Date.parse('2025-03-09T22:59:59Z'));
    expect(dates(w)[0]).toBe('2025-03-03');
    expect(dates(thisWeek(BERLIN, Date.parse('2025-03-09T23:00:00Z')))[0]).toBe('2025-03-10');
  });

  it('finds the day of an instant: start inclusive, end exclusive', () => {
    const w = weekOfDay('2025-03-05', BERLIN);
    expect(dayIndexOf(w, w.start)).toBe(0);
    expect(dayIndexOf(w, w.start - 1)).toBe(-1);
    expect(dayIndexOf(w, w.days[1]!.start)).toBe(1);
    expect(dayIndexOf(w, w.days[1]!.start - 1)).toBe(0);
    expect(dayIndexOf(w, w.end - 1)).toBe(6);
    expect(dayIndexOf(w, w.end)).toBe(-1);
    expect(dayIndexOf(w, Number.NaN)).toBe(-1);
  });
});

describe('referenceOf and instanceLabel', () => {
  it('writes GitLab references', () => {
    expect(referenceOf(item('group/sub/project', 12))).toBe('group/sub/project#12');
    expect(referenceOf(item('group/project', 7, 'merge_request'))).toBe('group/project!7');
  });

  it('names a GitLab by host and sub-path', () => {
    expect(instanceLabel('https://gitlab.com')).toBe('gitlab.com');
    expect(instanceLabel('https://git.example.org:8443/gitlab/')).toBe('git.example.org:8443/gitlab');
    expect(instanceLabel('not a url')).toBe('not a url');
  });
});

describe('buildWeek', () => {
  const week = weekOfDay('2025-03-05', BERLIN); // Mon 3 – Sun 9 March 2025, Berlin (+01:00)

  it('puts each log in its local day and sums rows, days and the week', () => {
    const a = item('acme/web', 1);
    const t = buildWeek(
      [
        log('2025-03-03T08:00:00Z', 2 * H, a),
        log('2025-03-03T13:00:00+01:00', 30 * 60, a),
        log('2025-03-05T09:00:00Z', H, a),
        log('2025-03-09T22:30:00Z', 15 * 60, a), // 23:30 Sunday in Berlin
      ],
      week,
    );
    const row = t.groups[0]!.projects[0]!.rows[0]!;
    expect(row.cells.map((c) => c.seconds)).toEqual([2.5 * H, 0, H, 0, 0, 0, 15 * 60]);
    expect(row.cells[0]!.logs).toHaveLength(2);
    expect(row.total).toBe(3.75 * H);
    expect(row.reference).toBe('acme/web#1');
    expect(t.dayTotals).toEqual([2.5 * H, 0, H, 0, 0, 0, 15 * 60]);
    expect(t.total).toBe(3.75 * H);
    expect(t.groups[0]!.total).toBe(3.75 * H);
    expect(t.ignored).toBe(0);
    expect(t.logs).toHaveLength(4);
  });

  it('counts a log exactly at local midnight in the day it starts, and one at the week end in no day', () => {
    const a = item('acme/web', 1);
    const t = buildWeek(
      [
        log('2025-03-02T23:00:00Z', H, a), // Monday 00:00 Berlin: the week's first instant
        log('2025-03-03T23:00:00Z', 2 * H, a), // Tuesday 00:00
        log('2025-03-03T22:59:59Z', 3 * H, a), // Monday 23:59:59
        log('2025-03-09T23:00:00Z', 4 * H, a), // next Monday 00:00: outside
        log('2025-03-02T22:59:59Z', 5 * H, a), // the Sunday before: outside
      ],
      week,
    );
    expect(t.dayTotals.slice(0, 2)).toEqual([4 * H, 2 * H]);
    expect(t.total).toBe(6 * H);
    expect(t.ignored).toBe(2);
  });

  it('uses the local days of a zone west of UTC and one east of it', () => {
    const a = item('acme/web', 1);
    const logs = [log('2025-03-04T03:00:00Z', H, a)]; // Mon 22:00 in New York, Tue 12:00 in Tokyo
    expect(buildWeek(logs, weekOfDay('2025-03-04', { firstDay: 1, timeZone: 'America/New_York' })).dayTotals[0]).toBe(H);
    expect(buildWeek(logs, weekOfDay('2025-03-04', TOKYO)).dayTotals[1]).toBe(H);
  });

  it('sums the days of a DST week by their local days (23h and 25h days)', () => {
    const w = weekOfDay('2025-10-26', BERLIN); // Sunday 26 October has 25 hours
    const a = item('acme/web', 1);
    const t = buildWeek(
      [
        log('2025-10-26T00:30:00+02:00', H, a), // before the change
        log('2025-10-26T23:30:00+01:00', H, a), // after it, same local day
        log('2025-10-20T00:00:00+02:00', H, a), // Monday midnight, summer time
      ],
      w,
    );
    expect(t.dayTotals).toEqual([H, 0, 0, 0, 0, 0, 2 * H]);
    expect(t.overfull).toEqual([false, false, false, false, false, false, false]);
  });

  it('keeps a week across a year end in one table', () => {
    const w = weekOfDay('2020-12-31', BERLIN);
    const a = item('acme/web', 1);
    const t = buildWeek([log('2020-12-31T22:59:00Z', H, a), log('2020-12-31T23:00:00Z', 2 * H, a)], w);
    expect(t.dayTotals).toEqual([0, 0, 0, H, 2 * H, 0, 0]);
  });

  it('flags a day with more logged than it has hours, and keeps the sum as logged', () => {
    const t = buildWeek(
      [
        log('2025-03-04T08:00:00Z', 20 * H, item('acme/web', 1)),
        log('2025-03-04T09:00:00Z', 6 * H, item('acme/web', 2)),
        log('2025-03-05T09:00:00Z', 24 * H, item('acme/web', 2)),
      ],
      week,
    );
    expect(t.dayTotals[1]).toBe(26 * H);
    expect(t.overfull).toEqual([false, true, false, false, false, false, false]);
    const spring = weekOfDay('2025-03-30', BERLIN); // 23-hour Sunday
    expect(buildWeek([log('2025-03-30T12:00:00Z', 23.5 * H, item('acme/web', 1))], spring).overfull[6]).toBe(true);
  });

  it('counts negative logs (subtractions) as negative', () => {
    const a = item('acme/web', 1);
    const t = buildWeek([log('2025-03-04T08:00:00Z', 2 * H, a), log('2025-03-04T10:00:00Z', -30 * 60, a), log('2025-03-06T10:00:00Z', -H, a)], week);
    const row = t.groups[0]!.projects[0]!.rows[0]!;
    expect(row.cells[1]!.seconds).toBe(1.5 * H);
    expect(row.cells[3]!.seconds).toBe(-H);
    expect(row.total).toBe(0.5 * H);
    expect(t.total).toBe(0.5 * H);
  });

  it('groups by GitLab then project, sorted by name, and orders issues before merge requests by number', () => {
    const t = buildWeek(
      [
        log('2025-03-04T08:00:00Z', H, item('acme/web', 12)),
        log('2025-03-04T08:00:00Z', H, item('acme/web', 7, 'merge_request')),
        log('2025-03-04T08:00:00Z', H, item('acme/web', 3)),
        log('2025-03-04T08:00:00Z', H, item('acme/web', 1, 'merge_request')),
        log('2025-03-04T08:00:00Z', H, item('acme/team10', 1)),
        log('2025-03-04T08:00:00Z', H, item('Acme/team2', 1)),
        log('2025-03-04T08:00:00Z', H, item('acme/api', 1)),
        log('2025-03-04T08:00:00Z', H, item('z/last', 1), 'https://gitlab.example.org'),
        log('2025-03-04T08:00:00Z', H, item('a/first', 1), 'https://code.example.org/gitlab'),
      ],
      week,
    );
    expect(t.groups.map((g) => g.name)).toEqual(['code.example.org/gitlab', 'gitlab.com', 'gitlab.example.org']);
    const com = t.groups[1]!;
    expect(com.projects.map((p) => p.name)).toEqual(['acme/api', 'Acme/team2', 'acme/team10', 'acme/web']);
    expect(com.projects[3]!.rows.map((r) => r.reference)).toEqual(['acme/web#3', 'acme/web#12', 'acme/web!1', 'acme/web!7']);
    expect(com.total).toBe(7 * H);
    expect(com.projects[3]!.total).toBe(4 * H);
    expect(com.dayTotals[1]).toBe(7 * H);
  });

  it('keeps apart two GitLabs that share a project path', () => {
    const t = buildWeek(
      [
        log('2025-03-04T08:00:00Z', H, item('acme/web', 1), 'https://gitlab.com'),
        log('2025-03-04T08:00:00Z', 2 * H, item('acme/web', 1), 'https://gitlab.example.org'),
        log('2025-03-05T08:00:00Z', 3 * H, item('acme/web', 1), 'https://gitlab.com/'),
      ],
      week,
    );
    expect(t.groups).toHaveLength(2);
    expect(t.groups.map((g) => [g.name, g.total])).toEqual([
      ['gitlab.com', 4 * H],
      ['gitlab.example.org', 2 * H],
    ]);
    const keys = t.groups.flatMap((g) => g.projects.flatMap((p) => p.rows.map((r) => r.key)));
    expect(new Set(keys).size).toBe(2);
  });

  it('groups logs without an item as "(deleted item)", last in their GitLab', () => {
    const t = buildWeek(
      [
        log('2025-03-04T08:00:00Z', H, null),
        log('2025-03-05T08:00:00Z', H, null),
        log('2025-03-04T08:00:00Z', H, item('zzz/last', 1)),
      ],
      week,
    );
    const projects = t.groups[0]!.projects;
    expect(projects.map((p) => p.name)).toEqual(['zzz/last', DELETED_ITEM]);
    expect(projects[1]!.projectPath).toBeNull();
    expect(projects[1]!.rows).toHaveLength(1);
    expect(projects[1]!.rows[0]!).toMatchObject({ item: null, reference: null, title: DELETED_ITEM, total: 2 * H });
  });

  it('orders the logs of a cell by time, and counts a repeated log once', () => {
    const a = item('acme/web', 1);
    const late = log('2025-03-04T15:00:00Z', H, a);
    const early = log('2025-03-04T07:00:00Z', H, a);
    const t = buildWeek([late, early, late, { ...late, instanceId: 'https://gitlab.com/' }], week);
    expect(t.groups[0]!.projects[0]!.rows[0]!.cells[1]!.logs).toEqual([early, late]);
    expect(t.total).toBe(2 * H);
    expect(t.ignored).toBe(2);
  });

  it('ignores a log whose time or duration is not a number', () => {
    const a = item('acme/web', 1);
    const t = buildWeek([log('yesterday', H, a), log('2025-03-04T08:00:00Z', Number.NaN, a)], week);
    expect(t.groups).toEqual([]);
    expect(t.ignored).toBe(2);
    expect(t.dayTotals).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('builds 1,000 logs over 3 GitLabs with the right totals', () => {
    const instances = ['https://gitlab.com', 'https://gitlab.example.org', 'https://code.example.org/gitlab'];
    const logs: TimesheetLog[] = [];
    const expected = { total: 0, days: [0, 0, 0, 0, 0, 0, 0], byInstance: new Map<string, number>() };
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 1000; i += 1) {
      const instanceId = instances[i % 3]!;
      const day = rand(9) - 1; // -1 and 7: outside the week
      const seconds = (rand(16) + 1) * 15 * 60 * (rand(20) === 0 ? -1 : 1);
      const at = week.start + day * 86_400_000 + rand(86_400) * 1000;
      const it = rand(30) === 0 ? null : item(`group${rand(5)}/project${rand(8)}`, rand(40) + 1, rand(3) === 0 ? 'merge_request' : 'issue');
      logs.push(log(new Date(at).toISOString(), seconds, it, instanceId));
      if (day >= 0 && day < 7) {
        expected.total += seconds;
        expected.days[day]! += seconds;
        expected.byInstance.set(instanceId, (expected.byInstance.get(instanceId) ?? 0) + seconds);
      }
    }
    const started = performance.now();
    const t = buildWeek(logs, week);
    const took = performance.now() - started;
    expect(t.total).toBe(expected.total);
    expect(t.dayTotals).toEqual(expected.days);
    for (const g of t.groups) expect(g.total).toBe(expected.byInstance.get(g.instanceId));
    const rows = t.groups.flatMap((g) => g.projects.flatMap((p) => p.rows));
    expect(rows.reduce((s, r) => s + r.total, 0)).toBe(expected.total);
    expect(rows.reduce((s, r) => s + r.cells.reduce((c, cell) => c + cell.logs.length, 0), 0)).toBe(t.logs.length);
    expect(t.logs.length + t.ignored).toBe(1000);
    // Generous: the model is one pass plus sorting; this only catches an accidental O(n²).
    expect(took).toBeLessThan(150);
  });
});

describe('daily target and chart', () => {
  it('reads the target setting, 8h by default', () => {
    expect(DEFAULT_DAY_TARGET_SECONDS).toBe(8 * H);
    expect(dayTargetSeconds(undefined)).toBe(8 * H);
    expect(dayTargetSeconds(6 * H)).toBe(6 * H);
    expect(dayTargetSeconds('7h 30m')).toBe(7.5 * H);
    expect(dayTargetSeconds('1d')).toBe(8 * H);
    for (const bad of [0, -H, 25 * H, Number.NaN, 'soon', '-2h', null, {}]) expect(dayTargetSeconds(bad)).toBe(8 * H);
  });

  it('scales the bars to the larger of the target and the longest day', () => {
    const week = weekOfDay('2025-03-05', BERLIN);
    const chart = dayChart(week, [8 * H, 4 * H, 11 * H, 0, -H, 0, 0], 8 * H);
    expect(chart.scale).toBeCloseTo(12.1 * H);
    expect(chart.bars.map((b) => b.reached)).toEqual([true, false, true, false, false, false, false]);
    expect(chart.bars[2]!.height).toBeCloseTo(1 / 1.1);
    expect(chart.bars[4]!.height).toBe(0);
    expect(chart.targetHeight).toBeCloseTo(8 / 12.1);
    expect(dayChart(week, [0, 0, 0, 0, 0, 0, 0]).targetHeight).toBeCloseTo(1 / 1.1);
  });
});
