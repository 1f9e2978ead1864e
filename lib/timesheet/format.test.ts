import { describe, expect, it } from 'vitest';
import { dayLabels, safeHttpUrl, weekRangeLabel } from './format';
import { weekOfDay } from './week';

describe('format', () => {
  it('names days in the locale, whatever the time zone', () => {
    // The exact punctuation is the engine's (CLDR's); the parts are ours.
    const gb = dayLabels('2025-03-03', 'en-GB');
    expect(gb.short).toBe('Mon 3');
    expect(gb.long).toMatch(/^Monday,? 3 March 2025$/);
    expect(dayLabels('2025-03-03', 'de-DE').long).toMatch(/^Montag, 3\. März 2025$/);
    expect(dayLabels('2025-03-09', 'en-US').short).toMatch(/\bSun\b/);
    expect(dayLabels('2025-03-09', 'en-US').short).toMatch(/\b9\b/);
  });

  it('writes a week as a range, across a year end too', () => {
    const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/ ?– ?/g, '–');
    expect(squash(weekRangeLabel(weekOfDay('2025-03-05', { firstDay: 1, timeZone: 'Pacific/Kiritimati' }), 'en-GB'))).toBe('3–9 Mar 2025');
    expect(squash(weekRangeLabel(weekOfDay('2025-12-31', { firstDay: 1, timeZone: 'America/Los_Angeles' }), 'en-GB'))).toBe('29 Dec 2025–4 Jan 2026');
  });

  it('lets only http(s) addresses be links', () => {
    expect(safeHttpUrl('https://gitlab.com/a/b/-/issues/1')).toBe('https://gitlab.com/a/b/-/issues/1');
    expect(safeHttpUrl('http://host/gitlab/a/b/-/issues/1')).toBe('http://host/gitlab/a/b/-/issues/1');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'JaVaScRiPt:alert(1)', '/a/b', '', null, undefined]) expect(safeHttpUrl(bad)).toBeNull();
  });
});
