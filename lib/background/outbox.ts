/**
 * Time logs on their way to GitLab, delivered exactly once.
 *
 * - A log is written here before anything is sent, and leaves only when GitLab confirmed it.
 * - Before the first send, the newest entry on the item is noted (lib/model/outbox-rules.ts).
 *   When an answer is lost (the request may have been applied), or the worker died mid-request,
 *   the next attempt waits until that request has surely landed or died, then looks for the
 *   user's own new entry of that amount: there, the log landed; not there, it is sent again.
 *   Another person's time logs are never counted, changed or deleted.
 * - A log GitLab holds twice (the browser resent a request GitLab had applied) is repaired only
 *   when two own copies are proven: the newer is deleted, or, where GitLab cannot delete time
 *   logs (before 15.3), a correcting log takes it back.
 * - Transient failures (network, timeout, 5xx, 429) are retried with backoff by an alarm, so
 *   retries go on after the worker is stopped or the browser restarts; permanent ones (400, 401,
 *   403, 404) wait in "Needs attention" for the user.
 * - Each GitLab's logs go out on their own: a GitLab that is down delays only its own logs. One
 *   pass per GitLab at a time, and one unsettled log per item, so a log is never in flight twice.
 */
import { GitLabError, type GitLabClient, type TimeStats } from '../gitlab/client';
import { formatHumanOrNull } from '../gitlab/duration';
import { t } from '../model/i18n';
import { takesTimelogSummary } from '../gitlab/server-facts';
import { supportsTimelogGraphql } from '../gitlab/version';
import { itemId, itemReference, type ItemKey } from '../model/item';
import {
  describeLog,
  dueAt,
  idNumber,
  localDay,
  nextAttemptAt,
  noteSeconds,
  settledAt,
  summaryFor,
  verdict,
  type Evidence,
  type EvidenceSource,
  type OwnEntry,
} from '../model/outbox-rules';
import { outboxItem, type Instance, type PendingLog } from '../model/storage';
import type { BackgroundDeps } from './deps';
import { serial } from './serial';
import { forgetTimelog, recordDelivered } from './timesheet';
import { clientFor, errorMessage, findInstance } from './token-client';
import { tellItemTotals } from './views';

export const OUTBOX_ALARM = 'outbox-retry';
export const CORRECTION_SUMMARY = 'Correction: the previous time log reached GitLab more than once';

export interface Delivered {
  log: PendingLog;
  /** The item's numbers as GitLab answered the log (or as read while checking it); null where it did not say. */
  timeStats: TimeStats | null;
}

export interface DeliveryReport {
  delivered: Delivered[];
  failed: PendingLog[];
}

interface Run {
  running: Promise<DeliveryReport>;
  again: boolean;
}

/** One pass per GitLab at a time. */
const runs = new Map<string, Run>();
/** Logs this worker itself has in flight; any other in-flight mark was left by a stopped worker. */
const inFlightHere = new Set<string>();

/**
 * Sends every due log, each GitLab on its own (all of them, or only `instanceId`'s). A call
 * during a pass waits for it and then for one more pass, so a log queued meanwhile goes out now
 * rather than at the next alarm, and never twice at once.
 */
export async function flushOutbox(deps: BackgroundDeps, instanceId?: string): Promise<DeliveryReport> {
  const logs = await outboxItem.getValue();
  const instances = instanceId ? [instanceId] : [...new Set(logs.map((l) => l.item.instanceId))];
  const settled = await Promise.allSettled(instances.map((id) => flushInstance(deps, id)));
  // The retry alarm is set whatever happened: a pass that failed midway (storage full) leaves
  // its logs waiting, and they must not wait for the next worker start.
  await scheduleRetry(deps);
  const reports: DeliveryReport[] = [];
  for (const r of settled) {
    if (r.status === 'rejected') throw r.reason;
    reports.push(r.value);
  }
  return { delivered: reports.flatMap((r) => r.delivered), failed: reports.flatMap((r) => r.failed) };
}

function flushInstance(deps: BackgroundDeps, instanceId: string): Promise<DeliveryReport> {
  const current = runs.get(instanceId);
  if (current) {
    current.again = true;
    return current.running;
  }
  const run: Run = { running: Promise.resolve({ delivered: [], failed: [] }), again: false };
  run.running = (async () => {
    const total: DeliveryReport = { delivered: [], failed: [] };
    do {
      run.again = false;
      const pass = await runFlush(deps, instanceId);
      total.delivered.push(...pass.delivered);
      total.failed = [...total.failed.filter((f) => !pass.delivered.some((d) => d.log.id === f.id)), ...pass.failed];
    } while (run.again);
    return total;
  })().finally(() => runs.delete(instanceId));
  runs.set(instanceId, run);
  return run.running;
}

