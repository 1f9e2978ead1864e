import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useStoreState } from '../shared/useStoreState';
import { itemLink, itemReference } from '@/lib/model/item';
import type { AssignedIssueRow, MergeRequestRow, QueuedLog } from '@/lib/model/protocol';
import { keyCommand, type KeyTarget } from '@/lib/popup/keys';
import {
  age,
  ageText,
  assignedList,
  instanceNotes,
  localDay,
  mergeRequestKey,
  mergeRequestList,
  mergeTodos,
  moveSelection,
  notStartedText,
  oldestFetch,
  readOnlyReasons,
  spendCommand,
  type ViewMode,
} from '@/lib/popup/list-model';
import type { PopupStore } from '@/lib/popup/store';
import type { TimerStore } from '@/lib/model/timer-view';
import { AssignedList, type TimerMark } from './AssignedList';
import { InstanceProblems } from './InstanceProblems';
import { KeyboardHelp } from './KeyboardHelp';
import { LoggedToday, type LoggedTodayEnv } from './LoggedToday';
import { MergeRequestList } from './MergeRequestList';
import { NeedsAttention } from './NeedsAttention';
import { TodoList } from './TodoList';
import { TimerControls } from '../shared/TimerControls';
import { t } from '@/lib/model/i18n';

export interface PopupEnv {
  openOptions(): void;
  openUrl(url: string): void;
  copyText(text: string): Promise<void>;
  /** *Logged today* and the way to the Timesheet; left out where a test does not need them. */
  loggedToday?: LoggedTodayEnv;
}

interface Props {
  timerStore: TimerStore;
  popupStore: PopupStore;
  env: PopupEnv;
}

const VIEW_LABELS: Record<ViewMode, () => string> = { updated: () => t('viewRecentlyUpdated'), due: () => t('viewDueDate'), project: () => t('viewByProject') };

/** Re-renders every `ms` so "Updated 3 min ago" stays true while the popup is open. */
function useClock(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function keyTarget(target: EventTarget | null, search: HTMLInputElement | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target === search) return 'search';
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return 'editable';
  if (['BUTTON', 'A'].includes(target.tagName)) return 'control';
  return 'other';
}

