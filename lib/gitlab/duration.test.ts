import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../tests/support/random';
import {
  MAX_DURATION_SECONDS,
  WHOLE_MINUTES,
  durationParam,
  formatClock,
  formatGitLabDuration,
  formatHumanOrNull,
  parseGitLabDuration,
  roundSecondsToMinutes,
  typedSeconds,
} from './duration';

const M = 60;
const H = 3600;
const D = 8 * H;
const W = 5 * D;
const MO = 4 * W;

describe('parseGitLabDuration: accepted', () => {
  it.each<[string, number]>([
    ['3', 3 * H],
    ['1.5', 1.5 * H],
    ['.5', 30 * M],
    ['1h', H],
    ['1.5h', 1.5 * H],
    ['30m', 30 * M],
    ['45s', 45],
    ['90s', 90],
    ['1h30m', H + 30 * M],
    ['1h 30m', H + 30 * M],
    ['  1h   30m  ', H + 30 * M],
    ['1d', D],
    ['1d 2h', D + 2 * H],
    ['1w', W],
    ['1w 2d 3h 30m', W + 2 * D + 3 * H + 30 * M],
    ['1mo', MO],
    ['1mo 1w', MO + W],
    ['2 hours', 2 * H],
    ['1 hour 15 minutes', H + 15 * M],
    ['1hr 5min', H + 5 * M],
    ['2hrs 10mins', 2 * H + 10 * M],
    ['10 secs', 10],
    ['1 sec', 1],
    ['3 seconds', 3],
    ['1 second', 1],
    ['1 minute', M],
    ['1 day', D],
    ['2days', 2 * D],
    ['1 week', W],
    ['2 weeks', 2 * W],
    ['1wk', W],
    ['1 month', MO],
    ['2 months', 2 * MO],
    ['1H 30M', H + 30 * M],
  ])('%s = %i seconds', (input, seconds) => {
    expect(parseGitLabDuration(input)).toEqual({ ok: true, seconds, negative: false });
  });

  it('rounds to whole seconds', () => {
    expect(parseGitLabDuration('1.6s')).toEqual({ ok: true, seconds: 2, negative: false });
    expect(parseGitLabDuration('0.01m')).toEqual({ ok: true, seconds: 1, negative: false });
  });

  it('sums repeated units, as GitLab does', () => {
    expect(parseGitLabDuration('1h 1h')).toEqual({ ok: true, seconds: 2 * H, negative: false });
  });

  it.each<[string, number]>([
    ['-1h', H],
    ['-30m', 30 * M],
    ['-1h 30m', H + 30 * M],
    ['- 2d', 2 * D],
    ['-3', 3 * H],
  ])('with allowNegative, %s subtracts %i seconds', (input, seconds) => {
    expect(parseGitLabDuration(input, { allowNegative: true })).toEqual({ ok: true, seconds, negative: true });
  });

  it('accepts the largest allowed size', () => {
    expect(parseGitLabDuration('120mo')).toEqual({ ok: true, seconds: MAX_DURATION_SECONDS, negative: false });
  });
});

describe('parseGitLabDuration: refused', () => {
  it.each([
    '',
    '   ',
    'abc',
    'h',
    '1h foo',
    '1x',
    '1ms',
    '1y',
    '1 year',
    '--1h',
    '+1h',
    '1h-',
    '1h -30m',
    '1h, 30m',
    '1h and 30m',
    '1h 30',
    '30 1h',
    '1 2',
    '1.',
    '1.5.5h',
    '1e5h',
    'NaN',
    'Infinity',
    '-Infinity',
    '1:30',
    '0',
    '0h',
    '0m 0s',
    '0.1s',
    '121mo',
    '99999999999999999999h',
    '9'.repeat(400),
    '-',
    '- ',
    '1h\u00a0x',
  ])('%j', (input) => {
    const result = parseGitLabDuration(input, { allowNegative: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
  });

  it('refuses a leading minus unless allowNegative', () => {
    const result = parseGitLabDuration('-1h');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/positive/) });
  });

  it('refuses -0', () => {
    expect(parseGitLabDuration('-0h', { allowNegative: true }).ok).toBe(false);
  });

  it('says what to type', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /^Enter a duration, like 1h 30m/],
      ['abc', /^"abc" is not a duration\. Use a duration like 1h 30m, 45m, 2d or 1w\.$/],
      ['1h foo', /^"foo" is not a duration\./],
      ['1h 2x', /^"x" is not a time unit\. Use mo, w, d, h, m or s/],
      ['1x', /^"x" is not a time unit/],
      ['1h 30', /^Add a unit after 30\./],
      ['0h', /more than zero/],
      ['500mo', /more than 10 years/],
    ];
    for (const [input, pattern] of cases) {
      const result = parseGitLabDuration(input);
      expect(result.ok ? 'ok' : result.error, input).toMatch(pattern);
    }
  });

  it('does not throw on non-string input from untyped callers', () => {
    expect(parseGitLabDuration(undefined as unknown as string).ok).toBe(false);
    expect(parseGitLabDuration(42 as unknown as string).ok).toBe(false);
  });
});