function updateEntry(id: string, change: (log: PendingLog) => PendingLog | null): Promise<PendingLog | null> {
  return serial(async () => {
    const logs = await outboxItem.getValue();
    let result: PendingLog | null = null;
    const next: PendingLog[] = [];
    for (const log of logs) {
      if (log.id !== id) next.push(log);
      else {
        result = change(log);
        if (result) next.push(result);
      }
    }
    await outboxItem.setValue(next);
    return result;
  });
}

/** Where the user's own entries on this GitLab's items are read from. */
function evidenceSource(instance: Instance): EvidenceSource {
  return instance.apiVersion !== 'v3' && supportsTimelogGraphql(instance.gitlabVersion) ? 'timelogs' : 'notes';
}

interface Reading {
  /** The highest entry id on the item now. */
  newestId: number;
  own: OwnEntry[];
  timeStats: TimeStats | null;
}

/** The item's entries now: the user's own time entries, and the newest id of all. */
async function readEntries(client: GitLabClient, item: ItemKey, source: EvidenceSource, username: string): Promise<Reading> {
  if (source === 'timelogs') {
    const { timelogs, timeStats } = await client.itemTimelogs(item);
    return {
      newestId: Math.max(0, ...timelogs.map((t) => idNumber(t.id))),
      own: timelogs.filter((t) => t.username === username).map((t) => ({ id: idNumber(t.id), seconds: t.seconds, summary: t.summary ?? '' })),
      timeStats,
    };
  }
  // Older servers: the notes, and the numbers beside them (a total after the send that differs
  // is the only sign of a copy the browser sent twice and GitLab answered).
  const [notes, timeStats] = await Promise.all([client.itemNotes(item), client.getTimeStats(item)]);
  const own: OwnEntry[] = [];
  for (const note of notes) {
    const seconds = note.system && note.username === username ? noteSeconds(note.body) : null;
    if (seconds !== null) own.push({ id: note.id, seconds });
  }
  return { newestId: Math.max(0, ...notes.map((n) => n.id)), own, timeStats };
}

/** What a log's evidence is, or why a log must wait for the user. */
class Held extends Error {}

/** Sends one log; null when it left the outbox meanwhile (the user discarded it). */
async function deliver(deps: BackgroundDeps, client: GitLabClient, instance: Instance, start: PendingLog): Promise<Delivered | null> {
  let log: PendingLog | null = start;
  const source = evidenceSource(instance);
  if (log.uncertain || log.inFlightSince) {
    // An earlier attempt may have landed (its answer was lost, or its worker stopped): look for
    // the user's own copy before sending again.
    if (!log.evidence) {
      throw new Held(
        t('uncheckableAttempt', itemReference(log.item)),
      );
    }
    const reading = await readEntries(client, log.item, log.evidence.source, instance.username);
    const found = verdict(log, log.evidence, reading.own);
    if (found.kind === 'landed') return { log, timeStats: reading.timeStats };
    if (found.kind === 'landed-more-than-once') {
      return { log, timeStats: await repair(deps, client, log, found.extra, reading.timeStats) };
    }
    log = await updateEntry(log.id, (l) => ({ ...l, uncertain: false, inFlightSince: null }));
    if (!log) return null;
  } else if (log.evidence === undefined) {
    let evidence: Evidence | null;
    try {
      const reading = await readEntries(client, log.item, source, instance.username);
      evidence = { source, afterId: reading.newestId, total: reading.timeStats?.total_time_spent ?? null };
    } catch (error) {
      // Nothing was sent: a passing failure is tried again; where GitLab will not show the
      // entries at all, the log still goes, and an unanswered attempt is then the user's call.
      if (error instanceof GitLabError && (error.transient || error.kind === 'unauthorized')) throw error;
      evidence = null;
    }
    log = await updateEntry(log.id, (l) => ({ ...l, evidence }));
    if (!log) return null;
  }
  const now = deps.now();
  const plan = planSend(instance, log, now);
  // Written before the request leaves: a worker killed now still knows to look first, and for what.
  log = await updateEntry(log.id, (l) => ({ ...l, inFlightSince: now, sent: [...new Set([...(l.sent ?? []), plan.summary])] }));
  if (!log) return null;
  inFlightHere.add(log.id);
  try {
    return { log, timeStats: await send(deps, client, instance, log, plan) };
  } finally {
    inFlightHere.delete(log.id);
  }
}

