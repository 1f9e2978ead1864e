// Durations as GitLab's time tracking reads and writes them (ChronicDuration with
// GitLab's custom lengths). Written independently of the extension's own parser so
// the stand-in can catch the app and the server disagreeing.

/** Seconds per unit with GitLab's working-time lengths: 1d = 8h, 1w = 5d, 1mo = 4w. */
export const UNIT_SECONDS = {
  mo: 4 * 5 * 8 * 3600,
  w: 5 * 8 * 3600,
  d: 8 * 3600,
  h: 3600,
  m: 60,
  s: 1,
} as const;

export type DurationUnit = keyof typeof UNIT_SECONDS;

const UNIT_WORDS: Readonly<Record<string, DurationUnit>> = {
  mo: 'mo', mos: 'mo', month: 'mo', months: 'mo',
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
  d: 'd', day: 'd', days: 'd',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
};

export type DurationParseResult =
  | { ok: true; seconds: number }
  | { ok: false; reason: 'invalid' | 'zero' | 'negative-not-allowed' };

/**
 * Parses `1h30m`, `1h 30m`, `1.5h`, `3` (bare number = hours), `2 days`, `1 hour and 30 minutes`.
 * Trailing junk is an error, as on GitLab 15.0+. A leading `-` is accepted only when
 * `allowNegative` (add_spent_time subtracts with it).
 */
export function parseDuration(input: string, opts: { allowNegative?: boolean } = {}): DurationParseResult {
  let text = input.trim().toLowerCase();
  let sign = 1;
  if (text.startsWith('-')) {
    if (!opts.allowNegative) return { ok: false, reason: 'negative-not-allowed' };
    sign = -1;
    text = text.slice(1);
  }
  if (text === '') return { ok: false, reason: 'invalid' };

  const token = /\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)?\s*(?:,\s*|and\s+)?/y;
  let total = 0;
  let position = 0;
  while (position < text.length) {
    token.lastIndex = position;
    const match = token.exec(text);
    if (!match || match[0] === '') return { ok: false, reason: 'invalid' };
    const amount = Number(match[1]);
    const word = match[2];
    const unit: DurationUnit | undefined = word === undefined ? 'h' : UNIT_WORDS[word];
    if (unit === undefined || !Number.isFinite(amount)) return { ok: false, reason: 'invalid' };
    total += amount * UNIT_SECONDS[unit];
    position = token.lastIndex;
  }

  const seconds = Math.round(total);
  if (seconds === 0) return { ok: false, reason: 'zero' };
  return { ok: true, seconds: sign * seconds };
}

const OUTPUT_UNITS: readonly DurationUnit[] = ['mo', 'w', 'd', 'h', 'm'];

/**
 * GitLab's `human_time_estimate` / `human_total_time_spent`: largest units first
 * (`1w 2d 3h 30m`), seconds dropped unless the whole amount is under a minute, null for 0.
 */
export function humanDuration(seconds: number): string | null {
  if (seconds === 0) return null;
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(Math.trunc(seconds));
  if (rest < 60) return `${sign}${rest}s`;
  const parts: string[] = [];
  for (const unit of OUTPUT_UNITS) {
    const size = UNIT_SECONDS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return sign + parts.join(' ');
}
