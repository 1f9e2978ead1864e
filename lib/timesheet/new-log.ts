// Checking the Add time log form, pure: what the user typed becomes a time log
// to create, or a reason per field in words. Nothing invalid is ever sent.

import { parseGitLabDuration } from '@/lib/gitlab/duration';
import { addDays, parseDay, startOfDay } from './calendar';
import { parseItemReference, type ItemRef } from './reference';
import { t } from '@/lib/model/i18n';

/** GitLab refuses longer summaries (`timelogs.summary`: 255 characters at most). */
export const SUMMARY_MAX = 255;

export interface NewTimeLogFields {
  reference: string;
  duration: string;
  date: string;
  summary: string;
}

export interface NewTimeLog {
  ref: ItemRef;
  /** Seconds to log; negative subtracts. */
  seconds: number;
  /** The local day, `YYYY-MM-DD`. */
  date: string;
  /** Trimmed; empty when none. */
  summary: string;
}

export interface NewTimeLogContext {
  /** Base URLs of the connected GitLabs. */
  instances: readonly string[];
  /** The GitLab a bare reference (`group/project#12`) means; needed when several are connected. */
  defaultInstance?: string;
  /** Today as a local day, `YYYY-MM-DD`: the latest day a log may have. */
  today: string;
  /** Allow `-30m` to subtract time. */
  allowNegative?: boolean;
}

export type NewTimeLogErrors = Partial<Record<keyof NewTimeLogFields, string>>;

export type NewTimeLogCheck = { ok: true; log: NewTimeLog } | { ok: false; errors: NewTimeLogErrors };

/** Why a summary of `length` characters is not sent. */
export function summaryTooLong(length: number): string {
  return t('summaryTooLong', [SUMMARY_MAX, length]);
}

/** The date field alone: a real local day, not after today. */
export function checkDay(text: string, today: string): { ok: true; day: string } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: t('enterDay') };
  const day = parseDay(text);
  if (day === null) return { ok: false, error: t('notADay', text.trim().slice(0, 20)) };
  if (day > today) return { ok: false, error: t('dayInFuture') };
  return { ok: true, day };
}

export function checkNewTimeLog(fields: NewTimeLogFields, ctx: NewTimeLogContext): NewTimeLogCheck {
  const errors: NewTimeLogErrors = {};
  const ref = parseItemReference(fields.reference, ctx.instances, { defaultInstance: ctx.defaultInstance });
  if (!ref.ok) errors.reference = ref.error;
  const duration = parseGitLabDuration(fields.duration, { allowNegative: ctx.allowNegative ?? true });
  if (!duration.ok) errors.duration = duration.error;
  const day = checkDay(fields.date, ctx.today);
  if (!day.ok) errors.date = day.error;
  const summary = fields.summary.trim();
  if (summary.length > SUMMARY_MAX) errors.summary = summaryTooLong(summary.length);
  if (!ref.ok || !duration.ok || !day.ok || errors.summary) return { ok: false, errors };
  return { ok: true, log: { ref: ref.ref, seconds: duration.negative ? -duration.seconds : duration.seconds, date: day.day, summary } };
}

/**
 * The instant to send as `spentAt` for a local day (epoch ms): the middle of the
 * day, so it stays on that day in nearby time zones and on 23h/25h DST days.
 */
export function spentAtOfDay(day: string, timeZone: string): number {
  return Math.floor((startOfDay(day, timeZone) + startOfDay(addDays(day, 1), timeZone)) / 2);
}
