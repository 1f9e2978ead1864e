/**
 * The computer's clock can be moved while a timer runs: by hand, by a time zone or daylight
 * saving mistake, by a virtual machine resuming, or by sleep. A timer stores wall-clock instants
 * (they survive a stopped worker), so a clock moved back would count a running stretch as zero
 * and a clock moved forward would inflate it.
 *
 * What the browser can tell, we count exactly: while one worker lives, its monotonic clock
 * (`performance.now()`) measures real elapsed time, and a difference between it and the wall
 * clock is a jump. Across a stopped worker there is only the wall clock and the last instant the
 * timer was seen (`seenAt`, refreshed every minute while it runs):
 * - a clock that went back (now before `seenAt`) cannot mean time passed backwards: the running
 *   stretch is moved back with it, so no earlier work is lost (the unseen minute is not counted);
 * - time that passed unseen, longer than the timer's one-minute tick allows (a clock moved
 *   forward, a sleeping computer, a browser closed with the timer running), is asked about, like
 *   idle time: keep it or discard it. It is never silently added or dropped.
 */
import type { TimerState } from './timer';

/** A jump smaller than this is the clock being trimmed (NTP), not moved. */
export const CLOCK_JUMP_MS = 60_000;
/** The timer is seen every minute while it runs; a longer silence is time nobody vouched for. */
export const UNSEEN_GAP_MS = 5 * 60_000;

export interface ClockReading {
  /** Epoch ms from the wall clock. */
  wall: number;
  /** `performance.now()` of this worker. */
  mono: number;
}

/** Where this worker last saw the running timer, in both clocks. */
export interface SeenHere extends ClockReading {
  timerId: string;
}

export type ClockFinding =
  | { kind: 'steady' }
  /** The wall clock went back by `ms`: the running stretch follows it. */
  | { kind: 'back'; ms: number }
  /** Wall time from `from` to `to` that the browser cannot vouch for: ask the user. */
  | { kind: 'unseen'; from: number; to: number; jumped: boolean };

/**
 * What happened to the clock since the running timer was last seen. `here` is this worker's own
 * last sighting, trusted only when it matches the stored one (same timer, same instant).
 */
export function readClock(timer: TimerState, now: ClockReading, here: SeenHere | null): ClockFinding {
  if (timer.runningSince === null || timer.seenAt === undefined) return { kind: 'steady' };
  if (here && here.timerId === timer.id && here.wall === timer.seenAt) {
    const jump = now.wall - here.wall - (now.mono - here.mono);
    if (jump <= -CLOCK_JUMP_MS) return { kind: 'back', ms: -jump };
    if (jump >= CLOCK_JUMP_MS) return { kind: 'unseen', from: now.wall - jump, to: now.wall, jumped: true };
    return { kind: 'steady' };
  }
  if (now.wall <= timer.seenAt - CLOCK_JUMP_MS) return { kind: 'back', ms: timer.seenAt - now.wall };
  if (now.wall - timer.seenAt > UNSEEN_GAP_MS) return { kind: 'unseen', from: timer.seenAt, to: now.wall, jumped: false };
  return { kind: 'steady' };
}

/**
 * The timer after a finding: moved back with the clock, or with the unseen time held as a
 * question (the idle question: keep or discard). Always seen now.
 */
export function settleClock(timer: TimerState, finding: ClockFinding, nowWall: number): TimerState {
  if (finding.kind === 'back') {
    const shift = (t: number) => t - finding.ms;
    return {
      ...timer,
      ...(timer.runningSince === null ? {} : { runningSince: shift(timer.runningSince) }),
      // The question already asked is about the same stretch, in the old clock's instants.
      idle: timer.idle ? { from: shift(timer.idle.from), to: shift(timer.idle.to) } : (timer.idle ?? null),
      seenAt: nowWall,
    };
  }
  if (finding.kind === 'unseen' && timer.runningSince !== null) {
    const from = Math.max(finding.from, timer.runningSince);
    if (finding.to > from) {
      const idle = timer.idle ? { from: Math.min(timer.idle.from, from), to: Math.max(timer.idle.to, finding.to) } : { from, to: finding.to };
      return { ...timer, idle, seenAt: nowWall };
    }
  }
  return { ...timer, seenAt: nowWall };
}
