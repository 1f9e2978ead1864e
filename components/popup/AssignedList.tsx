import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AssignedIssueRow } from '@/lib/model/protocol';
import { dueText, FIRST_ROW_TIMING, hostOf, rowElementId, spentRatio, timeText, type ListEntry } from '@/lib/popup/list-model';
import { layoutList, scrollToShow, visibleRange } from '@/lib/popup/window';
import { readOnlyNoteId } from './InstanceProblems';
import { t } from '@/lib/model/i18n';

/** Fixed heights (px), matched by popup.css: the window math needs no measuring. */
const ROW_HEIGHT = 62;
const GROUP_HEIGHT = 28;
const OVERSCAN = 360;

export interface TimerMark {
  instanceId: string;
  reference: string;
  running: boolean;
}

interface Props {
  entries: ListEntry[];
  /** Issues in the list (aria-setsize): the window may draw only some. */
  size: number;
  selected: string | null;
  /** Bumped when the keyboard moved the selection: scroll to it (and focus it, if `focus`). */
  reveal: { count: number; focus: boolean };
  /** Scrolls back to the top when it changes (a new search or order). */
  resetKey: string;
  timer: TimerMark | null;
  busy: boolean;
  /** Why each read-only GitLab (by base URL) takes no changes: its issues' Start waits. */
  readOnly: ReadonlyMap<string, string>;
  showHost: boolean;
  today: string;
  onSelect(key: string): void;
  onStart(row: AssignedIssueRow): void;
}

export function AssignedList({ entries, size, selected, reveal, resetKey, timer, busy, readOnly, showHost, today, onSelect, onStart }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const layout = useMemo(() => layoutList(entries.map((e) => (e.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT))), [entries]);
  const { start, end } = visibleRange(layout, scrollTop, viewport, OVERSCAN);
  const pendingFocus = useRef(false);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  useEffect(() => {
    const el = scroller.current;
    const index = entries.findIndex((e) => e.key === selected);
    if (!el || index === -1 || reveal.count === 0) return;
    const top = scrollToShow(layout, index, el.scrollTop, el.clientHeight);
    if (top !== null) {
      el.scrollTop = top;
      setScrollTop(el.scrollTop);
    }
    pendingFocus.current = reveal.focus;
  }, [reveal]);

  // Focus lands once the row is drawn, which may be one render after the scroll.
  useLayoutEffect(() => {
    if (!pendingFocus.current || !selected) return;
    const el = document.getElementById(rowElementId(selected));
    if (el) {
      pendingFocus.current = false;
      el.focus({ preventScroll: true });
    }
  });

  return (
    <div class="list-scroll" ref={scroller} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
      <ul aria-label={t('assignedIssues')} class="issues" style={{ height: `${layout.total}px` }}>
        {entries.slice(start, end).map((entry, i) => {
          const top = layout.offsets[start + i]!;
          if (entry.kind === 'group') {
            return (
              <li key={entry.key} role="presentation" class="group" style={{ top: `${top}px`, height: `${GROUP_HEIGHT}px` }}>
                {entry.label} <span class="muted">({entry.count})</span>
              </li>
            );
          }
          return (
            <IssueRow
              key={entry.key}
              id={rowElementId(entry.key)}
              row={entry.row}
              top={top}
              position={entry.position}
              size={size}
              selected={entry.key === selected}
              timer={timer && timer.instanceId === entry.row.instanceId && timer.reference === entry.row.reference ? timer : null}
              busy={busy}
              readOnly={readOnly.get(entry.row.instanceId) ?? null}
              host={showHost ? hostOf(entry.row.instanceId) : null}
              today={today}
              onSelect={() => onSelect(entry.key)}
              onStart={() => onStart(entry.row)}
            />
          );
        })}
      </ul>
    </div>
  );
}

interface RowProps {
  id: string;
  row: AssignedIssueRow;
  top: number;
  position: number;
  size: number;
  selected: boolean;
  timer: TimerMark | null;
  busy: boolean;
  readOnly: string | null;
  host: string | null;
  today: string;
  onSelect(): void;
  onStart(): void;
}

function IssueRow({ id, row, top, position, size, selected, timer, busy, readOnly, host, today, onSelect, onStart }: RowProps) {
  const due = dueText(row.dueDate, today);
  const on = host ? ` ${t('onHost', host)}` : '';
  return (
    <li
      id={id}
      class={selected ? 'issue selected' : 'issue'}
      style={{ top: `${top}px`, height: `${ROW_HEIGHT}px` }}
      aria-label={`${row.title} ${row.reference}${on}`}
      aria-setsize={size}
      aria-posinset={position}
      aria-current={selected ? 'true' : undefined}
      tabIndex={-1}
      onClick={onSelect}
    >
      <div class="row-main">
        {/* elementtiming (test builds): when the first row's title is painted (the benchmark, scripts/bench/popup.ts). */}
        <a href={row.webUrl} target="_blank" rel="noreferrer" class="title" title={row.title} {...(import.meta.env.TK_TEST_BUILD && position === 1 ? { elementtiming: FIRST_ROW_TIMING } : {})}>
          {row.title}
        </a>
        <div class="meta">
          <span>{row.reference}</span>
          {host && <span>{host}</span>}
          <span>{timeText(row)}</span>
          {due && <span class={due.overdue ? 'overdue' : undefined}>{due.text}</span>}
          {row.labels.map((label) => (
            <span class="label" key={label}>
              {label}
            </span>
          ))}
        </div>
        <SpentBar row={row} />
      </div>
      {timer ? (
        <span class="badge">{timer.running ? t('running') : t('paused')}</span>
      ) : (
        <button
          type="button"
          disabled={busy || readOnly !== null}
          aria-label={`${t('startTimer')} ${t('forItem', row.reference)}${on} ${row.title}`}
          aria-describedby={readOnly ? readOnlyNoteId(row.instanceId) : undefined}
          title={readOnly ?? undefined}
          onClick={onStart}
        >
          {t('start')}
        </button>
      )}
    </li>
  );
}

function SpentBar({ row }: { row: AssignedIssueRow }) {
  const ratio = spentRatio(row);
  if (ratio === null) return <span class="bar no-estimate" aria-hidden="true" />;
  return (
    <span class={ratio > 1 ? 'bar over' : 'bar'} aria-hidden="true">
      <span style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
    </span>
  );
}