describe('formatGitLabDuration', () => {
  it.each<[number, string]>([
    [0, '0m'],
    [-0, '0m'],
    [0.4, '0m'],
    [1, '1s'],
    [30, '30s'],
    [59, '59s'],
    [60, '1m'],
    [89, '1m'],
    [90, '2m'],
    [H, '1h'],
    [H + 30 * M, '1h 30m'],
    [D, '1d'],
    [D - 1, '1d'],
    [D + 2 * H, '1d 2h'],
    [26 * H + 30 * M, '3d 2h 30m'],
    [W, '1w'],
    [W + 2 * D + 3 * H + 30 * M, '1w 2d 3h 30m'],
    [MO, '1mo'],
    [MO + W + M, '1mo 1w 1m'],
    [3 * MO + 3 * W + 4 * D + 7 * H + 59 * M, '3mo 3w 4d 7h 59m'],
    [-H, '-1h'],
    [-30, '-30s'],
    [Number.NaN, '0m'],
    [Number.POSITIVE_INFINITY, '0m'],
  ])('%d -> %s', (seconds, text) => {
    expect(formatGitLabDuration(seconds)).toBe(text);
  });

  it.each<[number, string]>([
    [0, '0m'],
    [45, '45s'],
    [H, '1h'],
    [26 * H + 30 * M, '26h 30m'],
    [W + 2 * D + 3 * H + 30 * M, '59h 30m'],
    [MO, '160h'],
    [30 * M, '30m'],
  ])('limitToHours: %d -> %s', (seconds, text) => {
    expect(formatGitLabDuration(seconds, { limitToHours: true })).toBe(text);
  });
});

describe('formatHumanOrNull', () => {
  it('is null for zero, like GitLab human_* fields', () => {
    expect(formatHumanOrNull(0)).toBeNull();
    expect(formatHumanOrNull(Number.NaN)).toBeNull();
    expect(formatHumanOrNull(12600)).toBe('3h 30m');
    expect(formatHumanOrNull(26 * H, { limitToHours: true })).toBe('26h');
  });
});

