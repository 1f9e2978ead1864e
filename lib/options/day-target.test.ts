import { describe, expect, it } from 'vitest';
import { formatDayTarget, parseDayTarget } from './day-target';

const H = 3600;

describe('the daily target setting', () => {
  it('reads GitLab durations', () => {
    expect(parseDayTarget('8h')).toEqual({ ok: true, seconds: 8 * H });
    expect(parseDayTarget('7h 30m')).toEqual({ ok: true, seconds: 7.5 * H });
    expect(parseDayTarget(' 7h30m ')).toEqual({ ok: true, seconds: 7.5 * H });
    expect(parseDayTarget('1d')).toEqual({ ok: true, seconds: 8 * H });
    expect(parseDayTarget('24h')).toEqual({ ok: true, seconds: 24 * H });
  });

  it('explains bad input in words', () => {
    for (const bad of ['', 'soon', '-2h', '0m', '25h', '1w', '8 hours please']) {
      const parsed = parseDayTarget(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^Daily target: \S/);
    }
    const tooLong = parseDayTarget('25h');
    expect(!tooLong.ok && tooLong.error).toMatch(/24 hours at most/);
    const nothing = parseDayTarget('0h');
    expect(!nothing.ok && nothing.error).toMatch(/more than (zero|nothing)/);
  });

  it('shows the target in hours and minutes', () => {
    expect(formatDayTarget(8 * H)).toBe('8h');
    expect(formatDayTarget(7.5 * H)).toBe('7h 30m');
  });
});
