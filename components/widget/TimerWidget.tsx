import { itemReference, sameItemHere, type ItemKey } from '@/lib/model/item';
import { useEffect } from 'preact/hooks';
import type { DetectedIssue } from '@/lib/content/page-facts';
import type { IssueWidgetStore } from '@/lib/content/widget-store';
import type { TimerAction, TimerStore } from '@/lib/model/timer-view';
import { EstimateEditor } from './EstimateEditor';
import { LogTimeForm } from './LogTimeForm';
import { ResetSpentTime } from './ResetSpentTime';
import { TimeSummary } from './TimeSummary';
import { TimerControls } from '../shared/TimerControls';
import { useStoreState } from '../shared/useStoreState';

export interface WidgetProps {
  issueStore: IssueWidgetStore;
  timerStore: TimerStore;
  /** The title GitLab shows for the issue, read when a timer starts. */
  titleOf: (issue: DetectedIssue) => string | undefined;
  /** Opens the options page with this GitLab's address filled in. */
  connect: () => void;
}

/** The issue page's time tracking panel. Lives in a shadow root; names follow docs/ui-contract.md. */
export function TimerWidget({ issueStore, timerStore, titleOf, connect }: WidgetProps) {
  const { issue, connected, view, loadError, busy, error, done, readOnly, ...actions } = useStoreState(issueStore);
  const timers = useStoreState(timerStore);
  useEffect(() => void timerStore.getState().load(), []);
  if (!issue) return null;

  const same = (item: Omit<ItemKey, 'instanceId'>) => sameItemHere(item, issue);
  // The background shows a page the timer and time logs of its own GitLab only.
  const timer = timers.state?.timer ?? null;
  const here = timer && same(timer.item) ? timer : null;
  const attention = (timers.state?.outbox ?? []).filter((log) => log.status === 'needs-attention' && same(log.item));
  const writable = !readOnly && !!view;
  const working = busy !== null;
  const start = () => void timerStore.getState().start({ target: { page: { projectPath: issue.projectPath, kind: issue.kind, iid: issue.iid, title: titleOf(issue) } } });
  const reconnect = !connected || loadError?.code === 'unauthorized' || loadError?.code === 'not-connected';
  const failure = error ?? timers.error;
  const status = done ?? timers.state?.notice;

  return (
    <section role="region" aria-label="Time tracking">
      <h2>
        Time tracking <span>{itemReference(issue)}</span>
      </h2>
      {!connected && <p>Timekeeper is not connected to this GitLab yet.</p>}
      {loadError && connected && (
        <p role="alert" class="tk-error">
          {loadError.message}
        </p>
      )}
      {reconnect && (
        <div class="tk-row">
          <button type="button" class="tk-primary" onClick={connect}>
            Connect this GitLab
          </button>
        </div>
      )}
      {connected && !view && !loadError && <p role="status">Loading time tracking…</p>}
      {view?.noTimeTracking && (
        <>
          <p class="tk-note">{view.noTimeTracking}</p>
          <div class="tk-row">
            <button type="button" class="tk-quiet" disabled={working} onClick={() => void actions.addTodo()}>
              Add a to-do
            </button>
          </div>
        </>
      )}
      {view && !view.noTimeTracking && (
        <>
          <TimeSummary stats={view.timeStats} limitToHours={issue.limitToHours} />
          {here ? (
            <TimerControls timer={here} busy={timers.busy} onAction={(action: TimerAction) => void timerStore.getState().run(action)} />
          ) : (
            <div class="tk-row">
              <button type="button" class="tk-primary" disabled={timers.busy || !writable} onClick={start}>
                Start timer
              </button>
              {timer && <span class="tk-note">Running on {itemReference(timer.item)}; starting here logs that one first.</span>}
            </div>
          )}
          {readOnly && <p class="tk-note">Read-only: {readOnly}</p>}
          <LogTimeForm limitToHours={issue.limitToHours} disabled={!writable} busy={working} onLog={actions.logTime} />
          <EstimateEditor
            hasEstimate={view.timeStats.time_estimate > 0}
            limitToHours={issue.limitToHours}
            disabled={!writable}
            busy={working}
            onSet={actions.setEstimate}
            onReset={actions.resetEstimate}
          />
          <div class="tk-row">
            <ResetSpentTime noun={issue.kind.replace('_', ' ')} spent={view.timeStats.human_total_time_spent} disabled={!writable || working} onReset={actions.resetSpentTime} />
            <button type="button" class="tk-quiet" disabled={working} onClick={() => void actions.addTodo()}>
              Add a to-do
            </button>
          </div>
        </>
      )}
      {timers.question && (
        <p role="alert" class="tk-question">
          {timers.question}
        </p>
      )}
      {failure && (
        <p role="alert" class="tk-error">
          {failure}
        </p>
      )}
      {attention.map((log) => (
        <p role="alert" class="tk-error" key={log.id}>
          {log.lastError ?? 'A time log here could not be sent.'}
        </p>
      ))}
      {status && !failure && (
        <p role="status" class="tk-note">
          {status}
        </p>
      )}
    </section>
  );
}
