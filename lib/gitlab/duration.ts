// GitLab reads durations with ChronicDuration, hours as the default unit and a
// working calendar: 1d = 8h, 1w = 5d, 1mo = 4w = 20d. From 15.0 it refuses
// trailing junk; older servers silently ignored it, so we validate here before
// anything is sent.

import { t } from '../model/i18n';

export type DurationParse =
  | { ok: true; seconds: number; negative: boolean }
  | { ok: false; error: string };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 8 * HOUR;
const WEEK = 5 * DAY;
const MONTH = 4 * WEEK;

/** Nobody logs more than ten years of working time; bigger numbers are typos. */
export const MAX_DURATION_SECONDS = 10 * 12 * MONTH;

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  d: DAY, day: DAY, days: DAY,
  w: WEEK, wk: WEEK, wks: WEEK, week: WEEK, weeks: WEEK,
  mo: MONTH, mos: MONTH, month: MONTH, months: MONTH,
};

const example = () => t('durationExample');
const NUMBER = /\d*\.?\d+/y;
const UNIT = /[a-z]+/y;
const SPACE = /\s*/y;

function fail(error: string): DurationParse {
  return { ok: false, error };
}

function quote(text: string): string {
  const short = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  return `"${short}"`;
}

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

export function parseGitLabDuration(input: string, opts: { allowNegative?: boolean } = {}): DurationParse {
  if (typeof input !== 'string') return fail(example());
  let text = input.trim().toLowerCase();
  if (text === '') return fail(t('durationEnter'));

  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1).trimStart();
    if (!opts.allowNegative) return fail(t('durationPositiveOnly'));
  }

  let total = 0;
  let parts = 0;
  let bareNumber: string | null = null;
  let at = 0;
  for (;;) {
    at += matchAt(SPACE, text, at)?.length ?? 0;
    if (at >= text.length) break;

    const num = matchAt(NUMBER, text, at);
    if (num === null) return fail(`${t('durationNot', quote(text.slice(at)))} ${example()}`);
    at += num.length;
    parts += 1;
    if (/[\d.]/.test(text.charAt(at))) return fail(`${t('durationNot', quote(text.slice(at - num.length)))} ${example()}`);

    at += matchAt(SPACE, text, at)?.length ?? 0;
    const unit = matchAt(UNIT, text, at);
    if (unit === null) {
      // ChronicDuration applies the default unit (hours) to a lone number;
      // mixed with other parts ("1h 30") it would silently mean 30 hours.
      bareNumber = num;
      total += Number(num) * HOUR;
      continue;
    }
    const perUnit = UNIT_SECONDS[unit];
    if (perUnit === undefined) return fail(t('durationUnit', quote(unit)));
    at += unit.length;
    total += Number(num) * perUnit;
  }

  if (parts === 0) return fail(example());
  if (bareNumber !== null && parts > 1) return fail(`${t('durationAddUnit', bareNumber)} ${example()}`);
  if (!Number.isFinite(total) || total > MAX_DURATION_SECONDS) {
    return fail(`${t('durationTooLong')} ${example()}`);
  }
  const seconds = Math.round(total);
  if (seconds <= 0) return fail(t('durationZero'));
  return { ok: true, seconds, negative };
}

const FULL_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['mo', MONTH / MINUTE],
  ['w', WEEK / MINUTE],
  ['d', DAY / MINUTE],
  ['h', HOUR / MINUTE],
  ['m', 1],
];
const HOUR_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['h', HOUR / MINUTE],
  ['m', 1],
];

/**
 * Writes seconds the way GitLab shows them (`1w 2d 3h 30m`). Totals of a minute
 * or more are rounded to whole minutes, like GitLab's sidebar; under a minute
 * shows seconds (`30s`). `limitToHours` mirrors the admin setting "Limit display
 * to hours" (`26h 30m`). Zero is `0m`, never an empty string.
 */
export function formatGitLabDuration(seconds: number, opts: { limitToHours?: boolean } = {}): string {
  if (!Number.isFinite(seconds)) return '0m';
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.round(Math.abs(seconds));
  if (abs === 0) return '0m';
  if (abs < MINUTE) return `${sign}${abs}s`;

  let minutes = Math.round(abs / MINUTE);
  const parts: string[] = [];
  for (const [name, size] of opts.limitToHours ? HOUR_UNITS : FULL_UNITS) {
    const count = Math.floor(minutes / size);
    if (count > 0) parts.push(`${count}${name}`);
    minutes -= count * size;
  }
  return sign + parts.join(' ');
}

/** Like GitLab's `human_time_estimate` / `human_total_time_spent`: null for zero. */
export function formatHumanOrNull(seconds: number, opts: { limitToHours?: boolean } = {}): string | null {
  if (!Number.isFinite(seconds) || Math.round(seconds) === 0) return null;
  return formatGitLabDuration(seconds, opts);
}

/** `h:mm:ss` for a running timer; hours are not wrapped into days. */
export function formatClock(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / HOUR);
  const m = Math.floor((total % HOUR) / MINUTE);
  const s = total % MINUTE;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Seconds rounded to the nearest whole minute (30 s rounds up), still in seconds. */
export function roundSecondsToMinutes(seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  return Math.round(seconds / MINUTE) * MINUTE || 0;
}

/**
 * Seconds as GitLab's `duration` parameter: hours, minutes and seconds only, which every GitLab
 * era reads the same way whatever its day length (`1h 30m`, `-45m`). Null for what GitLab would
 * not take: zero, a fraction, more than 10 years of working time.
 */
export function durationParam(seconds: number): string | null {
  if (!Number.isSafeInteger(seconds) || seconds === 0 || Math.abs(seconds) > MAX_DURATION_SECONDS) return null;
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  const s = abs % MINUTE;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean);
  return (seconds < 0 ? '-' : '') + parts.join(' ');
}

// Pure: a script that never reads it (the list script) does not carry the lookup.
export const WHOLE_MINUTES = /* @__PURE__ */ t('wholeMinutes');

/**
 * What a person typed, as the seconds to send (negative subtracts where allowed). GitLab counts
 * whole minutes and drops the rest, so a duration with seconds in it is refused here, in words,
 * rather than sent as something else than what the user sees.
 */
export function typedSeconds(input: string, opts: { allowNegative?: boolean } = {}): { ok: true; seconds: number } | { ok: false; error: string } {
  const parsed = parseGitLabDuration(input, opts);
  // (A parsed duration is never zero.)
  if (!parsed.ok) return parsed;
  if (parsed.seconds % MINUTE !== 0) return { ok: false, error: WHOLE_MINUTES };
  return { ok: true, seconds: parsed.negative ? -parsed.seconds : parsed.seconds };
}
