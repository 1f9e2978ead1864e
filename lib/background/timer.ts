/**
 * Timer actions. Each one writes the new state to storage before it answers or tells any view,
 * so whatever happens next (worker stopped, browser closed) the stored state is the truth.
 * Stopping moves the timed work into the outbox in the same storage write that clears the timer:
 * there is no moment where the time exists in neither place.
 */
import { storage } from 'wxt/utils/storage';
import { formatGitLabDuration } from '../gitlab/duration';
import { plural, t } from '../model/i18n';
import { itemReference, sameItem, type ItemInfo } from '../model/item';
import { readClock, settleClock, type ClockFinding, type SeenHere } from '../model/clock';
import { describeLog, newLogId } from '../model/outbox-rules';
import type { LogOutcome, Result, ViewState } from '../model/protocol';
import { outboxItem, parkedTimersItem, settingsItem, timerItem, type PendingLog } from '../model/storage';
import { discardIdle, elapsedMs, keepIdle, loggableSeconds, pauseTimer, resumeTimer, startTimer, type TimerState } from '../model/timer';
import type { BackgroundDeps } from './deps';
import { flushOutbox, type DeliveryReport } from './outbox';
import { serial } from './serial';
import { findInstance } from './token-client';
import { setNotice, viewState } from './views';

/** A long timer's first Stop asks; a second Stop within this window logs it. */
const CONFIRM_WINDOW_MS = 2 * 60_000;
/** How long an answer to Stop or Log time waits for GitLab before saying the log is saved and on its way. */
const ANSWER_WAIT_MS = 10_000;
let longStopAskedAt: { id: string; at: number } | null = null;
/** Where this worker last saw the running timer, in wall and monotonic time (see model/clock.ts). */
let seenHere: SeenHere | null = null;
/** A steady clock is written down at most this often (the badge's tick is one minute). */
const SEEN_WRITE_MS = 30_000;

/** What a view may see: `instanceId` null for an extension page, else only that GitLab's. */
export type Viewer = string | null;

type TimerResult = Result<{ state: ViewState }>;

async function newLog(item: ItemInfo, fields: Pick<PendingLog, 'id' | 'seconds' | 'spentAt' | 'summary'>, now: number): Promise<PendingLog> {
  const instance = await findInstance(item.instanceId);
  return {
    ...fields,
    ...(fields.summary === undefined ? {} : { summary: fields.summary }),
    item,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
    // Whose time it is: a log never goes out as another account without asking.
    ...(instance ? { author: instance.username } : {}),
  };
}

function logFromTimer(timer: TimerState, seconds: number, now: number): Promise<PendingLog> {
  // The timer's run id: a log is recognisable as "this timer's" wherever it goes.
  return newLog(timer.item, { id: timer.id, seconds, spentAt: timer.startedAt, summary: undefined }, now);
}

/** Moves the timer into the outbox in one storage write: the time is always in exactly one place. */
async function queueTimerLog(timer: TimerState, seconds: number, now: number, next: TimerState | null = null, parked?: TimerState[]): Promise<PendingLog> {
  const log = await logFromTimer(timer, seconds, now);
  const outbox = await outboxItem.getValue();
  await storage.setItems([
    { item: timerItem, value: next },
    { item: outboxItem, value: [...outbox.filter((l) => l.id !== log.id), log] },
    ...(parked ? [{ item: parkedTimersItem, value: parked }] : []),
  ]);
  return log;
}

/**
 * Sends the log now (with everything else due on its GitLab) and says what became of it. An
 * answer that takes longer than ANSWER_WAIT_MS is "saved, on its way": the views hear the rest.
 */
async function deliverNow(deps: BackgroundDeps, log: PendingLog): Promise<LogOutcome> {
  const flush = flushOutbox(deps, log.item.instanceId);
  let wait: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    wait = setTimeout(() => resolve(null), ANSWER_WAIT_MS);
  });
  // The wait ends with the answer: no timer is left to keep the worker busy. The log is saved
  // already, so a failure while sending it (storage full mid-send) is "saved, on its way", never
  // an error: the user would log it again.
  const report: DeliveryReport | null = await Promise.race([flush.catch(() => null), late]).finally(() => clearTimeout(wait));
  const outcome = outcomeOf(log, report);
  setNotice(outcome.message, log.item);
  return outcome;
}

