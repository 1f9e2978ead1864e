/**
 * Timer actions. Each one writes the new state to storage before it answers or tells any view,
 * so whatever happens next (worker stopped, browser closed) the stored state is the truth.
 * Stopping moves the timed work into the outbox in the same storage write that clears the timer:
 * there is no moment where the time exists in neither place.
 */
import { storage } from 'wxt/utils/storage';
import type { Result, UiState } from '../messaging';
import { outboxItem, timerItem, type PendingLog } from '../storage';
import { elapsedMs, loggableSeconds, pauseTimer, resumeTimer, sameIssue, startTimer, type IssueKey } from '../timer/model';
import { describeIssue, type BackgroundDeps } from './context';
import { flushOutbox, newLogId } from './outbox';
import { formatGitLabDuration } from '../gitlab/duration';

let notice: string | null = null;

export async function readState(): Promise<UiState> {
  const [timer, outbox] = await Promise.all([timerItem.getValue(), outboxItem.getValue()]);
  return { timer, outbox, notice };
}

export function setNotice(text: string | null): void {
  notice = text;
}

type TimerResult = Result<{ state: UiState }>;

/** Moves the running timer into the outbox (one storage write) and returns the queued log. */
async function queueTimerLog(deps: BackgroundDeps): Promise<PendingLog | null> {
  const timer = await timerItem.getValue();
  if (!timer) return null;
  const now = deps.now();
  const seconds = loggableSeconds(timer, now);
  const log: PendingLog = {
    id: newLogId(now),
    instanceId: timer.issue.instanceId,
    projectPath: timer.issue.projectPath,
    iid: timer.issue.iid,
    issueTitle: timer.issue.title,
    seconds,
    spentAt: timer.startedAt,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
  };
  const outbox = await outboxItem.getValue();
  await storage.setItems([
    { item: timerItem, value: null },
    { item: outboxItem, value: [...outbox, log] },
  ]);
  return log;
}

async function deliverAndDescribe(deps: BackgroundDeps, log: PendingLog): Promise<string> {
  const report = await flushOutbox(deps);
  const what = log.seconds < 0 ? `-${formatGitLabDuration(-log.seconds)} to ${describeIssue(log)}` : `${formatGitLabDuration(log.seconds)} to ${describeIssue(log)}`;
  if (report.delivered.some((l) => l.id === log.id)) return `Logged ${what}.`;
  const failed = report.failed.find((l) => l.id === log.id);
  if (failed?.status === 'needs-attention') return failed.lastError ?? `Could not log ${what}.`;
  return `Saved ${what}; GitLab could not be reached, so it will be sent automatically.`;
}

export async function start(deps: BackgroundDeps, issue: IssueKey): Promise<TimerResult> {
  const current = await timerItem.getValue();
  const now = deps.now();
  if (current && sameIssue(current.issue, issue)) {
    if (current.runningSince === null) await timerItem.setValue(resumeTimer(current, now));
    return { ok: true, state: await readState() };
  }
  let switched: string | null = null;
  if (current) {
    // One timer at a time: starting another issue logs the running one first.
    if (loggableSeconds(current, now) >= 60) {
      const log = await queueTimerLog(deps);
      if (log) switched = await deliverAndDescribe(deps, log);
    } else {
      switched = `Dropped ${describeIssue(current.issue)}'s timer: it ran less than a minute.`;
    }
  }
  await timerItem.setValue(startTimer(issue, now));
  setNotice(switched ? `${switched} Timer started on ${describeIssue(issue)}.` : `Timer started on ${describeIssue(issue)}.`);
  return { ok: true, state: await readState() };
}

export async function pause(deps: BackgroundDeps): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is running.', code: 'refused' };
  await timerItem.setValue(pauseTimer(current, deps.now()));
  setNotice(`Timer paused on ${describeIssue(current.issue)}.`);
  return { ok: true, state: await readState() };
}

export async function resume(deps: BackgroundDeps): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is paused.', code: 'refused' };
  await timerItem.setValue(resumeTimer(current, deps.now()));
  setNotice(`Timer resumed on ${describeIssue(current.issue)}.`);
  return { ok: true, state: await readState() };
}

export async function discard(): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is running.', code: 'refused' };
  await timerItem.setValue(null);
  setNotice(`Timer on ${describeIssue(current.issue)} discarded; nothing was logged.`);
  return { ok: true, state: await readState() };
}

export async function stop(deps: BackgroundDeps): Promise<Result<{ state: UiState; loggedSeconds: number }>> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is running.', code: 'refused' };
  const seconds = loggableSeconds(current, deps.now());
  if (seconds < 60) {
    const secs = Math.round(elapsedMs(current, deps.now()) / 1000);
    return {
      ok: false,
      code: 'needs-confirmation',
      error: `Only ${secs} seconds timed: GitLab logs whole minutes, so nothing was logged. Keep the timer running, or discard it.`,
    };
  }
  const log = await queueTimerLog(deps);
  if (!log) return { ok: false, error: 'No timer is running.', code: 'refused' };
  setNotice(await deliverAndDescribe(deps, log));
  return { ok: true, state: await readState(), loggedSeconds: log.seconds };
}

/**
 * A time log the user typed (widget's Log time): saved to the outbox first, then sent, exactly
 * like a stopped timer. `seconds` is negative to subtract.
 */
export async function logTime(
  deps: BackgroundDeps,
  issue: IssueKey,
  entry: { seconds: number; summary?: string; spentAt?: number },
): Promise<Result<{ state: UiState; delivered: boolean }>> {
  const now = deps.now();
  const log: PendingLog = {
    id: newLogId(now),
    instanceId: issue.instanceId,
    projectPath: issue.projectPath,
    iid: issue.iid,
    issueTitle: issue.title,
    seconds: entry.seconds,
    summary: entry.summary,
    spentAt: entry.spentAt ?? now,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
  };
  await outboxItem.setValue([...(await outboxItem.getValue()), log]);
  const notice = await deliverAndDescribe(deps, log);
  setNotice(notice);
  const delivered = !(await outboxItem.getValue()).some((l) => l.id === log.id);
  return { ok: true, state: await readState(), delivered };
}
