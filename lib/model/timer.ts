/**
 * The timer as data: finished segments plus the start of the running one. Elapsed time is always
 * computed from these timestamps (never counted), so a killed worker, a reload or a browser
 * restart loses nothing: whoever reads the stored state later computes the same answer.
 */

import type { ItemInfo } from './item';

export interface TimerSegment {
  start: number;
  end: number;
}

export interface TimerState {
  /** Unique per timer run; its time log reuses it, so a log can be recognised wherever it goes. */
  id: string;
  /** What it times: enough to log time and to show it without asking GitLab. */
  item: ItemInfo;
  /** Finished stretches of work, oldest first. */
  segments: TimerSegment[];
  /** Epoch ms when the current stretch started; null while paused. */
  runningSince: number | null;
  /** When the timer was first started (for the day a late log belongs to). */
  startedAt: number;
  /** Idle or locked time noticed while running, waiting for the user to keep or discard it. */
  idle?: { from: number; to: number } | null;
  /** The last wall-clock instant the running timer was seen (see clock.ts); absent from older versions. */
  seenAt?: number;
}

export interface RoundingSettings {
  /** Minutes to round to: 1, 5 or 15. */
  roundTo: 1 | 5 | 15;
  roundMode: 'nearest' | 'up';
}

export const DEFAULT_ROUNDING: RoundingSettings = { roundTo: 1, roundMode: 'nearest' };

export function startTimer(item: ItemInfo, now: number, id: string): TimerState {
  return { id, item, segments: [], runningSince: now, startedAt: now, idle: null, seenAt: now };
}

export function pauseTimer(state: TimerState, now: number): TimerState {
  if (state.runningSince === null) return state;
  return { ...state, segments: [...state.segments, { start: state.runningSince, end: now }], runningSince: null };
}

export function resumeTimer(state: TimerState, now: number): TimerState {
  if (state.runningSince !== null) return state;
  return { ...state, runningSince: now, seenAt: now };
}

export function isRunning(state: TimerState | null): boolean {
  return state !== null && state.runningSince !== null;
}

/**
 * A segment never counts negative time: if the system clock went backwards while it ran, the
 * stretch counts as zero rather than eating earlier work.
 */
function segmentMs(start: number, end: number): number {
  return Math.max(0, end - start);
}

export function elapsedMs(state: TimerState, now: number): number {
  let total = 0;
  for (const s of state.segments) total += segmentMs(s.start, s.end);
  if (state.runningSince !== null) total += segmentMs(state.runningSince, now);
  return total;
}

/**
 * Seconds to log for a finished timer: GitLab keeps whole minutes, and users round to 1, 5 or
 * 15 minutes, to the nearest or up. Zero means "under the minimum": ask, never log nothing.
 */
export function loggableSeconds(state: TimerState, now: number, rounding: RoundingSettings = DEFAULT_ROUNDING): number {
  return roundSeconds(elapsedMs(state, now), rounding);
}

export function roundSeconds(ms: number, { roundTo, roundMode }: RoundingSettings): number {
  // Under half a minute is an accidental start in any mode: rounding it up would invent work.
  if (ms < 30_000) return 0;
  const unitMs = roundTo * 60_000;
  const units = roundMode === 'up' ? Math.ceil(ms / unitMs) : Math.round(ms / unitMs);
  return units * roundTo * 60;
}

/**
 * The user chose to drop idle time: the running stretch ends where idleness began and a new one
 * starts where it ended, so only the idle gap disappears.
 */
export function discardIdle(state: TimerState): TimerState {
  if (!state.idle) return state;
  const { from, to } = state.idle;
  if (state.runningSince === null) {
    // Paused since: trim the last stretch if it ran into the idle time.
    const segments = state.segments.map((s, i) => (i === state.segments.length - 1 && s.end > from ? { start: s.start, end: Math.max(s.start, from) } : s));
    return { ...state, segments, idle: null };
  }
  const start = state.runningSince;
  const segments = from > start ? [...state.segments, { start, end: from }] : state.segments;
  return { ...state, segments, runningSince: Math.max(to, start), idle: null };
}

export function keepIdle(state: TimerState): TimerState {
  return state.idle ? { ...state, idle: null } : state;
}
