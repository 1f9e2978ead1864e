import { useLayoutEffect, useState } from 'preact/hooks';
import type { InstanceMergeRequests, MergeRequestRow } from '@/lib/model/protocol';
import { hostOf, mergeRequestKey, mergeRequestList, mergeRequestRole, rowElementId, spentRatio, timeText } from '@/lib/popup/list-model';
import { readOnlyNoteId } from './InstanceProblems';
import type { TimerMark } from './AssignedList';
import { t } from '@/lib/model/i18n';

/** Rows drawn before "Show all": the popup stays quick with hundreds of merge requests. */
export const MERGE_REQUEST_ROWS = 30;

interface Props {
  groups: InstanceMergeRequests[];
  /** How many there are when `groups` holds only the first screen's rows (the popup's first frame). */
  total?: number | undefined;
  /** The popup's search: it filters this list too. */
  query: string;
  timer: TimerMark | null;
  busy: boolean;
  /** Why each read-only GitLab (by base URL) takes no changes: its merge requests' Start waits. */
  readOnly: ReadonlyMap<string, string>;
  showHost: boolean;
  /** The row the keyboard is on (its `mergeRequestKey`), shared with the issue list. */
  selected: string | null;
  /** Bumped when the keyboard moved the selection: scroll to it (and focus it, if `focus`). */
  reveal: { count: number; focus: boolean };
  onSelect(key: string): void;
  onStart(row: MergeRequestRow): void;
}

/**
 * Open merge requests assigned to the user or waiting for the user's review, on every connected
 * GitLab, each with its time against the estimate and Start timer. A GitLab that could not list
 * them says why, in words, beside the others' rows.
 */
export function MergeRequestList({ groups, total: firstScreenTotal, query, timer, busy, readOnly, showHost, selected, reveal, onSelect, onStart }: Props) {
  const [all, setAll] = useState(false);
  const listed = mergeRequestList(groups, query);
  const rows = listed.rows;
  const total = firstScreenTotal ?? listed.total;
  // The keyboard may move past the first rows: the row it is on is always drawn.
  const selectedIndex = rows.findIndex((row) => mergeRequestKey(row) === selected);
  const shown = all || selectedIndex >= MERGE_REQUEST_ROWS ? rows : rows.slice(0, MERGE_REQUEST_ROWS);

  useLayoutEffect(() => {
    if (reveal.count === 0 || selectedIndex === -1 || !selected) return;
    const el = document.getElementById(rowElementId(selected));
    if (!el) return;
    if (reveal.focus) el.focus();
    else el.scrollIntoView?.({ block: 'nearest' });
  }, [reveal]);

  // A GitLab's failure is said once, with its other lists', above (instanceNotes); here only what
  // this list cannot show there: a GitLab that lists fewer kinds of merge requests.
  const limits = groups.flatMap((g) => (g.limit ? [{ key: `${g.instance.baseUrl} limit`, text: `${hostOf(g.instance.baseUrl)}: ${g.limit}` }] : []));
  const anyError = groups.some((g) => g.error);
  return (
    <section class="merge-requests" aria-labelledby="merge-requests-heading">
      <h2 id="merge-requests-heading" class="section">
        {t('mergeRequests')} <span class="muted">({rows.length === total ? total : t('countOfTotal', [rows.length, total])})</span>
      </h2>
      {limits.map((n) => (
        <p key={n.key} class="muted">
          {n.text}
        </p>
      ))}
      {total === 0 && !anyError && groups.length > 0 && <p class="muted">{t('noMergeRequests')}</p>}
      {total > 0 && rows.length === 0 && <p class="muted">{t('noMergeRequestMatches', query.trim())}</p>}
      <ul aria-label={t('mergeRequests')} class="mr-list">
        {shown.map((row) => {
          const host = showHost ? hostOf(row.instanceId) : null;
          const on = host ? ` ${t('onHost', host)}` : '';
          const refused = readOnly.get(row.instanceId) ?? null;
          const running = timer && timer.instanceId === row.instanceId && timer.reference === row.reference ? timer : null;
          const key = mergeRequestKey(row);
          const isSelected = key === selected;
          return (
            <li
              key={key}
              id={rowElementId(key)}
              class={isSelected ? 'selected' : undefined}
              aria-label={`${row.title} ${row.reference}${on}`}
              aria-current={isSelected ? 'true' : undefined}
              tabIndex={-1}
              onClick={() => onSelect(key)}
            >
              <div class="row-main">
                <a href={row.webUrl} target="_blank" rel="noreferrer" class="title" title={row.title}>
                  {row.title}
                </a>
                <div class="meta">
                  <span>{row.reference}</span>
                  {host && <span>{host}</span>}
                  <span>{mergeRequestRole(row)}</span>
                  <span>{timeText(row)}</span>
                </div>
                <SpentBar row={row} />
              </div>
              {running ? (
                <span class="badge">{running.running ? t('running') : t('paused')}</span>
              ) : (
                <button
                  type="button"
                  disabled={busy || refused !== null}
                  aria-label={`${t('startTimer')} ${t('forItem', row.reference)}${on} ${row.title}`}
                  aria-describedby={refused ? readOnlyNoteId(row.instanceId) : undefined}
                  title={refused ?? undefined}
                  onClick={() => onStart(row)}
                >
                  {t('start')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {shown.length < rows.length && (
        <button type="button" class="tk-quiet" onClick={() => setAll(true)}>
          {t('showAllMergeRequests', rows.length)}
        </button>
      )}
    </section>
  );
}

function SpentBar({ row }: { row: MergeRequestRow }) {
  const ratio = spentRatio(row);
  if (ratio === null) return <span class="bar no-estimate" aria-hidden="true" />;
  return (
    <span class={ratio > 1 ? 'bar over' : 'bar'} aria-hidden="true">
      <span style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
    </span>
  );
}