interface SendPlan {
  /** Late delivery through GraphQL, filed under the day the work was done; else REST's add_spent_time. */
  late: boolean;
  /** The summary GitLab will hold, as the client sends it ('' for none). */
  summary: string;
}

function planSend(instance: Instance, log: PendingLog, now: number): SendPlan {
  if (evidenceSource(instance) === 'timelogs' && log.seconds > 0 && localDay(log.spentAt) !== localDay(now)) {
    return { late: true, summary: log.summary?.trim() ?? '' };
  }
  const summary = takesTimelogSummary(instance.gitlabVersion) ? (summaryFor(log, now)?.trim() ?? '') : '';
  return { late: false, summary };
}

async function send(deps: BackgroundDeps, client: GitLabClient, instance: Instance, log: PendingLog, plan: SendPlan): Promise<TimeStats | null> {
  if (plan.late) {
    const itemId = await client.getItemId(log.item);
    const created = await client.createTimelog({ item: log.item, itemId, seconds: log.seconds, spentAt: new Date(log.spentAt).toISOString(), summary: plan.summary });
    return created.timeStats;
  }
  const stats = await client.addSpentTime(log.item, log.seconds, plan.summary || undefined);
  const expected = log.evidence?.total;
  if (log.evidence && expected != null && stats.total_time_spent !== expected + log.seconds) {
    // The total moved by something else too: usually a colleague, rarely a request of ours the
    // browser sent twice. Only the user's own entries can tell.
    const reading = await readEntries(client, log.item, log.evidence.source, instance.username).catch(() => null);
    const found = reading ? verdict(log, log.evidence, reading.own) : null;
    if (found?.kind === 'landed-more-than-once') return repair(deps, client, log, found.extra, reading?.timeStats ?? stats);
  }
  return stats;
}

/**
 * Takes back the newer copies of a log GitLab holds more than once. Answers the item's numbers
 * after the repair where they are known.
 */
async function repair(deps: BackgroundDeps, client: GitLabClient, log: PendingLog, extra: OwnEntry[], stats: TimeStats | null): Promise<TimeStats | null> {
  if (log.evidence?.source === 'timelogs') {
    let removed = 0;
    for (const copy of extra) {
      const deleted = await client.deleteTimelog(`gid://gitlab/Timelog/${copy.id}`).then(
        () => true,
        () => false,
      );
      if (deleted) removed += copy.seconds;
    }
    return stats ? withSpent(stats, stats.total_time_spent - removed) : null;
  }
  // No way to delete a time log here: a correcting log through the outbox takes the copies back.
  const now = deps.now();
  const correction: PendingLog = {
    id: `${log.id}-undo`,
    item: log.item,
    seconds: -extra.reduce((sum, copy) => sum + copy.seconds, 0),
    summary: CORRECTION_SUMMARY,
    spentAt: now,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
    ...(log.author === undefined ? {} : { author: log.author }),
  };
  await serial(async () => outboxItem.setValue([...(await outboxItem.getValue()).filter((l) => l.id !== correction.id), correction]));
  const run = runs.get(log.item.instanceId);
  if (run) run.again = true;
  return null;
}

function withSpent(stats: TimeStats, total: number): TimeStats {
  return { ...stats, total_time_spent: total, human_total_time_spent: formatHumanOrNull(total) };
}

