import { describe, expect, it } from 'vitest';
import type { ItemInfo } from './item';
import { elapsedMs, isRunning, loggableSeconds, pauseTimer, resumeTimer, startTimer } from './timer';

const issue: ItemInfo = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 1 };
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

describe('timer model', () => {
  it('counts from the start timestamp, never by ticking', () => {
    const t = startTimer(issue, T0, 't1');
    expect(isRunning(t)).toBe(true);
    expect(elapsedMs(t, T0)).toBe(0);
    expect(elapsedMs(t, T0 + 25 * MIN)).toBe(25 * MIN);
  });

  it('pause freezes the time, resume adds a new stretch', () => {
    let t = startTimer(issue, T0, 't1');
    t = pauseTimer(t, T0 + 10 * MIN);
    expect(isRunning(t)).toBe(false);
    expect(elapsedMs(t, T0 + 60 * MIN)).toBe(10 * MIN);
    t = resumeTimer(t, T0 + 60 * MIN);
    expect(elapsedMs(t, T0 + 65 * MIN)).toBe(15 * MIN);
    expect(t.segments).toEqual([{ start: T0, end: T0 + 10 * MIN }]);
  });

  it('pausing a paused timer or resuming a running one changes nothing', () => {
    const running = startTimer(issue, T0, 't1');
    expect(resumeTimer(running, T0 + MIN)).toBe(running);
    const paused = pauseTimer(running, T0 + MIN);
    expect(pauseTimer(paused, T0 + 2 * MIN)).toBe(paused);
  });

  it('crosses midnight without trouble', () => {
    const lateEvening = Date.UTC(2026, 10, 24, 23, 50);
    const t = startTimer(issue, lateEvening, 't1');
    expect(elapsedMs(t, lateEvening + 20 * MIN)).toBe(20 * MIN);
  });

  it('a clock that went backwards never gives negative time', () => {
    let t = startTimer(issue, T0, 't1');
    expect(elapsedMs(t, T0 - 5 * MIN)).toBe(0);
    t = pauseTimer(t, T0 + 10 * MIN);
    t = resumeTimer(t, T0 + 20 * MIN);
    // The clock jumps back an hour during the second stretch: the first stretch still counts.
    expect(elapsedMs(t, T0 - 40 * MIN)).toBe(10 * MIN);
  });

  it('logs whole minutes, rounded to the nearest', () => {
    const t = startTimer(issue, T0, 't1');
    expect(loggableSeconds(t, T0 + 29_000)).toBe(0);
    expect(loggableSeconds(t, T0 + 30_000)).toBe(60);
    expect(loggableSeconds(t, T0 + 25 * MIN + 29_000)).toBe(25 * 60);
    expect(loggableSeconds(t, T0 + 25 * MIN + 31_000)).toBe(26 * 60);
  });

  it('times an issue or a merge request, and keeps what it times unchanged', () => {
    const mr: ItemInfo = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'merge_request', iid: 1, title: 'Review' };
    const t = pauseTimer(startTimer(mr, T0, 't2'), T0 + MIN);
    expect(t).toMatchObject({ id: 't2', item: mr, startedAt: T0, runningSince: null, idle: null });
    expect(resumeTimer(t, T0 + 2 * MIN).item).toBe(mr);
  });
});