/**
 * The stored timer with what the clock did since it was last seen taken into account, stored
 * before it is used: a clock moved back carries the running stretch with it, and time nobody saw
 * pass (a clock moved forward, sleep, a closed browser) waits as a question. Call within serial().
 */
async function timerNow(deps: BackgroundDeps): Promise<{ timer: TimerState | null; finding: ClockFinding }> {
  const current = await timerItem.getValue();
  const steady: ClockFinding = { kind: 'steady' };
  if (!current || current.runningSince === null) return { timer: current, finding: steady };
  const now = { wall: deps.now(), mono: deps.mono() };
  const finding = readClock(current, now, seenHere);
  if (finding.kind === 'steady' && current.seenAt !== undefined && Math.abs(now.wall - current.seenAt) < SEEN_WRITE_MS) return { timer: current, finding };
  const next = settleClock(current, finding, now.wall);
  await timerItem.setValue(next);
  seen(deps, next);
  const ref = itemReference(next.item);
  if (finding.kind === 'back') {
    setNotice(t('clockWentBack', [formatGitLabDuration(Math.round(finding.ms / 1000)), ref]), next.item);
  } else if (finding.kind === 'unseen' && next.idle) {
    const unseen = formatGitLabDuration(Math.round((finding.to - finding.from) / 1000));
    setNotice(
      finding.jumped
        ? t('clockJumped', [unseen, ref])
        : t('ranUnseen', [ref, unseen]),
      next.item,
    );
  }
  return { timer: next, finding };
}

/** This worker has just written the running timer as seen now. */
function seen(deps: BackgroundDeps, timer: TimerState): void {
  if (timer.runningSince !== null && timer.seenAt !== undefined) seenHere = { timerId: timer.id, wall: timer.seenAt, mono: deps.mono() };
}

/** The badge's one-minute tick and a worker's start: looks at the clock. True when the user must be asked. */
export function watchClock(deps: BackgroundDeps): Promise<boolean> {
  return serial(async () => (await timerNow(deps)).finding.kind === 'unseen');
}

export function outcomeOf(log: PendingLog, report: DeliveryReport | null): LogOutcome {
  const base = { id: log.id, item: log.item, seconds: log.seconds };
  const delivered = report?.delivered.find((d) => d.log.id === log.id);
  if (delivered) return { ...base, status: 'landed', ...(delivered.timeStats ? { timeStats: delivered.timeStats } : {}), message: t('loggedLog', describeLog(log)) };
  const failed = report?.failed.find((l) => l.id === log.id);
  if (failed?.status === 'needs-attention') {
    return { ...base, status: 'needs-attention', message: `${failed.lastError ?? t('couldNotLog', describeLog(log))} ${t('waitsUnderNeedsAttention')}` };
  }
  return { ...base, status: 'waiting', message: t('savedWillSend', describeLog(log)) };
}

export async function start(deps: BackgroundDeps, item: ItemInfo, viewer: Viewer): Promise<Result<{ state: ViewState; switched?: LogOutcome }>> {
  const outcome = await serial(() => startLocked(deps, item));
  if ('error' in outcome) return { ok: false, code: 'needs-confirmation', error: outcome.error };
  if (!outcome.log) return { ok: true, state: await viewState(viewer) };
  const switched = await deliverNow(deps, outcome.log);
  // A notice names items of one GitLab only (its pages see it): across GitLabs, this page hears
  // of its own start, and the switched log's outcome is in the answer.
  if (switched.item.instanceId === item.instanceId) setNotice(`${switched.message} ${outcome.started}`, [switched.item, item]);
  else setNotice(outcome.started, item);
  return { ok: true, state: await viewState(viewer), switched };
}