async function runFlush(deps: BackgroundDeps, instanceId: string): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], failed: [] };
  const now = deps.now();
  // Items whose earlier log is not settled: later logs of the item wait behind it, so that the
  // own entry a check finds can only be that log's.
  const waiting = new Set<string>();
  const instance = await findInstance(instanceId);
  for (const log of await outboxItem.getValue()) {
    if (log.item.instanceId !== instanceId) continue;
    const key = itemId(log.item);
    if (log.status !== 'pending') {
      if (log.uncertain) waiting.add(key);
      continue;
    }
    if (log.nextAttemptAt > now) {
      // A wait the clock stretched (it moved back since) is cut to its own length, also for a log
      // waiting behind another of its item: else it would hold that log (and the alarm) for hours.
      const due = dueAt(log, now);
      if (due < log.nextAttemptAt) await updateEntry(log.id, (l) => ({ ...l, nextAttemptAt: Math.min(l.nextAttemptAt, due) }));
      waiting.add(key);
      continue;
    }
    if (waiting.has(key)) continue;
    // A request left by a worker that was stopped mid-flight may still be on its way to GitLab:
    // the log waits until that request has surely landed or died.
    if (log.inFlightSince && settledAt(log.inFlightSince, now) > now && !inFlightHere.has(log.id)) {
      // Sent no later than now, whatever the clock said then (it may have moved back since).
      await updateEntry(log.id, (l) => ({ ...l, uncertain: true, inFlightSince: Math.min(l.inFlightSince ?? now, now), nextAttemptAt: settledAt(l.inFlightSince ?? now, now) }));
      waiting.add(key);
      continue;
    }
    const hold = (lastError: string) => updateEntry(log.id, (l) => ({ ...l, status: 'needs-attention', inFlightSince: null, lastError }));
    const client = instance ? await clientFor(deps, instanceId) : null;
    if (!instance || !client) {
      const failed = await hold(t('notConnectedAnyMore', instanceId));
      if (failed) report.failed.push(failed);
      waiting.add(key);
      continue;
    }
    if (log.author !== undefined && log.author !== instance.username) {
      // Reconnected as someone else: the log is theirs only if the user says so (Retry).
      const failed = await hold(
        t('madeAsOtherUser', [log.author, new URL(instanceId).host, instance.username]),
      );
      if (failed) report.failed.push(failed);
      continue;
    }
    if (log.landed && log.replaces) {
      // A changed entry whose new log is in GitLab: only the old one's deletion is left.
      const left = await deleteReplaced(deps, client, log);
      if (left) report.failed.push(left);
      else report.delivered.push({ log, timeStats: null });
      continue;
    }
    try {
      const delivered = await deliver(deps, client, instance, log);
      if (!delivered) continue;
      if (log.replaces) {
        // Proven landed: noted before the old one is touched, so a stop now never sends it twice.
        const landed = await updateEntry(log.id, (l) => ({ ...l, landed: true, uncertain: false, inFlightSince: null }));
        await recordDelivered(deps, delivered.log).catch(() => undefined);
        if (!landed) continue;
        const left = await deleteReplaced(deps, client, landed);
        if (left) report.failed.push(left);
        else report.delivered.push(delivered);
        if (delivered.timeStats) void tellItemTotals(deps, log.item, delivered.timeStats);
        continue;
      }
      await updateEntry(log.id, () => null);
      // Kept for the Timesheet of GitLabs that cannot list time logs; a failure here loses no log.
      await recordDelivered(deps, delivered.log).catch(() => undefined);
      report.delivered.push(delivered);
      if (delivered.timeStats) void tellItemTotals(deps, log.item, delivered.timeStats);
    } catch (error) {
      const failed = await updateEntry(log.id, (l) => failedEntry(deps, l, error));
      if (failed) report.failed.push(failed);
      if (failed?.status === 'pending' || failed?.uncertain) waiting.add(key);
    }
  }
  return report;
}

/**
 * Deletes the time log a landed replacement stands for; the entry leaves the outbox when that is
 * done. Answers the entry left waiting (a passing failure: retried; a refusal: the user decides,
 * and Retry tries the deletion alone again), or null when done.
 */
async function deleteReplaced(deps: BackgroundDeps, client: GitLabClient, log: PendingLog): Promise<PendingLog | null> {
  const old = log.replaces!;
  try {
    await client.deleteTimelog(old);
  } catch (error) {
    const gitlab = error instanceof GitLabError ? error : null;
    const attempts = log.attempts + 1;
    if (!gitlab || gitlab.transient || gitlab.ambiguous) {
      // The deletion may have happened: a later "does not exist" then means it did.
      const unsure = !gitlab || gitlab.ambiguous || gitlab.kind === 'timeout' || gitlab.kind === 'network' || gitlab.kind === 'server';
      return updateEntry(log.id, (l) => ({
        ...l,
        attempts,
        status: 'pending',
        uncertain: l.uncertain || unsure,
        nextAttemptAt: nextAttemptAt(deps.now(), attempts, { uncertain: false, ...(gitlab?.retryAfterMs === undefined ? {} : { retryAfterMs: gitlab.retryAfterMs }) }),
        lastError: errorMessage(error),
      }));
    }
    // GitLab answers the same for a log that is gone and one the user may not delete; the page
    // replaces only the user's own logs, which their author may always delete: after an
    // unanswered attempt, gone means deleted.
    if (!log.uncertain) {
      return updateEntry(log.id, (l) => ({
        ...l,
        attempts,
        status: 'needs-attention',
        lastError: t('replacedNotDeleted', [describeLog(l), errorMessage(error)]),
      }));
    }
  }
  await updateEntry(log.id, () => null);
  await forgetTimelog(log.item.instanceId, old).catch(() => undefined);
  return null;
}

