/**
 * Time logs on their way to GitLab. A log is written here before anything is sent, and leaves
 * only when GitLab confirmed it. Transient failures (network, timeout, 5xx, 429) are retried
 * with backoff by an alarm, so retries go on after the worker is stopped or the browser restarts;
 * permanent ones (400, 401, 403, 404) wait in "Needs attention" for the user.
 */
import { GitLabError } from '../gitlab/client';
import { outboxItem, type PendingLog } from '../storage';
import { clientFor, describeIssue, errorMessage, type BackgroundDeps } from './context';

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

export interface DeliveryReport {
  delivered: PendingLog[];
  failed: PendingLog[];
}

let flushing: Promise<DeliveryReport> | null = null;

/** Sends every due log once. Concurrent calls share one pass, so no log is ever in flight twice. */
export function flushOutbox(deps: BackgroundDeps): Promise<DeliveryReport> {
  flushing ??= runFlush(deps).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function updateEntry(id: string, change: (log: PendingLog) => PendingLog | null): Promise<void> {
  const logs = await outboxItem.getValue();
  const next: PendingLog[] = [];
  for (const log of logs) {
    if (log.id !== id) next.push(log);
    else {
      const changed = change(log);
      if (changed) next.push(changed);
    }
  }
  await outboxItem.setValue(next);
}

async function runFlush(deps: BackgroundDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], failed: [] };
  const due = (await outboxItem.getValue()).filter((l) => l.status === 'pending' && l.nextAttemptAt <= deps.now());
  for (const log of due) {
    const client = await clientFor(deps, log.instanceId);
    if (!client) {
      const failed = { ...log, status: 'needs-attention' as const, lastError: `Not connected to ${log.instanceId} any more. Reconnect it, then retry.` };
      await updateEntry(log.id, () => failed);
      report.failed.push(failed);
      continue;
    }
    // Count the attempt before sending: a worker killed mid-request still remembers it tried.
    await updateEntry(log.id, (l) => ({ ...l, attempts: l.attempts + 1 }));
    try {
      await client.addSpentTime(log.projectPath, log.iid, durationParam(log.seconds), log.summary);
      await updateEntry(log.id, () => null);
      report.delivered.push(log);
    } catch (error) {
      const transient = error instanceof GitLabError && error.transient;
      const attempts = log.attempts + 1;
      const failed: PendingLog = transient
        ? {
            ...log,
            attempts,
            nextAttemptAt: deps.now() + Math.max(backoffMs(attempts), (error as GitLabError).retryAfterMs ?? 0),
            lastError: errorMessage(error),
          }
        : { ...log, attempts, status: 'needs-attention', lastError: `Could not log time to ${describeIssue(log)}: ${errorMessage(error)}` };
      await updateEntry(log.id, () => failed);
      report.failed.push(failed);
    }
  }
  await scheduleRetry(deps);
  return report;
}

/** One alarm for the earliest pending retry; alarms outlive the worker. */
export async function scheduleRetry(deps: BackgroundDeps): Promise<void> {
  const pending = (await outboxItem.getValue()).filter((l) => l.status === 'pending');
  if (!pending.length) {
    await deps.browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const when = Math.max(deps.now() + 1_000, Math.min(...pending.map((l) => l.nextAttemptAt)));
  deps.browser.alarms.create(OUTBOX_ALARM, { when });
}

/** Sends a "Needs attention" log again (after the user fixed the cause). */
export async function retryLog(deps: BackgroundDeps, id: string): Promise<boolean> {
  const logs = await outboxItem.getValue();
  if (!logs.some((l) => l.id === id)) return false;
  await updateEntry(id, (l) => ({ ...l, status: 'pending', nextAttemptAt: deps.now() }));
  await flushOutbox(deps);
  return true;
}

/** The user gave up on a log: it leaves the outbox without being sent. */
export async function discardLog(id: string): Promise<boolean> {
  const logs = await outboxItem.getValue();
  if (!logs.some((l) => l.id === id)) return false;
  await updateEntry(id, () => null);
  return true;
}
