import { formatGitLabDuration, parseGitLabDuration } from '../gitlab/duration';
import { t } from '../model/i18n';

/** The longest daily target: a whole day. */
export const MAX_DAY_TARGET_SECONDS = 24 * 3600;

export type DayTargetParse = { ok: true; seconds: number } | { ok: false; error: string };

/**
 * The timesheet's daily target as typed on the options page, in GitLab's words (`7h 30m`, `8h`,
 * `1d` = 8h). More than nothing and at most 24h; anything else is explained, not saved.
 */
export function parseDayTarget(input: string): DayTargetParse {
  const parsed = parseGitLabDuration(input);
  if (!parsed.ok) return { ok: false, error: t('dayTargetError', parsed.error) };
  if (parsed.seconds <= 0) return { ok: false, error: t('dayTargetZero') };
  if (parsed.seconds > MAX_DAY_TARGET_SECONDS) return { ok: false, error: t('dayTargetTooLong') };
  return { ok: true, seconds: parsed.seconds };
}

/** The target as the options page shows it: hours and minutes (`7h 30m`, not GitLab's `1d`). */
export function formatDayTarget(seconds: number): string {
  return formatGitLabDuration(seconds, { limitToHours: true });
}
