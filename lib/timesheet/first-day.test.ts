import { describe, expect, it } from 'vitest';
import { firstDayForRegion, firstDayOfWeek } from './first-day';

const CASES: Array<[string, number]> = [
  ['en-US', 7],
  ['en-GB', 1],
  ['de', 1],
  ['de-AT', 1],
  ['fr-CA', 7],
  ['pt-BR', 7],
  ['ja', 7],
  ['ar-EG', 6],
  ['fa-IR', 6],
  ['dv-MV', 5],
  ['en-IN', 7],
  ['en-AU', 1],
];

describe('firstDayOfWeek', () => {
  it.each(CASES)('%s starts its week on day %i, from the engine where it knows', (locale, day) => {
    expect(firstDayOfWeek(locale)).toBe(day);
  });

  it.each(CASES)('%s gets the same answer from the table by region (browsers without weekInfo)', (locale, day) => {
    expect(firstDayOfWeek(locale, { useWeekInfo: false })).toBe(day);
  });

  it('honours a first-day preference in the locale tag', () => {
    expect(firstDayOfWeek('en-US-u-fw-mon', { useWeekInfo: false })).toBe(1);
    expect(firstDayOfWeek('de-DE-u-ca-gregory-fw-sun', { useWeekInfo: false })).toBe(7);
  });

  it('falls back to Monday', () => {
    expect(firstDayOfWeek('not a locale!')).toBe(1);
    expect(firstDayForRegion(undefined)).toBe(1);
    expect(firstDayForRegion('ZZ')).toBe(1);
    expect(firstDayForRegion('us')).toBe(7);
  });

  it('uses the runtime locale when none is given', () => {
    expect([1, 2, 3, 4, 5, 6, 7]).toContain(firstDayOfWeek(undefined));
  });
});
