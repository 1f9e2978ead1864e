import { useEffect, useMemo } from 'preact/hooks';
import { useStore } from 'zustand';
import type { AssignedIssueRow } from '@/lib/messaging';
import { mergeRows, type createAssignedStore } from '@/lib/views/assigned-store';
import type { TimerStore } from '@/lib/views/timer-store';
import { TimerControls } from './TimerControls';

interface Props {
  timerStore: TimerStore;
  assignedStore: ReturnType<typeof createAssignedStore>;
  openOptions: () => void;
}

function timeText(row: AssignedIssueRow): string {
  const spent = row.humanTotalTimeSpent ?? 'No time spent';
  return row.humanTimeEstimate ? `${spent} of ${row.humanTimeEstimate}` : `${spent} · No estimate`;
}

function SpentBar({ row }: { row: AssignedIssueRow }) {
  if (!row.timeEstimate) return null;
  const ratio = row.totalTimeSpent / row.timeEstimate;
  return (
    <span class={ratio > 1 ? 'bar over' : 'bar'} aria-hidden="true">
      <span style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
    </span>
  );
}

export function Popup({ timerStore, assignedStore, openOptions }: Props) {
  const { state, busy, error, question } = useStore(timerStore);
  const { groups, loading, loaded, error: listError } = useStore(assignedStore);
  useEffect(() => {
    void timerStore.getState().load();
    void assignedStore.getState().load();
  }, []);
  const rows = useMemo(() => mergeRows(groups), [groups]);
  const timer = state?.timer ?? null;
  const running = timer ? `${timer.issue.projectPath}#${timer.issue.iid}` : null;
  const noInstances = loaded && groups.length === 0 && !listError;

  return (
    <main class="popup">
      <header class="top">
        <h1>Timekeeper</h1>
        {loading && <span class="muted">Refreshing…</span>}
      </header>
      {timer && (
        <section class="running" aria-label="Running timer">
          <a href={timer.issue.webUrl} target="_blank" rel="noreferrer" class="title">
            {timer.issue.title ?? running}
          </a>
          <div class="muted">{running}</div>
          <TimerControls timer={timer} busy={busy} onAction={(a) => void timerStore.getState().run(a)} />
        </section>
      )}
      {question && <div role="alert" class="question">{question}</div>}
      {error && <div role="alert" class="error">{error}</div>}
      {state?.notice && <p role="status" class="notice">{state.notice}</p>}
      {state?.outbox
        .filter((l) => l.status === 'needs-attention')
        .map((l) => (
          <div role="alert" class="error" key={l.id}>
            {l.lastError}
          </div>
        ))}
      {noInstances && (
        <section class="empty">
          <p>Connect your GitLab to see the issues assigned to you and time them.</p>
          <button type="button" class="primary" onClick={openOptions}>
            Connect GitLab
          </button>
        </section>
      )}
      {listError && <div role="alert" class="error">{listError}</div>}
      {groups
        .filter((g) => g.error)
        .map((g) => (
          <div role="alert" class="error" key={g.instance.baseUrl}>
            {new URL(g.instance.baseUrl).host}: {g.error}
          </div>
        ))}
      {!noInstances && (
        <>
          <h2 class="section">Assigned issues <span class="muted">({rows.length})</span></h2>
          {loaded && rows.length === 0 && !groups.some((g) => g.error) && <p class="muted">Nothing is assigned to you. Enjoy the calm.</p>}
          <ul aria-label="Assigned issues" class="issues">
            {rows.map((row) => {
              const isRunning = running === row.reference && timer?.issue.instanceId === row.instanceId;
              return (
                <li key={`${row.instanceId} ${row.id}`} aria-label={`${row.title} ${row.reference}`}>
                  <div class="row-main">
                    <a href={row.webUrl} target="_blank" rel="noreferrer" class="title">
                      {row.title}
                    </a>
                    <div class="muted">
                      {row.reference} · {timeText(row)}
                    </div>
                    <SpentBar row={row} />
                  </div>
                  {isRunning ? (
                    <span class="badge">{timer?.runningSince ? 'Running' : 'Paused'}</span>
                  ) : (
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Start timer for ${row.reference} ${row.title}`}
                      onClick={() =>
                        void timerStore.getState().start({
                          issue: { instanceId: row.instanceId, projectPath: row.projectPath, iid: row.iid, title: row.title, webUrl: row.webUrl },
                        })
                      }
                    >
                      Start
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </main>
  );
}
