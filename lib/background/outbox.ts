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
import { outboxItem, type PendingLog } from '../storage';
import { supportsTimelogGraphql } from '../gitlab/version';
import { clientFor, describeIssue, errorMessage, findInstance, type BackgroundDeps } from './context';
import { serial } from './serial';

export const OUTBOX_ALARM = 'outbox-retry';
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

/** Has the server already counted this log? Compares the total with the one before the first send. */
export function alreadyLanded(log: PendingLog, totalNow: number): boolean {
  if (log.baselineSpent === undefined) return false;
  const expected = log.baselineSpent + Math.round(log.seconds / 60) * 60;
  return log.seconds >= 0 ? totalNow >= expected : totalNow <= expected;
}

export interface DeliveryReport {
  delivered: PendingLog[];
  failed: PendingLog[];
}

let running: Promise<DeliveryReport> | null = null;
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
  // A previous attempt may have landed: look before sending again.
  if (log.verify || log.inFlightSince) {
    const stats = await client.getTimeStats(log.projectPath, log.iid);
    if (alreadyLanded(log, stats.total_time_spent)) return true;
    log = await updateEntry(log.id, (l) => ({ ...l, verify: false, inFlightSince: null }));
    if (!log) return false;
  }
  if (log.baselineSpent === undefined) {
    const stats = await client.getTimeStats(log.projectPath, log.iid);
    log = await updateEntry(log.id, (l) => ({ ...l, baselineSpent: stats.total_time_spent }));
    if (!log) return false;
  }
  const instance = await findInstance(log.instanceId);
  const graphql = supportsTimelogGraphql(instance?.gitlabVersion);
  const now = deps.now();
  // Written before the request leaves: a worker killed now still knows to check first.
  log = await updateEntry(log.id, (l) => ({ ...l, inFlightSince: now }));
  if (!log) return false;

  if (graphql && log.seconds > 0 && localDay(log.spentAt) !== localDay(now)) {
    // Late delivery: file it under the day the work was done.
    const issueId = await client.getIssueId(log.projectPath, log.iid);
    await client.createTimelog({ issueId, duration: durationParam(log.seconds), spentAt: new Date(log.spentAt).toISOString(), summary: log.summary });
    return true;
  }
  const stats = await client.addSpentTime(log.projectPath, log.iid, durationParam(log.seconds), summaryFor(log, now));
  if (log.seconds > 0 && stats.total_time_spent - log.baselineSpent! === 2 * loggedSeconds(log)) {
    // The browser's network stack may resend a request whose connection dropped on a reused
    // socket, after GitLab applied it: the total then grew by twice this log. Undo the copy.
    await repairDuplicate(deps, client, log, graphql, instance?.username ?? null);
  }
  return true;
}

function loggedSeconds(log: PendingLog): number {
  return Math.round(Math.abs(log.seconds) / 60) * 60;
}

async function repairDuplicate(deps: BackgroundDeps, client: GitLabClient, log: PendingLog, graphql: boolean, username: string | null): Promise<void> {
  if (graphql) {
    const copies = (await client.issueTimelogs(log.projectPath, log.iid).catch(() => []))
      .filter((t) => t.seconds === loggedSeconds(log) && (username === null || t.username === username))
      .sort((a, b) => timelogNumber(b.id) - timelogNumber(a.id));
    if (copies.length >= 2 && (await client.deleteTimelog(copies[0]!.id).then(() => true, () => false))) return;
  }
  // No GraphQL: a correcting log through the outbox keeps the total right.
  const now = deps.now();
  const correction: PendingLog = {
    ...log,
    id: `${log.id}-undo`,
    seconds: -loggedSeconds(log),
    summary: 'Correction: the previous time log reached GitLab twice',
    createdAt: now,
    spentAt: now,
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
    baselineSpent: undefined,
    inFlightSince: null,
    verify: false,
  };
  await serial(async () => outboxItem.setValue([...(await outboxItem.getValue()).filter((l) => l.id !== correction.id), correction]));
  again = true;
}

function timelogNumber(gid: string): number {
  return Number(/(\d+)$/.exec(gid)?.[1] ?? 0);
}

async function runFlush(deps: BackgroundDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], failed: [] };
  const due = (await outboxItem.getValue()).filter((l) => l.status === 'pending' && l.nextAttemptAt <= deps.now());
  for (const log of due) {
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
    }
  }
  return report;
}

function failedEntry(deps: BackgroundDeps, log: PendingLog, error: unknown): PendingLog {
  const gitlab = error instanceof GitLabError ? error : null;
  const attempts = log.attempts + 1;
  const base = { ...log, attempts, inFlightSince: null, verify: log.verify || (gitlab?.ambiguous ?? false) };
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
