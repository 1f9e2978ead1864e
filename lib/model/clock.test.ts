import { describe, expect, it } from 'vitest';
import { CLOCK_JUMP_MS, readClock, settleClock, UNSEEN_GAP_MS } from './clock';
import { elapsedMs, loggableSeconds, pauseTimer, startTimer, type TimerState } from './timer';
import { discardIdle, keepIdle } from './timer';

const issue = { instanceId: 'https://gitlab.example.com', projectPath: 'acme/web', kind: 'issue' as const, iid: 7 };
const T0 = Date.UTC(2026, 11, 5, 9, 0);
const MIN = 60_000;
/** This worker's performance.now() when the timer started. */
const M0 = 5_000;

function running(): TimerState {
  return startTimer(issue, T0, 't1');
}

describe('readClock while the worker that saw the timer still lives', () => {
  const here = { timerId: 't1', wall: T0, mono: M0 };

  it('time passing on both clocks is steady', () => {
    expect(readClock(running(), { wall: T0 + 30 * MIN, mono: M0 + 30 * MIN }, here)).toEqual({ kind: 'steady' });
  });

  it('a small step (the clock being trimmed) is steady', () => {
    expect(readClock(running(), { wall: T0 + 10 * MIN + 20_000, mono: M0 + 10 * MIN }, here)).toEqual({ kind: 'steady' });
  });

  it('the wall clock moved back an hour after 20 real minutes: back by exactly the jump', () => {
    expect(readClock(running(), { wall: T0 - 40 * MIN, mono: M0 + 20 * MIN }, here)).toEqual({ kind: 'back', ms: 60 * MIN });
  });

  it('the wall clock moved forward 3h after 20 real minutes: the 3h are unseen, ending now', () => {
    const now = T0 + 20 * MIN + 180 * MIN;
    expect(readClock(running(), { wall: now, mono: M0 + 20 * MIN }, here)).toEqual({ kind: 'unseen', from: now - 180 * MIN, to: now, jumped: true });
  });

  it('a sighting of another timer, or of an older instant, is not trusted', () => {
    const now = { wall: T0 - 40 * MIN, mono: M0 + 20 * MIN };
    // Falls back to the stored instant: the clock is 40 minutes before it.
    expect(readClock(running(), now, { ...here, timerId: 't0' })).toEqual({ kind: 'back', ms: 40 * MIN });
    expect(readClock(running(), now, { ...here, wall: T0 - MIN })).toEqual({ kind: 'back', ms: 40 * MIN });
  });
});

describe('readClock in a worker that never saw the timer (stopped, browser restarted)', () => {
  it('the clock before the last sighting: back by at least that much', () => {
    expect(readClock(running(), { wall: T0 - 2 * 60 * MIN, mono: 1 }, null)).toEqual({ kind: 'back', ms: 2 * 60 * MIN });
  });

  it('within the minute tick and a margin: steady', () => {
    expect(readClock(running(), { wall: T0 + UNSEEN_GAP_MS, mono: 1 }, null)).toEqual({ kind: 'steady' });
    expect(readClock(running(), { wall: T0 - CLOCK_JUMP_MS + 1, mono: 1 }, null)).toEqual({ kind: 'steady' });
  });

  it('a longer silence (sleep, a closed browser, a clock moved forward) is unseen time from the last sighting', () => {
    expect(readClock(running(), { wall: T0 + 8 * 60 * MIN, mono: 1 }, null)).toEqual({ kind: 'unseen', from: T0, to: T0 + 8 * 60 * MIN, jumped: false });
  });

  it('a paused timer, or one stored by an older version without a sighting, is steady', () => {
    expect(readClock(pauseTimer(running(), T0 + MIN), { wall: T0 + 9 * 60 * MIN, mono: 1 }, null)).toEqual({ kind: 'steady' });
    const { seenAt: _, ...older } = running();
    expect(readClock(older, { wall: T0 + 9 * 60 * MIN, mono: 1 }, null)).toEqual({ kind: 'steady' });
  });
});

describe('settleClock', () => {
  it('a clock moved back keeps the real elapsed time of the running stretch', () => {
    const t = pauseTimer(running(), T0 + 10 * MIN);
    const resumed = { ...t, runningSince: T0 + 15 * MIN, seenAt: T0 + 15 * MIN };
    // 20 real minutes later the clock reads an hour less.
    const now = T0 + 35 * MIN - 60 * MIN;
    const settled = settleClock(resumed, { kind: 'back', ms: 60 * MIN }, now);
    expect(elapsedMs(settled, now)).toBe(30 * MIN);
    expect(settled.seenAt).toBe(now);
    // Without settling, the running stretch would have counted zero.
    expect(elapsedMs(resumed, now)).toBe(10 * MIN);
  });

  it('moves an idle question with the clock', () => {
    const t = { ...running(), idle: { from: T0 + 5 * MIN, to: T0 + 10 * MIN } };
    expect(settleClock(t, { kind: 'back', ms: 60 * MIN }, T0).idle).toEqual({ from: T0 - 55 * MIN, to: T0 - 50 * MIN });
  });

  it('unseen time becomes the keep-or-discard question; discarding counts only the seen time', () => {
    const now = T0 + 200 * MIN;
    const settled = settleClock(running(), { kind: 'unseen', from: now - 180 * MIN, to: now, jumped: true }, now);
    expect(settled.idle).toEqual({ from: now - 180 * MIN, to: now });
    expect(loggableSeconds(discardIdle(settled), now)).toBe(20 * 60);
    expect(loggableSeconds(keepIdle(settled), now)).toBe(200 * 60);
  });

  it('joins unseen time to an idle question already open', () => {
    const t = { ...running(), idle: { from: T0 + 5 * MIN, to: T0 + 10 * MIN } };
    expect(settleClock(t, { kind: 'unseen', from: T0 + 8 * MIN, to: T0 + 90 * MIN, jumped: false }, T0 + 90 * MIN).idle).toEqual({ from: T0 + 5 * MIN, to: T0 + 90 * MIN });
  });

  it('never asks about time before the running stretch began', () => {
    const t = { ...running(), runningSince: T0 + 60 * MIN };
    expect(settleClock(t, { kind: 'unseen', from: T0, to: T0 + 90 * MIN, jumped: false }, T0 + 90 * MIN).idle).toEqual({ from: T0 + 60 * MIN, to: T0 + 90 * MIN });
  });

  it('steady: only the sighting moves', () => {
    const t = running();
    expect(settleClock(t, { kind: 'steady' }, T0 + MIN)).toEqual({ ...t, seenAt: T0 + MIN });
  });
});