export function Popup({ timerStore, popupStore, env }: Props) {
  const { state, busy, error, question } = useStoreState(timerStore);
  const { assigned, todos, mergeRequests, preview, connected, view, refreshing, offline, problem, marking } = useStoreState(popupStore);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [reveal, setReveal] = useState({ count: 0, focus: false });
  const [helpOpen, setHelpOpen] = useState(false);
  /** The popup's own word for the status line (a copied /spend, a timer it would not start). */
  const [said, setSaid] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const now = useClock(30_000);

  useEffect(() => {
    const online = () => popupStore.getState().setOnline(true);
    const offline = () => popupStore.getState().setOnline(false);
    addEventListener('online', online);
    addEventListener('offline', offline);
    return () => {
      removeEventListener('online', online);
      removeEventListener('offline', offline);
    };
  }, []);
  // A new word from the timer replaces the popup's own: the status line shows the latest.
  useEffect(() => setSaid(null), [state?.notice]);
  // A log that left the outbox (delivered, usually) moved an issue's spent time: the background
  // knows that GitLab's list is out of date, and refetches only that one.
  const outboxIds = useRef<string[]>([]);
  useEffect(() => {
    const ids = state?.outbox.map((l) => l.id) ?? [];
    if (outboxIds.current.some((id) => !ids.includes(id))) void popupStore.getState().refresh(false);
    outboxIds.current = ids;
  }, [state?.outbox]);

  // Until the full lists are read, the first screen as last drawn stands in for them.
  const shown = useMemo(() => {
    if (preview && !assigned.length) {
      const { entries, total, todos: firstTodos, todoCount, showHost, fetchedAt, notes, mergeRequests: firstMergeRequests, mergeRequestCount } = preview;
      return { list: { entries, matching: total, total }, todos: firstTodos, todoCount, showHost, fetchedAt, notes, mergeRequests: firstMergeRequests, mergeRequestCount };
    }
    const allTodos = mergeTodos(todos);
    return {
      list: assignedList(assigned, view, query),
      todos: allTodos,
      todoCount: allTodos.length,
      showHost: assigned.length > 1,
      fetchedAt: oldestFetch(assigned),
      notes: instanceNotes(assigned, todos, mergeRequests),
      mergeRequests,
      mergeRequestCount: undefined,
    };
  }, [assigned, todos, mergeRequests, preview, view, query]);
  const { list, showHost, fetchedAt: fetched, notes } = shown;
  // GitLabs connected with a token that cannot write: their Start and Mark as done wait, saying why.
  const readOnly = useMemo(() => readOnlyReasons(notes), [notes]);
  // The keyboard moves over one column of rows: the merge requests (drawn above), then the issues.
  const mergeRequestRows = useMemo(() => mergeRequestList(shown.mergeRequests, query).rows, [shown.mergeRequests, query]);
  const rows = useMemo(
    () => [
      ...mergeRequestRows.map((row) => ({ kind: 'merge_request' as const, key: mergeRequestKey(row), row })),
      ...list.entries.flatMap((e) => (e.kind === 'issue' ? [{ kind: 'issue' as const, key: e.key, row: e.row }] : [])),
    ],
    [mergeRequestRows, list.entries],
  );
  const issueEntries = list.entries.filter((e) => e.kind === 'issue');
  // While searching, the first matching issue is selected unless the user picked another.
  const selected = rows.some((e) => e.key === picked) ? picked : query.trim() ? (issueEntries[0]?.key ?? null) : null;
  const selectedEntry = rows.find((e) => e.key === selected) ?? null;

  const timer = state?.timer ?? null;
  const timerRef = timer ? itemReference(timer.item) : null;
  const mark: TimerMark | null = timer && timerRef ? { instanceId: timer.item.instanceId, reference: timerRef, running: timer.runningSince !== null } : null;
  const attention = state?.outbox.filter((l) => l.status === 'needs-attention') ?? [];

  const start = (row: AssignedIssueRow | MergeRequestRow, kind: 'issue' | 'merge_request' = 'issue') => {
    // The background would refuse it too; this way nothing is sent, and the GitLab's note says why.
    if (readOnly.has(row.instanceId)) setSaid(notStartedText(row.reference, row.instanceId));
    else {
      setSaid(null);
      void timerStore.getState().start({ target: { item: { instanceId: row.instanceId, projectPath: row.projectPath, kind, iid: row.iid, title: row.title, webUrl: row.webUrl } } });
    }
  };

  const copySpend = async (log: QueuedLog) => {
    const text = spendCommand(log);
    const where = itemReference(log.item);
    try {
      await env.copyText(text);
      setSaid(t('copiedSpend', [text, where]));
    } catch {
      setSaid(t('copySpend', [where, text]));
    }
  };

  // Keys are read from one listener; the latest render's values are reached through a ref.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    const target = keyTarget(e.target, search.current);
    const command = keyCommand(e, target);
    if (!command) return;
    const move = (delta: number) => {
      // From nothing, down lands on the first issue, as before there were merge requests.
      setPicked(moveSelection(rows, selected, delta, mergeRequestRows.length));
      setReveal((r) => ({ count: r.count + 1, focus: target !== 'search' }));
    };
    switch (command) {
      case 'next':
        move(1);
        break;
      case 'previous':
        move(-1);
        break;
      case 'first':
        move(-Infinity);
        break;
      case 'last':
        move(Infinity);
        break;
      case 'open':
        if (!selectedEntry) return;
        env.openUrl(selectedEntry.row.webUrl);
        break;
      case 'toggleTimer': {
        if (!selectedEntry) return;
        const { row, kind } = selectedEntry;
        if (mark && mark.instanceId === row.instanceId && mark.reference === row.reference) void timerStore.getState().run('stopTimer');
        else start(row, kind);
        break;
      }
      case 'focusSearch':
        search.current?.focus();
        search.current?.select();
        break;
      case 'help':
        setHelpOpen((open) => !open);
        break;
      case 'refresh':
        void popupStore.getState().refresh(true);
        break;
      case 'escape':
        if (helpOpen) setHelpOpen(false);
        else if (query) setQuery('');
        else if (target === 'search') search.current?.blur();
        else return;
        break;
    }
    e.preventDefault();
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const status = said ?? state?.notice ?? null;

  return (
    <main class={connected ? 'popup full' : 'popup'}>
      <header class="top">
        <h1>Timekeeper</h1>
        <span class="muted age">
          {fetched ? ageText(fetched, now) : ''}
          {refreshing ? (fetched ? ` · ${t('refreshingLower')}` : t('refreshing')) : ''}
        </span>
        {connected && (
          <button type="button" class="tk-quiet" aria-label={t('refreshFromGitLab')} disabled={refreshing || offline} onClick={() => void popupStore.getState().refresh(true)}>
            ↻
          </button>
        )}
        <button type="button" class="tk-quiet" aria-label={t('keyboardShortcuts')} aria-expanded={helpOpen} onClick={() => setHelpOpen(!helpOpen)}>
          ?
        </button>
      </header>
      {helpOpen && <KeyboardHelp onClose={() => setHelpOpen(false)} />}
      {connected && env.loggedToday && <LoggedToday env={env.loggedToday} />}

      {timer && timerRef && (
        <section class="running" aria-label={t('runningTimer')}>
          <a href={itemLink(timer.item)} target="_blank" rel="noreferrer" class="title">
            {timer.item.title ?? timerRef}
          </a>
          <div class="muted">
            {timerRef}
            {timer.runningSince === null ? ` · ${t('paused')}` : ''}
          </div>
          <TimerControls timer={timer} busy={busy} context={t('forItem', timerRef)} onAction={(a) => void timerStore.getState().run(a)} />
        </section>
      )}
      {question && <div role="alert" class="question">{question}</div>}
      {error && <div role="alert" class="error">{error}</div>}
      {status && <p role="status" class="notice">{status}</p>}
      {problem && <div class="error">{problem}</div>}
      {offline && (
        <div class="error">
          {fetched ? t('offlineShowing', age(fetched, now)) : t('offline')}
        </div>
      )}

      {/* Between the timer and the issues: gives way (and scrolls) before the issue list does. */}
      <div class="middle">
        <NeedsAttention
          logs={attention}
          onRetry={(log) => void popupStore.getState().outboxAction('retryLog', log.id)}
          onDiscard={(log) => void popupStore.getState().outboxAction('discardLog', log.id)}
          onCopy={(log) => void copySpend(log)}
        />
        {connected && (
          <>
            <InstanceProblems notes={notes} now={now} onReconnect={env.openOptions} />
            <TodoList
              todos={shown.todos}
              count={shown.todoCount}
              marking={marking}
              readOnly={readOnly}
              showHost={showHost}
              onDone={(todo) => void popupStore.getState().markTodoDone(todo)}
            />
            {/* Beside the to-dos: gives way (and scrolls) before the issue list does; the search below filters it too. */}
            <MergeRequestList
              groups={shown.mergeRequests}
              total={shown.mergeRequestCount}
              query={query}
              timer={mark}
              busy={busy}
              readOnly={readOnly}
              showHost={showHost || shown.mergeRequests.length > 1}
              selected={selected}
              reveal={reveal}
              onSelect={setPicked}
              onStart={(row) => start(row, 'merge_request')}
            />
          </>
        )}
      </div>

      {connected === false && (
        <section class="empty">
          <p>{t('connectToSeeIssues')}</p>
          <button type="button" class="primary" onClick={env.openOptions}>
            {t('connectGitLab')}
          </button>
        </section>
      )}
      {connected === null && !problem && <p class="muted loading">{t('loadingYourIssues')}</p>}

      {connected && (
        <>
          <div class="assigned-head">
            <h2 class="section">
              {t('assignedIssues')}{' '}
              <span class="muted">
                ({list.matching === list.total ? list.total : t('countOfTotal', [list.matching, list.total])})
              </span>
            </h2>
            <select aria-label={t('showIssues')} value={view.mode} onChange={(e) => popupStore.getState().setView({ mode: (e.currentTarget as HTMLSelectElement).value as ViewMode })}>
              {(Object.keys(VIEW_LABELS) as ViewMode[]).map((mode) => (
                <option key={mode} value={mode}>
                  {VIEW_LABELS[mode]()}
                </option>
              ))}
            </select>
          </div>
          <input
            ref={search}
            type="search"
            class="search"
            aria-label={t('searchAssignedIssues')}
            placeholder={t('searchPlaceholder')}
            value={query}
            onInput={(e) => {
              setQuery((e.currentTarget as HTMLInputElement).value);
              setPicked(null);
            }}
          />
          {list.total === 0 && !assigned.some((g) => g.error) && <p class="muted">{t('nothingAssigned')}</p>}
          {list.total > 0 && list.matching === 0 && <p class="muted">{t('noIssueMatches', query.trim())}</p>}
          <AssignedList
            entries={list.entries}
            size={list.matching}
            selected={selected}
            reveal={reveal}
            resetKey={`${view.mode} ${query}`}
            timer={mark}
            busy={busy}
            readOnly={readOnly}
            showHost={showHost}
            today={localDay(now)}
            onSelect={setPicked}
            onStart={(row) => start(row)}
          />
        </>
      )}
    </main>
  );
}
