/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

// The first day of the week for a locale. Browsers that have it answer through
// `Intl.Locale#getWeekInfo()` (or the older `weekInfo` getter); the rest (Firefox at
// the time of writing) fall back to this table of regions, taken from CLDR 48's
// weekData. Every region not listed starts on Monday, which is also the answer
// when nothing about the locale is known (ISO 8601, and most of the world).
// In the shared model so the Timesheet page and the popup's Logged today agree on the week.

const SATURDAY = 'AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY';
const SUNDAY =
  'AG AS BD BR BS BT BW BZ CA CO DM DO ET GT GU HK HN ID IL IN IS JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW';
const FRIDAY = 'MV';

const BY_REGION: ReadonlyMap<string, Weekday> = new Map<string, Weekday>([
  ...SATURDAY.split(' ').map((r) => [r, 6] as const),
  ...SUNDAY.split(' ').map((r) => [r, 7] as const),
  ...FRIDAY.split(' ').map((r) => [r, 5] as const),
]);

export const DEFAULT_FIRST_DAY: Weekday = 1;

/** The table's answer for a region code (`US`, `de` …); Monday when unknown. */
export function firstDayForRegion(region: string | undefined | null): Weekday {
  return (region && BY_REGION.get(region.toUpperCase())) || DEFAULT_FIRST_DAY;
}

interface WeekInfoLocale {
  getWeekInfo?: () => { firstDay?: number };
  weekInfo?: { firstDay?: number };
  region?: string;
  maximize?: () => { region?: string };
}

function isWeekday(n: unknown): n is Weekday {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 7;
}

const FW: Readonly<Record<string, Weekday>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/**
 * The first day of the week (1 = Monday … 7 = Sunday) for a BCP 47 locale, e.g.
 * `navigator.language`. Honours a `-u-fw-` preference in the tag (`en-US-u-fw-mon`).
 * `useWeekInfo: false` skips the engine's answer (for tests of the fallback).
 */
export function firstDayOfWeek(locale: string | undefined, opts: { useWeekInfo?: boolean } = {}): Weekday {
  let intlLocale: WeekInfoLocale;
  try {
    intlLocale = new Intl.Locale(locale || new Intl.DateTimeFormat().resolvedOptions().locale) as unknown as WeekInfoLocale;
  } catch {
    return DEFAULT_FIRST_DAY;
  }

  if (opts.useWeekInfo !== false) {
    try {
      const info = typeof intlLocale.getWeekInfo === 'function' ? intlLocale.getWeekInfo() : intlLocale.weekInfo;
      if (isWeekday(info?.firstDay)) return info.firstDay;
    } catch {
      // Fall through to the table.
    }
  }

  const fw = /-u(?:-[a-z0-9]{2,8})*?-fw-([a-z]{3})(?:-|$)/i.exec(String(intlLocale))?.[1]?.toLowerCase();
  if (fw && FW[fw]) return FW[fw];

  let region = intlLocale.region;
  if (!region) {
    try {
      region = intlLocale.maximize?.().region;
    } catch {
      region = undefined;
    }
  }
  return firstDayForRegion(region);
}
