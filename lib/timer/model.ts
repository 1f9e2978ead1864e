/**
 * The timer as data: finished segments plus the start of the running one. Elapsed time is always
 * computed from these timestamps (never counted), so a killed worker, a reload or a browser
 * restart loses nothing: whoever reads the stored state later computes the same answer.
 */

/** Which issue a timer belongs to: enough to log time and to show it without asking GitLab. */
export interface IssueKey {
  /** The connected instance's base URL (our instance id), e.g. `https://gitlab.com`. */
  instanceId: string;
  /** Project full path, `group/sub/project`. */
  projectPath: string;
  iid: number;
  title?: string;
  webUrl?: string;
}

export interface TimerSegment {
  start: number;
  end: number;
}

export interface TimerState {
  issue: IssueKey;
  /** Finished stretches of work, oldest first. */
  segments: TimerSegment[];
  /** Epoch ms when the current stretch started; null while paused. */
  runningSince: number | null;
  /** When the timer was first started (for the day a late log belongs to). */
  startedAt: number;
}

export function sameIssue(a: IssueKey, b: IssueKey): boolean {
  return a.instanceId === b.instanceId && a.projectPath.toLowerCase() === b.projectPath.toLowerCase() && a.iid === b.iid;
}

export function startTimer(issue: IssueKey, now: number): TimerState {
  return { issue, segments: [], runningSince: now, startedAt: now };
}

export function pauseTimer(state: TimerState, now: number): TimerState {
  if (state.runningSince === null) return state;
  return { ...state, segments: [...state.segments, { start: state.runningSince, end: now }], runningSince: null };
}

export function resumeTimer(state: TimerState, now: number): TimerState {
  if (state.runningSince !== null) return state;
  return { ...state, runningSince: now };
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

/** Seconds to log for a finished timer, rounded to the nearest whole minute (GitLab keeps minutes). */
export function loggableSeconds(state: TimerState, now: number): number {
  return Math.round(elapsedMs(state, now) / 60_000) * 60;
}