/** Whether GitLab may have applied a write that failed this way. */
function mayHaveLanded(error: unknown): boolean {
  if (!(error instanceof GitLabError)) return true;
  if (error.ambiguous) return true;
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'malformed';
}

function failedEntry(deps: BackgroundDeps, log: PendingLog, error: unknown): PendingLog {
  const attempts = log.attempts + 1;
  const base = { ...log, attempts, inFlightSince: null };
  if (error instanceof Held) return { ...base, status: 'needs-attention', lastError: error.message };
  // Only an attempt that left can have landed; a failure before it (the check, the id lookup) changes nothing.
  const sent = log.inFlightSince != null;
  const uncertain = Boolean(log.uncertain) || (sent && mayHaveLanded(error));
  const gitlab = error instanceof GitLabError ? error : null;
  if (!gitlab || gitlab.transient || uncertain) {
    const retryAfter = gitlab?.retryAfterMs === undefined ? {} : { retryAfterMs: gitlab.retryAfterMs };
    return { ...base, uncertain, nextAttemptAt: nextAttemptAt(deps.now(), attempts, { uncertain, ...retryAfter }), lastError: errorMessage(error) };
  }
  // GitLab refused it in so many words: the log is not there. A retry notes the item afresh.
  return { ...base, status: 'needs-attention', uncertain: false, evidence: undefined, lastError: t('couldNotLogBecause', [describeLog(log), errorMessage(error)]) };
}

/** One alarm for the earliest pending retry; alarms outlive the worker. */
export async function scheduleRetry(deps: BackgroundDeps): Promise<void> {
  const pending = (await outboxItem.getValue()).filter((l) => l.status === 'pending');
  if (!pending.length) {
    await deps.browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const now = deps.now();
  const when = Math.max(now + 1_000, Math.min(...pending.map((l) => dueAt(l, now))));
  await deps.browser.alarms.create(OUTBOX_ALARM, { when });
}

/**
 * Sends a "Needs attention" log again: the user fixed the cause, or decided. Retrying a log the
 * extension could not check is the user's word that GitLab does not have it; retrying a log made
 * as another account is their word that it is theirs.
 */
export async function retryLog(deps: BackgroundDeps, id: string): Promise<boolean> {
  const log = (await outboxItem.getValue()).find((l) => l.id === id);
  if (!log) return false;
  const instance = await findInstance(log.item.instanceId);
  const updated = await updateEntry(id, (l) => {
    const decided = l.uncertain && !l.evidence ? { uncertain: false, evidence: undefined } : {};
    const author = instance ? { author: instance.username } : {};
    return { ...l, ...decided, ...author, status: 'pending', nextAttemptAt: deps.now(), inFlightSince: null };
  });
  if (!updated) return false;
  await flushOutbox(deps, updated.item.instanceId);
  return true;
}

/** The user gave up on a log: it leaves the outbox without being sent. */
export async function discardLog(id: string): Promise<boolean> {
  let found = false;
  await updateEntry(id, () => {
    found = true;
    return null;
  });
  return found;
}

/** "Send now": every pending log becomes due at once (a log still settling keeps its wait). */
export async function sendPendingNow(deps: BackgroundDeps): Promise<DeliveryReport> {
  await serial(async () => {
    const now = deps.now();
    await outboxItem.setValue(
      (await outboxItem.getValue()).map((l) => (l.status === 'pending' && !l.uncertain ? { ...l, nextAttemptAt: Math.min(l.nextAttemptAt, now) } : l)),
    );
  });
  return flushOutbox(deps);
}

/**
 * A connection was fixed (reconnected, signed in again): the logs held for it go out again, as
 * they were made. One made as another account than the one now connected is held again, asking.
 */
export async function resumeHeldLogs(deps: BackgroundDeps, instanceId: string): Promise<void> {
  await serial(async () => {
    const now = deps.now();
    await outboxItem.setValue(
      (await outboxItem.getValue()).map((l) =>
        l.item.instanceId === instanceId && l.status === 'needs-attention' && !(l.uncertain && !l.evidence) ? { ...l, status: 'pending', nextAttemptAt: now } : l,
      ),
    );
  });
  await flushOutbox(deps, instanceId);
}
