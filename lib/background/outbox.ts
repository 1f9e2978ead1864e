/**
 * Time logs on their way to GitLab, delivered exactly once.
 *
 * - A log is written here before anything is sent, and leaves only when GitLab confirmed it.
 * - Transient failures (network, timeout, 5xx, 429) are retried with backoff by an alarm, so
 *   retries go on after the worker is stopped or the browser restarts; permanent ones (400, 401,
 *   403, 404) wait in "Needs attention" for the user.
 * - Before the first send the issue's total time spent is recorded. When an answer is lost (the
 *   request may have been applied), or the worker died mid-request, the next attempt first reads
 *   the total again: if the log is already in it, it is not sent a second time.
 * - One pass at a time: a log is never in flight twice.
 */
import { GitLabError, type GitLabClient } from '../gitlab/client';
import { outboxItem, type PendingLog } from '../model/storage';
import { supportsTimelogGraphql } from '../gitlab/version';
import { clientFor, describeIssue, errorMessage, findInstance, type BackgroundDeps } from './token-client';
import { serial } from './serial';
import { noteUnsettledWrite, SETTLE_MS, statsBeforeSend, statsFromGitLab, writeStats } from './time-stats';

export const OUTBOX_ALARM = 'outbox-retry';
export const CORRECTION_SUMMARY = 'Correction: the previous time log reached GitLab more than once';
const MAX_BACKOFF_MS = 30 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * GitLab keeps whole minutes; send an exact minute count so every server reads it the same.
 * Negative seconds subtract (a correction the user typed as `-30m`).
 */
export function durationParam(seconds: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(seconds) / 60));
  return `${seconds < 0 ? '-' : ''}${minutes}m`;
}

export function newLogId(now: number): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The summary sent with a log. A log delivered on a later day than the work says which day the
 * work was done, since GitLab's REST API files it under the day it arrives.
 */
export function summaryFor(log: PendingLog, now: number): string | undefined {
  const day = localDay(log.spentAt);
  if (day === localDay(now)) return log.summary;
  const note = `(work done on ${day})`;
  return log.summary ? `${log.summary} ${note}`.slice(0, 255) : note;
}

/**
 * How many copies of this log the server's total holds, measured from the total before the
 * first send. More than one means the browser resent requests GitLab had applied (a dropped
 * reused connection); a total that moved by something else counts as one copy at most.
 */
export function copiesLanded(log: PendingLog, totalNow: number): number {
  if (log.baselineSpent === undefined) return 0;
  const step = Math.sign(log.seconds) * loggedSeconds(log);
  const delta = totalNow - log.baselineSpent;
  if (step !== 0 && delta !== 0 && delta % step === 0 && delta / step > 1 && delta / step <= 5) return delta / step;
  return (step >= 0 ? delta >= step : delta <= step) ? 1 : 0;
}

export interface DeliveryReport {
  delivered: PendingLog[];
  failed: PendingLog[];
}

let running: Promise<DeliveryReport> | null = null;
/** Logs this worker itself has in flight; any other in-flight mark was left by a stopped worker. */
const inFlightHere = new Set<string>();
let again = false;

/**
 * Sends every due log. A call during a pass waits for it and then for one more pass, so a log
 * queued meanwhile goes out now rather than at the next alarm, and never twice at once.
 */
export function flushOutbox(deps: BackgroundDeps): Promise<DeliveryReport> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    const total: DeliveryReport = { delivered: [], failed: [] };
    do {
      again = false;
      const pass = await runFlush(deps);
      total.delivered.push(...pass.delivered);
      total.failed = [...total.failed.filter((f) => !pass.delivered.some((d) => d.id === f.id)), ...pass.failed];
    } while (again);
    await scheduleRetry(deps);
    return total;
  })().finally(() => {
    running = null;
  });
  return running;
}

function updateEntry(id: string, change: (log: PendingLog) => PendingLog | null): Promise<PendingLog | null> {
  return serial(() => updateEntryNow(id, change));
}

async function updateEntryNow(id: string, change: (log: PendingLog) => PendingLog | null): Promise<PendingLog | null> {
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
}