async function startLocked(deps: BackgroundDeps, item: ItemInfo): Promise<{ log?: PendingLog; started: string } | { error: string }> {
  const [{ timer: current }, settings, parked] = await Promise.all([timerNow(deps), settingsItem.getValue(), parkedTimersItem.getValue()]);
  const now = deps.now();
  if (current && sameItem(current.item, item)) {
    if (current.runningSince === null) {
      const resumed = resumeTimer(current, now);
      await timerItem.setValue(resumed);
      seen(deps, resumed);
    }
    setNotice(t('timerRunningOn', itemReference(item)), item);
    return { started: '' };
  }
  // Starting an item whose timer was parked picks it up where it was left.
  const waiting = parked.find((t) => sameItem(t.item, item));
  const next = waiting ? resumeTimer({ ...waiting, item: { ...waiting.item, ...item } }, now) : startTimer(item, now, newLogId(now));
  seen(deps, next);
  const stillParked = parked.filter((t) => t !== waiting);
  const started = waiting ? t('timerResumedOn', itemReference(item)) : t('timerStartedOn', itemReference(item));

  if (!current) {
    await storage.setItems([
      { item: timerItem, value: next },
      { item: parkedTimersItem, value: stillParked },
    ]);
    setNotice(started, item);
    return { started };
  }

  // Time still in question is decided before the running timer is logged or parked with it.
  if (current.idle) return { error: t('decideIdleBeforeStart', itemReference(current.item)) };
  // One timer at a time. The running one is logged (or parked, by setting) before the switch.
  const seconds = loggableSeconds(current, now, settings);
  if (settings.onSwitch === 'pause' || seconds === 0) {
    // Parking also keeps a too-short-to-log stretch rather than throwing it away.
    const park = pauseTimer(current, now);
    await storage.setItems([
      { item: timerItem, value: next },
      { item: parkedTimersItem, value: [...stillParked.filter((t) => !sameItem(t.item, park.item)), park] },
    ]);
    if (current.item.instanceId === item.instanceId) setNotice(`${t('pausedForLater', itemReference(current.item))} ${started}`, [current.item, item]);
    else setNotice(started, item);
    return { started };
  }
  // The running timer's log, the next timer and the parked list change in one write: a worker
  // stopped in between cannot lose the parked timer being picked up.
  return { log: await queueTimerLog(current, seconds, now, next, stillParked), started };
}

export function pause(deps: BackgroundDeps, viewer: Viewer): Promise<TimerResult> {
  return serial(() => setRunning(deps, viewer, false));
}

export function resume(deps: BackgroundDeps, viewer: Viewer): Promise<TimerResult> {
  return serial(() => setRunning(deps, viewer, true));
}

/** Pause (`running` false) or resume the timer; either is a no-op on a timer already so. Call within serial(). */
async function setRunning(deps: BackgroundDeps, viewer: Viewer, running: boolean): Promise<TimerResult> {
  const { timer: current } = await timerNow(deps);
  if (!current) return { ok: false, error: running ? t('noTimerPaused') : t('noTimerRunning'), code: 'refused' };
  if ((current.runningSince !== null) !== running) {
    const next = running ? resumeTimer(current, deps.now()) : pauseTimer(current, deps.now());
    await timerItem.setValue(next);
    seen(deps, next);
  }
  setNotice(running ? t('timerResumedOn', itemReference(current.item)) : t('timerPausedOn', itemReference(current.item)), current.item);
  return { ok: true, state: await viewState(viewer) };
}

export function discard(viewer: Viewer): Promise<TimerResult> {
  return serial(() => discardLocked(viewer));
}

async function discardLocked(viewer: Viewer): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current) return { ok: false, error: t('noTimerRunning'), code: 'refused' };
  await timerItem.setValue(null);
  setNotice(t('timerDiscardedOn', itemReference(current.item)), current.item);
  return { ok: true, state: await viewState(viewer) };
}

