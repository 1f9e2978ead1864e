// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { humanDuration, parseDuration } from './duration';

const seconds = (input: string, allowNegative = false): number | string => {
  const result = parseDuration(input, { allowNegative });
  return result.ok ? result.seconds : result.reason;
};

describe('parseDuration (GitLab rules)', () => {
  it.each([
    ['1h', 3600],
    ['30m', 1800],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1.5h', 5400],
    ['3', 3 * 3600],
    ['1d', 8 * 3600],
    ['1w', 5 * 8 * 3600],
    ['1mo', 4 * 5 * 8 * 3600],
    ['1mo 2w 3d 4h 5m 6s', 4 * 5 * 8 * 3600 + 2 * 5 * 8 * 3600 + 3 * 8 * 3600 + 4 * 3600 + 5 * 60 + 6],
    ['2 hours', 7200],
    ['45 minutes', 2700],
    ['2 days', 16 * 3600],
    ['1 week', 40 * 3600],
    ['1 hour and 30 minutes', 5400],
    ['  1H30M ', 5400],
    ['90s', 90],
  ])('%s = %i s', (input, expected) => {
    expect(seconds(input)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '1h foo', 'h', '1x', '1h-30m', '--1h', '1..5h', '30ms'])('refuses %j', (input) => {
    expect(seconds(input, true)).toBe('invalid');
  });

  it('refuses zero', () => {
    expect(seconds('0')).toBe('zero');
    expect(seconds('0h 0m')).toBe('zero');
  });

  it('takes a leading minus only when allowed', () => {
    expect(seconds('-30m')).toBe('negative-not-allowed');
    expect(seconds('-30m', true)).toBe(-1800);
    expect(seconds('-1h 30m', true)).toBe(-5400);
  });
});

describe('humanDuration (GitLab output)', () => {
  it.each([
    [0, null],
    [30, '30s'],
    [60, '1m'],
    [90, '1m'],
    [5400, '1h 30m'],
    [8100, '2h 15m'],
    [12600, '3h 30m'],
    [8 * 3600, '1d'],
    [26 * 3600, '3d 2h'],
    [5 * 8 * 3600 + 2 * 8 * 3600 + 3 * 3600 + 1800, '1w 2d 3h 30m'],
    [4 * 5 * 8 * 3600 + 8 * 3600, '1mo 1d'],
  ])('%i s = %j', (input, expected) => {
    expect(humanDuration(input)).toBe(expected);
  });
});