/** Sends one log; false when it left the outbox meanwhile (the user discarded it). */
async function deliver(deps: BackgroundDeps, client: GitLabClient, start: PendingLog): Promise<boolean> {
  let log: PendingLog | null = start;
  const instance = await findInstance(log.instanceId);
  const graphql = supportsTimelogGraphql(instance?.gitlabVersion);
  const username = instance?.username ?? null;
  if ((log.attempts > 0 || log.inFlightSince) && log.baselineSpent !== undefined) {
    // Any earlier attempt may have landed, even one that failed: the browser can resend a
    // request GitLab applied and hand us only the resend's error. Look before sending again,
    // always with a new read.
    if (log.inFlightSince) noteUnsettledWrite(log, log.inFlightSince);
    const stats = await statsFromGitLab(deps, client, log);
    const copies = copiesLanded(log, stats.total_time_spent);
    if (copies > 1) await repairDuplicates(deps, client, log, copies - 1, graphql, username);
    if (copies > 0) return true;
    log = await updateEntry(log.id, (l) => ({ ...l, inFlightSince: null }));
    if (!log) return false;
  } else {
    // The total before the first send: what every later check is measured against. A read the
    // issue page made after the log was queued serves as well (time-stats.ts says when).
    const stats = await statsBeforeSend(deps, client, log, log.createdAt);
    log = await updateEntry(log.id, (l) => ({ ...l, baselineSpent: stats.total_time_spent }));
    if (!log) return false;
  }
  const now = deps.now();
  // Written before the request leaves: a worker killed now still knows to check first.
  log = await updateEntry(log.id, (l) => ({ ...l, inFlightSince: now }));
  if (!log) return false;
  inFlightHere.add(log.id);
  try {
    return await sendLog(client, log, graphql, now, deps, username);
  } catch (error) {
    if (error instanceof GitLabError && !error.transient && !error.ambiguous) {
      // GitLab refused the write in so many words, and the check above found no earlier copy:
      // the log is not in the total. It now waits for the user while later logs of the issue go
      // out, so the total it was measured against is stale: a retry measures afresh.
      await updateEntry(log.id, (l) => ({ ...l, baselineSpent: undefined }));
    }
    throw error;
  } finally {
    inFlightHere.delete(log.id);
  }
}

async function sendLog(client: GitLabClient, log: PendingLog, graphql: boolean, now: number, deps: BackgroundDeps, username: string | null): Promise<boolean> {
  if (graphql && log.seconds > 0 && localDay(log.spentAt) !== localDay(now)) {
    // Late delivery: file it under the day the work was done.
    const issueId = await client.getIssueId(log.projectPath, log.iid);
    const timelog = { issueId, duration: durationParam(log.seconds), spentAt: new Date(log.spentAt).toISOString(), summary: log.summary };
    await writeStats(deps, log, () => client.createTimelog(timelog), () => null);
    return true;
  }
  // GitLab answers with the issue's new numbers: the issue page shows them without asking again.
  const stats = await writeStats(deps, log, () => client.addSpentTime(log.projectPath, log.iid, durationParam(log.seconds), summaryFor(log, now)), (s) => s);
  const copies = copiesLanded(log, stats.total_time_spent);
  if (copies > 1) await repairDuplicates(deps, client, log, copies - 1, graphql, username);
  return true;
}

function loggedSeconds(log: PendingLog): number {
  return Math.round(Math.abs(log.seconds) / 60) * 60;
}

async function repairDuplicates(deps: BackgroundDeps, client: GitLabClient, log: PendingLog, extra: number, graphql: boolean, username: string | null): Promise<void> {
  let left = extra;
  if (graphql) {
    const copies = (await client.issueTimelogs(log.projectPath, log.iid).catch(() => []))
      .filter((t) => t.seconds === Math.sign(log.seconds) * loggedSeconds(log) && (username === null || t.username === username))
      .sort((a, b) => timelogNumber(b.id) - timelogNumber(a.id));
    // Keep the oldest copy; delete the newer ones.
    for (const copy of copies.slice(0, Math.min(left, copies.length - 1))) {
      if (await writeStats(deps, log, () => client.deleteTimelog(copy.id), () => null).then(() => true, () => false)) left--;
    }
  }
  if (left <= 0) return;
  // No GraphQL (or it failed): a correcting log through the outbox keeps the total right.
  const now = deps.now();
  const correction: PendingLog = {
    ...log,
    id: `${log.id}-undo`,
    seconds: -Math.sign(log.seconds) * loggedSeconds(log) * left,
    summary: CORRECTION_SUMMARY,
    createdAt: now,
    spentAt: now,
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
    baselineSpent: undefined,
    inFlightSince: null,
  };
  await serial(async () => outboxItem.setValue([...(await outboxItem.getValue()).filter((l) => l.id !== correction.id), correction]));
  again = true;
}