export async function stop(deps: BackgroundDeps, viewer: Viewer): Promise<Result<{ state: ViewState; log: LogOutcome }>> {
  const outcome = await serial(() => stopLocked(deps));
  if (!outcome.ok) return outcome;
  const log = await deliverNow(deps, outcome.log);
  return { ok: true, state: await viewState(viewer), log };
}

async function stopLocked(deps: BackgroundDeps): Promise<Result<{ log: PendingLog }>> {
  const [{ timer: current }, settings] = await Promise.all([timerNow(deps), settingsItem.getValue()]);
  if (!current) return { ok: false, error: t('noTimerRunning'), code: 'refused' };
  const now = deps.now();
  if (current.idle) {
    return { ok: false, code: 'needs-confirmation', error: t('decideIdleBeforeStop') };
  }
  const seconds = loggableSeconds(current, now, settings);
  if (seconds === 0) {
    const secs = Math.round(elapsedMs(current, now) / 1000);
    return {
      ok: false,
      code: 'needs-confirmation',
      error: plural('roundsToNothing', secs),
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
        error: t('longTimer', [formatGitLabDuration(seconds, { limitToHours: true }), settings.longTimerHours]),
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
  setNotice(t('awayKeepOrDiscard', formatGitLabDuration(Math.round((idle.to - idle.from) / 1000))), current.item);
  return true;
}

export function resolveIdle(keep: boolean, viewer: Viewer = null): Promise<TimerResult> {
  return serial(() => resolveIdleLocked(keep, viewer));
}

async function resolveIdleLocked(keep: boolean, viewer: Viewer): Promise<TimerResult> {
  const current = await timerItem.getValue();
  if (!current?.idle) return { ok: false, error: t('noIdleTime'), code: 'refused' };
  const away = formatGitLabDuration(Math.round((current.idle.to - current.idle.from) / 1000));
  await timerItem.setValue(keep ? keepIdle(current) : discardIdle(current));
  setNotice(keep ? t('keptIdle', away) : t('discardedIdle', away), current.item);
  return { ok: true, state: await viewState(viewer) };
}

/**
 * A time log the user typed (the widget's Log time): saved to the outbox first, then sent,
 * exactly like a stopped timer. `seconds` is negative to subtract. `instead`: the form's earlier
 * log, refused and held for the user, which this one replaces in the same write; one that may
 * have reached GitLab is not replaced (the user decides it under Needs attention first).
 */
export async function logTime(
  deps: BackgroundDeps,
  item: ItemInfo,
  entry: { seconds: number; summary?: string; spentAt?: number; replaces?: string; instead?: string },
  viewer: Viewer,
): Promise<Result<{ state: ViewState; log: LogOutcome }>> {
  const now = deps.now();
  const fresh = await newLog(item, { id: newLogId(now), seconds: entry.seconds, summary: entry.summary, spentAt: entry.spentAt ?? now }, now);
  const queued: PendingLog = entry.replaces ? { ...fresh, replaces: entry.replaces } : fresh;
  const refusal = await serial(async () => {
    const outbox = await outboxItem.getValue();
    const held = entry.instead === undefined ? undefined : outbox.find((l) => l.id === entry.instead && sameItem(l.item, item));
    if (held && (held.status !== 'needs-attention' || held.uncertain || held.landed)) {
      return t('earlierLogMayHaveLanded', describeLog(held));
    }
    await outboxItem.setValue([...outbox.filter((l) => l !== held), queued]);
    return null;
  });
  if (refusal) return { ok: false, code: 'needs-confirmation', error: refusal };
  const log = await deliverNow(deps, queued);
  return { ok: true, state: await viewState(viewer), log };
}

/** After a retry delivered logs in the background, say so in the views of their GitLab. */
export function noticeForDelivered(report: DeliveryReport): void {
  const delivered = report.delivered.map((d) => d.log);
  if (!delivered.length) return;
  setNotice(
    delivered.map((l) => t('loggedLog', describeLog(l))).join(' '),
    delivered.map((l) => l.item),
  );
}
