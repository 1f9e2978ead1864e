/**
 * Timer actions. Each one writes the new state to storage before it answers or tells any view,
 * so whatever happens next (worker stopped, browser closed) the stored state is the truth.
 * Stopping moves the timed work into the outbox in the same storage write that clears the timer:
 * there is no moment where the time exists in neither place.
 */
import { storage } from 'wxt/utils/storage';
import { formatGitLabDuration } from '../gitlab/duration';
import type { Result, UiState } from '../model/protocol';
import { outboxItem, parkedTimersItem, settingsItem, timerItem, type PendingLog } from '../model/storage';
import {
  discardIdle,
  elapsedMs,
  keepIdle,
  loggableSeconds,
  pauseTimer,
  resumeTimer,
  sameIssue,
  startTimer,
  type IssueKey,
  type TimerState,
} from '../model/timer';
import { describeIssue, type BackgroundDeps } from './token-client';
import { flushOutbox, newLogId } from './outbox';
import { serial } from './serial';

let notice: string | null = null;
/** A long timer's first Stop asks; a second Stop within this window logs it. */
const CONFIRM_WINDOW_MS = 2 * 60_000;
let longStopAskedAt: { id: string; at: number } | null = null;

export async function readState(): Promise<UiState> {
  const [timer, outbox] = await Promise.all([timerItem.getValue(), outboxItem.getValue()]);
  return { timer, outbox, notice };
}

export function currentNotice(): string | null {
  return notice;
}

let noticeListener: (() => void) | null = null;

/** Views hear of a new notice like of any other change (the router broadcasts). */
export function onNoticeChanged(listener: () => void): void {
  noticeListener = listener;
}

export function setNotice(text: string | null): void {
  if (text !== notice) noticeListener?.();
  notice = text;
}

type TimerResult = Result<{ state: UiState }>;


function logFromTimer(timer: TimerState, seconds: number, now: number): PendingLog {
  return {
    // The timer's run id: a log is recognisable as "this timer's" wherever it goes.
    id: timer.id,
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
}

/** Moves the timer into the outbox in one storage write: the time is always in exactly one place. */
async function queueTimerLog(timer: TimerState, seconds: number, now: number, next: TimerState | null = null): Promise<PendingLog> {
  const log = logFromTimer(timer, seconds, now);
  const outbox = await outboxItem.getValue();
  await storage.setItems([
    { item: timerItem, value: next },
    { item: outboxItem, value: [...outbox.filter((l) => l.id !== log.id), log] },
  ]);
  return log;
}

function what(log: Pick<PendingLog, 'seconds' | 'projectPath' | 'iid'>): string {
  const amount = log.seconds < 0 ? `-${formatGitLabDuration(-log.seconds)}` : formatGitLabDuration(log.seconds);
  return `${amount} to ${describeIssue(log)}`;
}

async function deliverAndDescribe(deps: BackgroundDeps, log: PendingLog): Promise<string> {
  const report = await flushOutbox(deps);
  if (report.delivered.some((l) => l.id === log.id)) return `Logged ${what(log)}.`;
  const failed = report.failed.find((l) => l.id === log.id);
  if (failed?.status === 'needs-attention') return failed.lastError ?? `Could not log ${what(log)}.`;
  return `Saved ${what(log)}; GitLab could not be reached, so it will be sent automatically.`;
}

export async function start(deps: BackgroundDeps, issue: IssueKey): Promise<Result<{ state: UiState; switched?: { issue: IssueKey; seconds: number } }>> {
  const outcome = await serial(() => startLocked(deps, issue));
  if (!outcome.log) return { ok: true, state: await readState() };
  setNotice(`${await deliverAndDescribe(deps, outcome.log)} ${outcome.started}`);
  return { ok: true, state: await readState(), switched: { issue: outcome.log.issue, seconds: outcome.log.seconds } };
}

async function startLocked(deps: BackgroundDeps, issue: IssueKey): Promise<{ log?: PendingLog & { issue: IssueKey }; started: string }> {
  const now = deps.now();
  const [current, settings, parked] = await Promise.all([timerItem.getValue(), settingsItem.getValue(), parkedTimersItem.getValue()]);
  if (current && sameIssue(current.issue, issue)) {
    if (current.runningSince === null) await timerItem.setValue(resumeTimer(current, now));
    setNotice(`Timer running on ${describeIssue(issue)}.`);
    return { started: '' };
  }
  // Starting an issue whose timer was parked picks it up where it was left.
  const waiting = parked.find((t) => sameIssue(t.issue, issue));
  const next = waiting ? resumeTimer({ ...waiting, issue: { ...waiting.issue, ...issue } }, now) : startTimer(issue, now, newLogId(now));
  const stillParked = parked.filter((t) => t !== waiting);
  const started = `Timer ${waiting ? 'resumed' : 'started'} on ${describeIssue(issue)}.`;

  if (!current) {
    await storage.setItems([
      { item: timerItem, value: next },
      { item: parkedTimersItem, value: stillParked },
    ]);
    setNotice(started);
    return { started };
  }

  // One timer at a time. The running one is logged (or parked, by setting) before the switch.
  const seconds = loggableSeconds(current, now, settings);
  if (settings.onSwitch === 'pause' || seconds === 0) {
    // Parking also keeps a too-short-to-log stretch rather than throwing it away.
    const park = pauseTimer(current, now);
    await storage.setItems([
      { item: timerItem, value: next },
      { item: parkedTimersItem, value: [...stillParked.filter((t) => !sameIssue(t.issue, park.issue)), park] },
    ]);
    setNotice(`Paused ${describeIssue(current.issue)} (kept for later). ${started}`);
    return { started };
  }
  await storage.setItems([{ item: parkedTimersItem, value: stillParked }]);
  const log = await queueTimerLog(current, seconds, now, next);
  return { log: { ...log, issue: current.issue }, started };
}

export function pause(deps: BackgroundDeps): Promise<TimerResult> {
  return serial(() => pauseLocked(deps));
}

async function pauseLocked(deps: BackgroundDeps): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is running.', code: 'refused' };
  await timerItem.setValue(pauseTimer(current, deps.now()));
  setNotice(`Timer paused on ${describeIssue(current.issue)}.`);
  return { ok: true, state: await readState() };
}

