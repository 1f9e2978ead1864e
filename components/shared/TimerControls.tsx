import { formatClock } from '@/lib/gitlab/duration';
import { elapsedMs, type TimerState } from '@/lib/model/timer';
import type { TimerAction } from '@/lib/model/timer-view';
import { useNow } from './useNow';
import { plural, t, timeOfDay } from '@/lib/model/i18n';

interface Props {
  timer: TimerState;
  busy: boolean;
  /** Words after each button name, e.g. "for acme/web#1": screen readers hear what the button acts on. */
  context?: string;
  onAction: (action: TimerAction) => void;
}

/** "You were away": the idle stretch waiting for the user's keep-or-discard answer. */
function IdleQuestion({ idle, busy, onAction }: { idle: { from: number; to: number }; busy: boolean; onAction: Props['onAction'] }) {
  const minutes = Math.round((idle.to - idle.from) / 60_000);
  return (
    <div role="alert" class="tk-question">
      {plural('awayWhileRunning', minutes, timeOfDay(idle.from), timeOfDay(idle.to))}{' '}
      <button type="button" disabled={busy} onClick={() => onAction('keepIdle')}>
        {t('keepIdleTime')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => onAction('discardIdle')}>
        {t('discardIdleTime')}
      </button>
    </div>
  );
}

/** Elapsed time and the controls of a timer that exists (running or paused). */
export function TimerControls({ timer, busy, context, onAction }: Props) {
  return (
    <>
      <TimerRow timer={timer} busy={busy} context={context} onAction={onAction} />
      {timer.idle && <IdleQuestion idle={timer.idle} busy={busy} onAction={onAction} />}
    </>
  );
}

function TimerRow({ timer, busy, context, onAction }: Props) {
  const running = timer.runningSince !== null;
  const now = useNow(running);
  const label = (name: string) => (context ? `${name} ${context}` : name);
  return (
    <div class="tk-timer-row">
      <span role="timer" aria-live="off" aria-label={running ? t('elapsedTime') : t('elapsedTimePaused')} class={running ? 'tk-clock' : 'tk-clock tk-paused'}>
        {formatClock(elapsedMs(timer, now))}
      </span>
      {running ? (
        <button type="button" disabled={busy} aria-label={label(t('pauseTimer'))} onClick={() => onAction('pauseTimer')}>
          {t('pause')}
        </button>
      ) : (
        <button type="button" disabled={busy} aria-label={label(t('resumeTimer'))} onClick={() => onAction('resumeTimer')}>
          {t('resume')}
        </button>
      )}
      <button type="button" class="tk-primary" disabled={busy} aria-label={label(t('stopTimer'))} onClick={() => onAction('stopTimer')}>
        {t('stop')}
      </button>
      <button type="button" class="tk-quiet" disabled={busy} aria-label={label(t('discardTimer'))} onClick={() => onAction('discardTimer')}>
        {t('discard')}
      </button>
    </div>
  );
}
