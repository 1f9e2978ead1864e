import { useEffect, useState } from 'preact/hooks';
import { useStore } from 'zustand';
import type { IssueView, PageIssue, Result } from '@/lib/messaging';
import { sameIssue } from '@/lib/timer/model';
import type { TimerAction, TimerStore } from '@/lib/views/timer-store';
import { TimerControls } from './TimerControls';

export interface WidgetProps {
  issue: PageIssue;
  store: TimerStore;
  loadView: (issue: PageIssue) => Promise<Result<IssueView>>;
}

function spentText(view: IssueView | null): string {
  if (!view) return '';
  const s = view.timeStats;
  const spent = s.human_total_time_spent ? `Spent ${s.human_total_time_spent}` : 'No time spent';
  const estimate = s.human_time_estimate ? `Estimate ${s.human_time_estimate}` : 'No estimate';
  return `${spent} · ${estimate}`;
}

/** The issue page's time tracking panel. Lives in a shadow root; names follow docs/ui-contract.md. */
export function TimerWidget({ issue, store, loadView }: WidgetProps) {
  const { state, busy, error, question } = useStore(store);
  const [view, setView] = useState<IssueView | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  const ref = `${issue.projectPath}#${issue.iid}`;

  const refreshView = async () => {
    try {
      const result = await loadView(issue);
      if (result.ok) {
        setView(result);
        setViewError(null);
      } else setViewError(result.error);
    } catch {
      setViewError('The extension did not answer. Reload the page.');
    }
  };

  useEffect(() => {
    void store.getState().load();
    void refreshView();
  }, [issue.projectPath, issue.iid]);

  const timer = state?.timer ?? null;
  const here = timer && view ? sameIssue(timer.issue, { instanceId: view.instance.baseUrl, projectPath: issue.projectPath, iid: issue.iid }) : false;
  const elsewhere = timer && !here ? timer : null;
  const attention = (state?.outbox ?? []).filter(
    (l) => l.status === 'needs-attention' && l.projectPath.toLowerCase() === issue.projectPath.toLowerCase() && l.iid === issue.iid,
  );

  const act = async (action: TimerAction) => {
    const ok = await store.getState().run(action);
    if (ok && action === 'stopTimer') void refreshView();
  };
  const start = async () => {
    const ok = await store.getState().start({ page: { projectPath: issue.projectPath, iid: issue.iid, title: issue.title } });
    if (ok && elsewhere) void refreshView();
  };

  return (
    <section class="tk-widget" role="region" aria-label="Time tracking">
      <h2 class="tk-title">Time tracking</h2>
      <p class="tk-stats" aria-live="polite">
        {view ? spentText(view) : viewError ? '' : 'Loading time tracking…'}
      </p>
      {here && timer ? (
        <TimerControls timer={timer} busy={busy} onAction={(a) => void act(a)} />
      ) : (
        <div class="tk-timer-row">
          <button type="button" class="tk-primary" disabled={busy || !view} onClick={() => void start()}>
            Start timer
          </button>
          {elsewhere && (
            <span class="tk-hint">
              Running on {elsewhere.issue.projectPath}#{elsewhere.issue.iid}; starting here logs that one first.
            </span>
          )}
        </div>
      )}
      {question && (
        <div role="alert" class="tk-question">
          {question}
        </div>
      )}
      {(error || viewError) && (
        <div role="alert" class="tk-error">
          {error ?? viewError}
        </div>
      )}
      {attention.map((log) => (
        <div role="alert" class="tk-error" key={log.id}>
          {log.lastError ?? `A time log for ${ref} could not be sent.`}
        </div>
      ))}
      {state?.notice && !error && (
        <p role="status" class="tk-notice">
          {state.notice}
        </p>
      )}
    </section>
  );
}