describe('formatClock', () => {
  it.each<[number, string]>([
    [0, '0:00:00'],
    [999, '0:00:00'],
    [5_000, '0:00:05'],
    [65_000, '0:01:05'],
    [(12 * H + 3 * M + 9) * 1000, '12:03:09'],
    [(100 * H) * 1000, '100:00:00'],
    [-5_000, '0:00:00'],
    [Number.NaN, '0:00:00'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('roundSecondsToMinutes', () => {
  it.each<[number, number]>([
    [0, 0],
    [29, 0],
    [30, 60],
    [89, 60],
    [90, 120],
    [3599, 3600],
    [Number.NaN, 0],
  ])('%d -> %d', (seconds, rounded) => {
    expect(roundSecondsToMinutes(seconds)).toBe(rounded);
  });
});

describe('durationParam', () => {
  it.each<[number, string]>([
    [60, '1m'],
    [H, '1h'],
    [H + 30 * M, '1h 30m'],
    [D, '8h'],
    [W + 2 * D + 3 * H + 30 * M, '59h 30m'],
    [-45 * M, '-45m'],
    [-(H + 5 * M), '-1h 5m'],
    [90, '1m 30s'],
    [1, '1s'],
    [H + 1, '1h 1s'],
    [MAX_DURATION_SECONDS, '19200h'],
    [-MAX_DURATION_SECONDS, '-19200h'],
  ])('%d seconds -> %j (hours, minutes and seconds only)', (seconds, text) => {
    expect(durationParam(seconds)).toBe(text);
  });

  it.each<[string, number]>([
    ['zero', 0],
    ['minus zero', -0],
    ['a fraction', 1.5],
    ['a negative fraction', -59.9],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['more than ten years of working time', MAX_DURATION_SECONDS + 1],
    ['less than minus ten years', -MAX_DURATION_SECONDS - 1],
    ['beyond safe integers', 2 ** 53],
    ['a string from an untyped caller', '1h' as unknown as number],
  ])('refuses %s', (_, seconds) => {
    expect(durationParam(seconds)).toBeNull();
  });

  it('GitLab reads back what it writes, whatever its day length', () => {
    const random = mulberry32(99);
    for (let i = 0; i < 2000; i++) {
      const seconds = 1 + Math.floor(random() * MAX_DURATION_SECONDS);
      const text = durationParam(seconds)!;
      expect(text, String(seconds)).not.toMatch(/[dw]|mo/);
      expect(parseGitLabDuration(text), text).toEqual({ ok: true, seconds, negative: false });
      expect(parseGitLabDuration(durationParam(-seconds)!, { allowNegative: true })).toEqual({ ok: true, seconds, negative: true });
    }
  });
});

describe('typedSeconds', () => {
  it.each<[string, number]>([
    ['1h 30m', H + 30 * M],
    ['45m', 45 * M],
    ['1.5', H + 30 * M],
    ['2d', 2 * D],
    ['1w', W],
    ['120s', 2 * M],
    ['1h 60s', H + M],
  ])('%j is %d seconds', (input, seconds) => {
    expect(typedSeconds(input)).toEqual({ ok: true, seconds });
    expect(typedSeconds(input, { allowNegative: true })).toEqual({ ok: true, seconds });
  });

  it.each<[string, number]>([
    ['-30m', -30 * M],
    ['-1h 30m', -(H + 30 * M)],
    ['- 2d', -2 * D],
  ])('with allowNegative, %j is %d seconds', (input, seconds) => {
    expect(typedSeconds(input, { allowNegative: true })).toEqual({ ok: true, seconds });
  });

  it('refuses a subtraction where it is not allowed', () => {
    expect(typedSeconds('-30m')).toEqual({ ok: false, error: expect.stringMatching(/positive/) });
  });

  it.each(['20s', '90s', '1m 20s', '1h 1s', '0.5m', '1.5m', '0.01m', '59 seconds'])('refuses %j: GitLab keeps whole minutes', (input) => {
    const result = typedSeconds(input);
    expect(result).toEqual({ ok: false, error: WHOLE_MINUTES });
    if (!result.ok) expect(result.error).toMatch(/whole minutes/);
  });

  it('refuses seconds in a subtraction too', () => {
    expect(typedSeconds('-20s', { allowNegative: true })).toEqual({ ok: false, error: WHOLE_MINUTES });
  });

  it.each<[string, RegExp]>([
    ['0', /more than zero/],
    ['0m', /more than zero/],
    ['-0m', /more than zero/],
    ['', /^Enter a duration/],
    ['   ', /^Enter a duration/],
    ['abc', /is not a duration/],
    ['1h foo', /is not a duration/],
    ['1x', /is not a time unit/],
    ['1h 30', /Add a unit after 30/],
    ['121mo', /more than 10 years/],
  ])('refuses %j in words', (input, error) => {
    expect(typedSeconds(input, { allowNegative: true })).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  it('does not throw on non-string input from untyped callers', () => {
    expect(typedSeconds(null as unknown as string).ok).toBe(false);
  });

  it('what it accepts, durationParam writes and GitLab reads as the same amount', () => {
    for (const input of ['1h 30m', '-45m', '3d 4h', '1mo']) {
      const typed = typedSeconds(input, { allowNegative: true });
      if (!typed.ok) throw new Error(typed.error);
      const back = parseGitLabDuration(durationParam(typed.seconds)!, { allowNegative: true });
      expect(back.ok && (back.negative ? -back.seconds : back.seconds)).toBe(typed.seconds);
    }
  });
});

// A small deterministic fuzz: seeded, so failures reproduce.
describe('fuzz', () => {
  const pieces = ['1', '2', '0', '9', '.', '5', ' ', '-', '+', 'h', 'm', 'mo', 'w', 'd', 's', 'x', 'hours', 'min', ',', ':', 'e', '\t', 'é', '\u0000', 'NaN', '99999'];

  it('parse never throws and only returns sane results', () => {
    const random = mulberry32(20240601);
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * 8);
      let input = '';
      for (let j = 0; j < length; j++) input += pieces[Math.floor(random() * pieces.length)] ?? '';
      const allowNegative = random() < 0.5;
      const result = parseGitLabDuration(input, { allowNegative });
      if (result.ok) {
        expect(Number.isInteger(result.seconds), input).toBe(true);
        expect(result.seconds, input).toBeGreaterThan(0);
        expect(result.seconds, input).toBeLessThanOrEqual(MAX_DURATION_SECONDS);
        if (!allowNegative) expect(result.negative, input).toBe(false);
      } else {
        expect(result.error, input).toBeTruthy();
      }
    }
  });

  it('format then parse gives back whole minutes', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 3000; i++) {
      const minutes = 1 + Math.floor(random() ** 3 * (MAX_DURATION_SECONDS / 60));
      const seconds = minutes * 60;
      for (const limitToHours of [false, true]) {
        const text = formatGitLabDuration(seconds, { limitToHours });
        expect(parseGitLabDuration(text), text).toEqual({ ok: true, seconds, negative: false });
      }
      expect(parseGitLabDuration(formatGitLabDuration(-seconds), { allowNegative: true })).toEqual({
        ok: true,
        seconds,
        negative: true,
      });
    }
  });

  it('format then parse keeps seconds under a minute', () => {
    for (let s = 1; s < 60; s++) {
      expect(parseGitLabDuration(formatGitLabDuration(s))).toEqual({ ok: true, seconds: s, negative: false });
    }
  });
});
