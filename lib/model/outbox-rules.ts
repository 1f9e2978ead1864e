/**
 * The outbox's decisions, as pure functions: when a log may be tried again, and whether an
 * earlier attempt landed. lib/background/outbox.ts does the storage and the requests.
 *
 * Whether a log landed is decided from the user's own entries on the item, never from its total
 * (other people log and delete time too):
 * - before the first send, the highest entry id on the item is noted (`Evidence.afterId`): a
 *   GraphQL time log id on servers that have them (15.3+), else a system note id (GitLab writes
 *   "added 30m of time spent" as the user who logged it, in every era with time tracking);
 * - after an uncertain failure, and only after the settle wait, the user's own entries newer than
 *   that id and of exactly the log's amount are the log's copies: none means send again, one
 *   means it landed, two or more mean it landed more than once (the newer copies are repaired);
 * - where GitLab tells each entry's summary (GraphQL time logs), an entry must also carry a summary
 *   one of the log's attempts sent: the user's own work of the same amount logged elsewhere
 *   meanwhile, under another summary, is neither taken for the log nor deleted as its copy. Two
 *   entries of the same amount and the same summary stay indistinguishable.
 */
import { formatGitLabDuration, parseGitLabDuration } from '../gitlab/duration';
import { t } from './i18n';
import { itemReference, type ItemKey } from './item';
import type { Evidence, PendingLog } from './storage';

/**
 * A request left unanswered (a timeout, a lost connection, a 5xx, a worker stopped mid-flight)
 * may still be on its way to GitLab, or queued inside it. Within this time (the client's 15 s
 * timeout, plus margin) it has surely landed or died; only then is it looked for.
 */
export const SETTLE_MS = 20_000;
const MAX_BACKOFF_MS = 30 * 60_000;
/** A server asking to wait longer than this is asked again after this long. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * When a failed attempt may be followed by the next. `uncertain`: GitLab may have applied it
 * (the settle wait applies). `retryAfterMs`: what GitLab asked for, bounded.
 */
export function nextAttemptAt(now: number, attempts: number, failure: { uncertain: boolean; retryAfterMs?: number }): number {
  const asked = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, failure.retryAfterMs ?? 0));
  return now + Math.max(backoffMs(attempts), asked, failure.uncertain ? SETTLE_MS : 0);
}

/** The longest wait `nextAttemptAt` ever sets. */
const LONGEST_WAIT_MS = Math.max(MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, SETTLE_MS);

/**
 * When a log waiting for its next attempt is due, given that the computer's clock may have moved
 * back since the wait was set: a wait longer than any we set means it did, and then the wait
 * starts again from now (its backoff, and the settle wait where GitLab may have applied it), so a
 * clock moved back by hours does not hold a log for hours. Otherwise the wait as set.
 */
export function dueAt(log: Pick<PendingLog, 'nextAttemptAt' | 'attempts' | 'uncertain'>, now: number): number {
  if (log.nextAttemptAt - now <= LONGEST_WAIT_MS) return log.nextAttemptAt;
  return now + Math.max(backoffMs(log.attempts), log.uncertain ? SETTLE_MS : 0);
}

/**
 * Until when a request a stopped worker left in flight since `inFlightSince` may still land. A
 * start later than now means the clock moved back since: the settle wait then runs from now.
 */
export function settledAt(inFlightSince: number, now: number): number {
  return Math.min(inFlightSince, now) + SETTLE_MS;
}

export type { Evidence, EvidenceSource } from './storage';

/** One time entry of the user's own on an item: a GraphQL time log, or a time tracking system note. */
export interface OwnEntry {
  id: number;
  seconds: number;
  /** The entry's summary where the source tells it (GraphQL time logs; '' for none); notes do not. */
  summary?: string;
}

export type Verdict = { kind: 'not-landed' } | { kind: 'landed' } | { kind: 'landed-more-than-once'; extra: OwnEntry[] };

/**
 * What the user's own entries say of a log: its copies are the entries newer than the snapshot
 * with exactly its amount. The oldest copy stays; `extra` are the newer ones, newest first.
 */
export function verdict(log: Pick<PendingLog, 'seconds' | 'sent'>, evidence: Evidence, own: OwnEntry[]): Verdict {
  const copies = own.filter((e) => e.id > evidence.afterId && e.seconds === log.seconds && sentAs(log, e)).sort((a, b) => a.id - b.id);
  if (copies.length === 0) return { kind: 'not-landed' };
  if (copies.length === 1) return { kind: 'landed' };
  return { kind: 'landed-more-than-once', extra: copies.slice(1).reverse() };
}

/**
 * Whether an entry carries a summary one of the log's attempts sent. An entry of the same amount
 * with another summary is the user's own work logged elsewhere (GitLab's page, another tool),
 * not a copy of this log. Where the source does not tell summaries, or no attempt noted one
 * (logs queued before attempts were noted), the amount alone decides.
 */
function sentAs(log: Pick<PendingLog, 'sent'>, entry: OwnEntry): boolean {
  if (entry.summary === undefined || !log.sent?.length) return true;
  return log.sent.includes(entry.summary.trim());
}

export { idNumber } from '../gitlab/global-id';

/**
 * The time a time tracking system note records: "added 1h 30m of time spent", "subtracted 15m of
 * time spent" (followed, depending on the era, by " at <date>"). Null for every other note
 * ("removed time spent", "deleted 1h of spent time from…", comments).
 */
export function noteSeconds(body: string): number | null {
  const match = /^(added|subtracted) (.+?) of time spent(?: at .*)?$/.exec(body.trim());
  if (!match) return null;
  const parsed = parseGitLabDuration(match[2] ?? '');
  if (!parsed.ok || parsed.seconds === 0) return null;
  return match[1] === 'subtracted' ? -parsed.seconds : parsed.seconds;
}

export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The summary sent with a log through REST. A log delivered on a later day than the work says
 * which day the work was done, since REST files it under the day it arrives (GraphQL takes the
 * day itself).
 */
export function summaryFor(log: Pick<PendingLog, 'spentAt' | 'summary'>, now: number): string | undefined {
  const day = localDay(log.spentAt);
  if (day === localDay(now)) return log.summary;
  const note = `(work done on ${day})`;
  return log.summary ? `${log.summary} ${note}`.slice(0, 255) : note;
}

/** `25m to acme/web#1`, `-15m to acme/web!3`. */
export function describeLog(log: { seconds: number; item: ItemKey }): string {
  const amount = log.seconds < 0 ? `-${formatGitLabDuration(-log.seconds)}` : formatGitLabDuration(log.seconds);
  return t('amountToItem', [amount, itemReference(log.item)]);
}

export function newLogId(now: number): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