function timelogNumber(gid: string): number {
  return Number(/(\d+)$/.exec(gid)?.[1] ?? 0);
}

/**
 * One log per issue is ever unsettled: logs of the same issue go out in order, and a later one
 * waits while an earlier one is still pending. So the total an unsettled log was measured
 * against changes only by that log (and by other people), and its check stays sound.
 */
function issueKey(log: PendingLog): string {
  return `${log.instanceId} ${log.projectPath.toLowerCase()} ${log.iid}`;
}

async function runFlush(deps: BackgroundDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], failed: [] };
  const now = deps.now();
  const waiting = new Set<string>();
  for (const log of await outboxItem.getValue()) {
    const key = issueKey(log);
    if (log.status !== 'pending') {
      // A held log that may still have landed (an attempt of it went unanswered, and nothing
      // has checked since) is measured against the issue's total before it: later logs of that
      // issue wait behind it until the user retries or discards it, or its check would be wrong.
      if (log.baselineSpent !== undefined) waiting.add(key);
      continue;
    }
    if (waiting.has(key)) continue;
    if (log.nextAttemptAt > now) {
      waiting.add(key);
      continue;
    }
    // A request left by a worker that was stopped mid-flight may still be on its way to GitLab.
    // Checking the total before it arrived would say "not there" and send the log twice, so such
    // a log waits until that request has surely landed or died (SETTLE_MS).
    if (log.inFlightSince && now - log.inFlightSince < SETTLE_MS && !inFlightHere.has(log.id)) {
      await updateEntry(log.id, (l) => ({ ...l, nextAttemptAt: (l.inFlightSince ?? now) + SETTLE_MS }));
      waiting.add(key);
      continue;
    }
    const client = await clientFor(deps, log.instanceId);
    if (!client) {
      const failed = await updateEntry(log.id, (l) => ({ ...l, status: 'needs-attention', lastError: `Not connected to ${log.instanceId} any more. Reconnect it, then retry.` }));
      if (failed) report.failed.push(failed);
      continue;
    }
    try {
      if (!(await deliver(deps, client, log))) continue;
      await updateEntry(log.id, () => null);
      report.delivered.push(log);
    } catch (error) {
      const failed = await updateEntry(log.id, (l) => failedEntry(deps, l, error));
      if (failed) report.failed.push(failed);
      if (failed?.status === 'pending') waiting.add(key);
    }
  }
  return report;
}

function failedEntry(deps: BackgroundDeps, log: PendingLog, error: unknown): PendingLog {
  const gitlab = error instanceof GitLabError ? error : null;
  const attempts = log.attempts + 1;
  const base = { ...log, attempts, inFlightSince: null };
  if (gitlab?.transient) {
    const wait = Math.max(backoffMs(attempts), gitlab.retryAfterMs ?? 0);
    return { ...base, nextAttemptAt: deps.now() + wait, lastError: errorMessage(error) };
  }
  return { ...base, status: 'needs-attention', lastError: `Could not log time to ${describeIssue(log)}: ${errorMessage(error)}` };
}

/** One alarm for the earliest pending retry; alarms outlive the worker. */
export async function scheduleRetry(deps: BackgroundDeps): Promise<void> {
  const pending = (await outboxItem.getValue()).filter((l) => l.status === 'pending');
  if (!pending.length) {
    await deps.browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const when = Math.max(deps.now() + 1_000, Math.min(...pending.map((l) => l.nextAttemptAt)));
  await deps.browser.alarms.create(OUTBOX_ALARM, { when });
}

/** Sends a "Needs attention" log again (after the user fixed the cause). */
export async function retryLog(deps: BackgroundDeps, id: string): Promise<boolean> {
  const updated = await updateEntry(id, (l) => ({ ...l, status: 'pending', nextAttemptAt: deps.now() }));
  if (!updated) return false;
  await flushOutbox(deps);
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
    await outboxItem.setValue((await outboxItem.getValue()).map((l) => (l.status === 'pending' ? { ...l, nextAttemptAt: Math.min(l.nextAttemptAt, now) } : l)));
  });
  return flushOutbox(deps);
}
