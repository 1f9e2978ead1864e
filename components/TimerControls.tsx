import { formatClock } from '@/lib/gitlab/duration';
import { elapsedMs, type TimerState } from '@/lib/timer/model';
import type { TimerAction } from '@/lib/views/timer-store';
import { useNow } from './useNow';

interface Props {
  timer: TimerState;
  busy: boolean;
  /** Words after each button name, e.g. "for acme/web#1": screen readers hear what the button acts on. */
  context?: string;
  onAction: (action: TimerAction) => void;
}

/** Elapsed time and the controls of a timer that exists (running or paused). */
export function TimerControls({ timer, busy, context, onAction }: Props) {
  const running = timer.runningSince !== null;
  const now = useNow(running);
  const label = (name: string) => (context ? `${name} ${context}` : name);
  return (
    <div class="tk-timer-row">
      <span role="timer" aria-live="off" aria-label={running ? 'Elapsed time' : 'Elapsed time (paused)'} class={running ? 'tk-clock' : 'tk-clock tk-paused'}>
        {formatClock(elapsedMs(timer, now))}
      </span>
      {running ? (
        <button type="button" disabled={busy} aria-label={label('Pause timer')} onClick={() => onAction('pauseTimer')}>
          Pause
        </button>
      ) : (
        <button type="button" disabled={busy} aria-label={label('Resume timer')} onClick={() => onAction('resumeTimer')}>
          Resume
        </button>
      )}
      <button type="button" class="tk-primary" disabled={busy} aria-label={label('Stop timer')} onClick={() => onAction('stopTimer')}>
        Stop
      </button>
      <button type="button" class="tk-quiet" disabled={busy} aria-label={label('Discard timer')} onClick={() => onAction('discardTimer')}>
        Discard
      </button>
    </div>
  );
}
