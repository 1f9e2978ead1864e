import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isTimeZone, isoWeekOf, localDay, parseDay, startOfDay, weekdayOf } from './calendar';

const iso = (ms: number) => new Date(ms).toISOString();

describe('parseDay', () => {
  it('accepts real calendar days only', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay(' 2025-12-31 ')).toBe('2025-12-31');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-4-1', '25-04-01', '2025/04/01', '', 'today', '0999-01-01']) {
      expect(parseDay(bad), bad).toBeNull();
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds days across a month end, a leap day and a year end', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-03-30', 7)).toBe('2025-04-06');
    expect(daysBetween('2025-12-29', '2026-01-04')).toBe(6);
  });

  it('names weekdays the ISO way (1 = Monday … 7 = Sunday)', () => {
    expect(weekdayOf('2025-03-03')).toBe(1);
    expect(weekdayOf('2025-03-08')).toBe(6);
    expect(weekdayOf('2025-03-09')).toBe(7);
  });

  it('finds ISO weeks, including week 53 across a year end', () => {
    expect(isoWeekOf('2020-12-31')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2021-01-04')).toEqual({ year: 2021, week: 1 });
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2025-03-05')).toEqual({ year: 2025, week: 10 });
  });
});

describe('local days in a time zone', () => {
  it('reads the day of an instant west and east of UTC, whatever the process time zone', () => {
    const t = Date.parse('2025-03-03T02:00:00Z');
    expect(localDay(t, 'UTC')).toBe('2025-03-03');
    expect(localDay(t, 'America/New_York')).toBe('2025-03-02');
    expect(localDay(t, 'Asia/Tokyo')).toBe('2025-03-03');
    expect(localDay(Date.parse('2025-03-03T20:00:00Z'), 'Asia/Tokyo')).toBe('2025-03-04');
    expect(localDay(Date.parse('2024-12-31T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2025-01-01');
  });

  it('starts a day at its local midnight', () => {
    expect(iso(startOfDay('2025-03-05', 'Europe/Berlin'))).toBe('2025-03-04T23:00:00.000Z');
    expect(iso(startOfDay('2025-03-05', 'America/New_York'))).toBe('2025-03-05T05:00:00.000Z');
    expect(iso(startOfDay('2025-03-05', 'Asia/Kolkata'))).toBe('2025-03-04T18:30:00.000Z');
    expect(iso(startOfDay('2025-01-01', 'Pacific/Kiritimati'))).toBe('2024-12-31T10:00:00.000Z');
  });

  it('makes DST days 23 and 25 hours long', () => {
    const length = (day: string, tz: string) => (startOfDay(addDays(day, 1), tz) - startOfDay(day, tz)) / 3_600_000;
    expect(length('2025-03-09', 'America/New_York')).toBe(23);
    expect(length('2025-11-02', 'America/New_York')).toBe(25);
    expect(length('2025-03-30', 'Europe/Berlin')).toBe(23);
    expect(length('2025-10-26', 'Europe/Berlin')).toBe(25);
    expect(length('2025-04-06', 'Australia/Sydney')).toBe(25);
    expect(length('2025-03-05', 'Asia/Tokyo')).toBe(24);
  });

  it('starts a day whose midnight a DST change skipped at its first instant', () => {
    // São Paulo, 2018-11-04: 00:00 became 01:00 (-02:00).
    expect(iso(startOfDay('2018-11-04', 'America/Sao_Paulo'))).toBe('2018-11-04T03:00:00.000Z');
    expect(localDay(startOfDay('2018-11-04', 'America/Sao_Paulo') - 1000, 'America/Sao_Paulo')).toBe('2018-11-03');
  });

  it('starts a day whose midnight happened twice at the first one', () => {
    // Havana, 2023-11-05: 01:00 CDT went back to 00:00 CST.
    expect(iso(startOfDay('2023-11-05', 'America/Havana'))).toBe('2023-11-05T04:00:00.000Z');
    expect(iso(startOfDay('2023-11-06', 'America/Havana'))).toBe('2023-11-06T05:00:00.000Z');
  });

  it('knows which time zones exist', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDay(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
