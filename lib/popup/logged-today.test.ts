// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstanceWeek, TimesheetLog } from '../model/timesheet';
import { loggedTotals, todayAndWeek } from './logged-today';

const log = (id: string, spentAt: string, seconds: number, instanceId = 'https://gitlab.com'): TimesheetLog => ({ id, instanceId, spentAt, seconds, summary: null, item: null });
const week = (instanceId: string, logs: TimesheetLog[]): InstanceWeek => ({ instanceId, username: 'me', source: 'gitlab', logs, error: null, fetchedAt: 1 });

afterEach(() => vi.unstubAllEnvs());

describe('todayAndWeek', () => {
  it('is a local day and the week from the given first day, across a month and a year end', () => {
    vi.stubEnv('TZ', 'Europe/Berlin');
    // Thursday 1 January 2026, 10:00 in Berlin.
    const now = Date.UTC(2026, 0, 1, 9);
    const monday = todayAndWeek(now, 1);
    expect(monday.today).toEqual({ start: Date.UTC(2025, 11, 31, 23), end: Date.UTC(2026, 0, 1, 23) });
    expect(monday.week).toEqual({ start: Date.UTC(2025, 11, 28, 23), end: Date.UTC(2026, 0, 4, 23) });
    const sunday = todayAndWeek(now, 7);
    expect(sunday.week.start).toBe(Date.UTC(2025, 11, 27, 23));
  });
});

describe('loggedTotals', () => {
  const range = { today: { start: Date.UTC(2026, 2, 4), end: Date.UTC(2026, 2, 5) }, week: { start: Date.UTC(2026, 2, 2), end: Date.UTC(2026, 2, 9) } };

  it('adds today and the week over every GitLab, subtractions negative, other weeks left out', () => {
    const weeks = [
      week('https://gitlab.com', [log('gid://gitlab/Timelog/1', '2026-03-04T09:00:00Z', 3600), log('gid://gitlab/Timelog/2', '2026-03-02T09:00:00Z', 1800), log('gid://gitlab/Timelog/3', '2026-03-04T11:00:00Z', -600)]),
      week('https://git.example', [log('gid://gitlab/Timelog/1', '2026-03-04T10:00:00Z', 1200, 'https://git.example'), log('gid://gitlab/Timelog/9', '2026-03-09T00:00:00Z', 9999, 'https://git.example')]),
    ];
    expect(loggedTotals(weeks, range.today, range.week)).toEqual({ today: 3600 - 600 + 1200, week: 3600 + 1800 - 600 + 1200 });
  });

  it('counts a repeated log once, and an unreadable time not at all', () => {
    const twice = log('gid://gitlab/Timelog/1', '2026-03-04T09:00:00Z', 3600);
    expect(loggedTotals([week('https://gitlab.com', [twice, twice, log('x', 'not a time', 60)])], range.today, range.week)).toEqual({ today: 3600, week: 3600 });
  });
});