export function resume(deps: BackgroundDeps): Promise<TimerResult> {
  return serial(() => resumeLocked(deps));
}

async function resumeLocked(deps: BackgroundDeps): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is paused.', code: 'refused' };
  await timerItem.setValue(resumeTimer(current, deps.now()));
  setNotice(`Timer resumed on ${describeIssue(current.issue)}.`);
  return { ok: true, state: await readState() };
}

export function discard(): Promise<TimerResult> {
  return serial(discardLocked);
}

async function discardLocked(): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: 'No timer is running.', code: 'refused' };
  await timerItem.setValue(null);
  setNotice(`Timer on ${describeIssue(current.issue)} discarded; nothing was logged.`);
  return { ok: true, state: await readState() };
}

export async function stop(deps: BackgroundDeps): Promise<Result<{ state: UiState; loggedSeconds: number }>> {
  const outcome = await serial(() => stopLocked(deps));
  if (!outcome.ok) return outcome;
  setNotice(await deliverAndDescribe(deps, outcome.log));
  return { ok: true, state: await readState(), loggedSeconds: outcome.log.seconds };
}

async function stopLocked(deps: BackgroundDeps): Promise<Result<{ log: PendingLog }>> {
  const [current, settings] = await Promise.all([timerItem.getValue(), settingsItem.getValue()]);
  if (!current) return { ok: false, error: 'No timer is running.', code: 'refused' };
  const now = deps.now();
  if (current.idle) {
    return { ok: false, code: 'needs-confirmation', error: 'First choose whether to keep or discard the idle time, then stop the timer.' };
  }
  const seconds = loggableSeconds(current, now, settings);
  if (seconds === 0) {
    const secs = Math.round(elapsedMs(current, now) / 1000);
    return {
      ok: false,
      code: 'needs-confirmation',
      error: `Only ${secs} seconds timed, which rounds to nothing, so nothing was logged. Keep the timer running, or discard it.`,
    };
  }
  const longMs = settings.longTimerHours * 3_600_000;
  if (elapsedMs(current, now) > longMs) {
    const confirmed = longStopAskedAt?.id === current.id && now - longStopAskedAt.at < CONFIRM_WINDOW_MS && now >= longStopAskedAt.at;
    if (!confirmed) {
      longStopAskedAt = { id: current.id, at: now };
      return {
        ok: false,
        code: 'needs-confirmation',
        error: `This timer ran ${formatGitLabDuration(seconds, { limitToHours: true })}, more than ${settings.longTimerHours} hours: was it left running? Press Stop timer again to log all of it, or Discard timer.`,
      };
    }
  }
  longStopAskedAt = null;
  return { ok: true, log: await queueTimerLog(current, seconds, now) };
}

/** The idle API noticed the user away while the timer ran: remember it, ask on return. */
export function noteIdle(from: number, to: number): Promise<boolean> {
  return serial(() => noteIdleLocked(from, to));
}

async function noteIdleLocked(from: number, to: number): Promise<boolean> {
  const current = await timerItem.getValue();
  if (!current || current.runningSince === null || to <= from) return false;
  const start = Math.max(from, current.runningSince);
  if (to - start <= 0) return false;
  const idle = current.idle ? { from: Math.min(current.idle.from, start), to: Math.max(current.idle.to, to) } : { from: start, to };
  await timerItem.setValue({ ...current, idle });
  setNotice(`You were away ${formatGitLabDuration(Math.round((idle.to - idle.from) / 1000))} while the timer ran. Keep or discard that time?`);
  return true;
}

export function resolveIdle(keep: boolean): Promise<TimerResult> {
  return serial(() => resolveIdleLocked(keep));
}

async function resolveIdleLocked(keep: boolean): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current?.idle) return { ok: false, error: 'There is no idle time to decide about.', code: 'refused' };
  const away = formatGitLabDuration(Math.round((current.idle.to - current.idle.from) / 1000));
  await timerItem.setValue(keep ? keepIdle(current) : discardIdle(current));
  setNotice(keep ? `Kept ${away} of idle time.` : `Discarded ${away} of idle time.`);
  return { ok: true, state: await readState() };
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
  await serial(async () => outboxItem.setValue([...(await outboxItem.getValue()), log]));
  setNotice(await deliverAndDescribe(deps, log));
  const delivered = !(await outboxItem.getValue()).some((l) => l.id === log.id);
  return { ok: true, state: await readState(), delivered };
}

/** After a retry delivered logs in the background, say so in every view. */
export function noticeForDelivered(delivered: PendingLog[]): void {
  if (!delivered.length) return;
  setNotice(delivered.map((l) => `Logged ${what(l)}.`).join(' '));
}
