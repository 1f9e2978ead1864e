import { useId, useRef, useState } from 'preact/hooks';
import { formatGitLabDuration } from '@/lib/gitlab/duration';
import { dayLabels, safeHttpUrl, weekRangeLabel } from '@/lib/timesheet/format';
import type { DayCell, ItemRow, LocalDay, TimesheetLog, WeekTable as WeekTableModel } from '@/lib/timesheet/week';
import { ChangeTimeLog, type TimeLogChange } from './ChangeTimeLog';
import { DeleteTimeLog } from './DeleteTimeLog';
import { plural, t } from '@/lib/model/i18n';

export interface WeekTableProps {
  /** From `buildWeek`. */
  table: WeekTableModel;
  /** BCP 47 locale for the day headers; the browser's when absent. */
  locale?: string;
  /** GitLab's "Limit display to hours" (`26h` rather than `3d 2h`). */
  limitToHours?: boolean;
  /** Deletes one time log in GitLab. Without it (a read-only GitLab) no log offers deletion. */
  onDelete?: (log: TimesheetLog) => unknown;
  /** Changes one time log (a new log replacing it); without it no log offers a change. */
  onChange?: (log: TimesheetLog, change: TimeLogChange) => boolean | Promise<boolean>;
  /** Today (`YYYY-MM-DD`), the latest day a change may move a log to. */
  today?: string;
}

/** What a cell needs to offer changes: the handler, the cell's day and today. */
interface Changing {
  onChange: NonNullable<WeekTableProps['onChange']>;
  date: string;
  today: string;
}

type Labels = { short: string; long: string };

function ItemLabel({ row }: { row: ItemRow }) {
  if (!row.item) return <span class="tk-ts-title">{row.title}</span>;
  const href = safeHttpUrl(row.item.webUrl);
  const content = (
    <>
      <span class="tk-ts-ref">{row.reference}</span> <span class="tk-ts-title">{row.title}</span>
    </>
  );
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {content}
    </a>
  ) : (
    content
  );
}

function LogEntry({ log, name, day, fmt, onDelete, changing }: { log: TimesheetLog; name: string; day: Labels; fmt: (s: number) => string; onDelete?: WeekTableProps['onDelete']; changing?: Changing }) {
  const id = useId();
  return (
    <li>
      <span id={id}>
        <strong>{fmt(log.seconds)}</strong>
        <span class="tk-ts-visually-hidden">
          {' '}
          {t('logOnDay', [name, day.long])}
        </span>
        {log.summary ? <span class="tk-ts-summary"> {log.summary}</span> : <span class="tk-ts-summary tk-ts-muted"> {t('noSummary')}</span>}
      </span>
      {changing && log.item && log.id.startsWith('gid://') && (
        <ChangeTimeLog seconds={log.seconds} date={changing.date} summary={log.summary} today={changing.today} describedBy={id} onChange={(change) => changing.onChange(log, change)} />
      )}
      {onDelete && <DeleteTimeLog describedBy={id} onDelete={() => onDelete(log)} />}
    </li>
  );
}

/** A day's time on one item (at least one log); opens to its logs, each of which can be deleted. */
function Cell({ cell, name, day, fmt, onDelete, changing }: { cell: DayCell; name: string; day: Labels; fmt: (s: number) => string; onDelete?: WeekTableProps['onDelete']; changing?: Changing }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const text = fmt(cell.seconds);
  return (
    <td class={`tk-ts-num${cell.seconds < 0 ? ' tk-ts-negative' : ''}`}>
      <button
        ref={toggle}
        type="button"
        class="tk-ts-cell"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={plural('cellLabel', cell.logs.length, text, name, day.long)}
        onClick={() => setOpen(!open)}
      >
        {text}
      </button>
      {open && (
        <ul
          id={id}
          class="tk-ts-logs"
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || event.defaultPrevented) return;
            setOpen(false);
            toggle.current?.focus();
          }}
        >
          {cell.logs.map((log) => (
            <LogEntry key={log.id} log={log} name={name} day={day} fmt={fmt} onDelete={onDelete} changing={changing} />
          ))}
        </ul>
      )}
    </td>
  );
}

function Totals({ values, fmt }: { values: readonly number[]; fmt: (s: number) => string }) {
  return (
    <>
      {values.map((seconds, i) => (
        <td key={i} class={`tk-ts-num${seconds < 0 ? ' tk-ts-negative' : ''}`}>
          {seconds === 0 ? '' : fmt(seconds)}
        </td>
      ))}
    </>
  );
}

/**
 * The week's time logs: a row per issue or merge request with time in the week, under a header
 * row per GitLab (with its totals) and per project; a column per day and a total column; a last
 * row of day totals; then the week total in GitLab's words.
 */
export function WeekTable({ table, locale, limitToHours = false, onDelete, onChange, today }: WeekTableProps) {
  const fmt = (seconds: number) => formatGitLabDuration(seconds, { limitToHours });
  const days = table.week.days;
  const labels = days.map((day: LocalDay) => dayLabels(day.date, locale));
  const columns = days.length + 2;
  return (
    <div class="tk-ts-table-block">
      <div class="tk-ts-scroll">
        <table class="tk-ts-table" aria-label={t('timeLogged')}>
          <caption>{weekRangeLabel(table.week, locale)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('issueOrMergeRequest')}</th>
              {labels.map((label, i) => (
                <th key={days[i]!.date} scope="col" class="tk-ts-num">
                  <abbr title={label.long}>{label.short}</abbr>
                </th>
              ))}
              <th scope="col" class="tk-ts-num">
                {t('total')}
              </th>
            </tr>
          </thead>
          {table.groups.length === 0 && (
            <tbody>
              <tr>
                <td colSpan={columns} class="tk-ts-muted">
                  {t('noTimeThisWeek')}
                </td>
              </tr>
            </tbody>
          )}
          {table.groups.map((group) => (
            <tbody key={group.instanceId}>
              <tr class="tk-ts-instance">
                <th scope="rowgroup">{group.name}</th>
                <Totals values={group.dayTotals} fmt={fmt} />
                <td class="tk-ts-num">{fmt(group.total)}</td>
              </tr>
              {group.projects.map((project) => [
                project.projectPath !== null && (
                  <tr key={project.key} class="tk-ts-project">
                    <th scope="rowgroup" colSpan={columns}>
                      {project.name}
                    </th>
                  </tr>
                ),
                ...project.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" class="tk-ts-item">
                      <ItemLabel row={row} />
                    </th>
                    {row.cells.map((cell, i) =>
                      cell.logs.length === 0 ? (
                        <td key={days[i]!.date} class="tk-ts-num tk-ts-empty" />
                      ) : (
                        <Cell
                          key={days[i]!.date}
                          cell={cell}
                          name={row.reference ?? row.title}
                          day={labels[i]!}
                          fmt={fmt}
                          onDelete={onDelete}
                          changing={onChange && today ? { onChange, date: days[i]!.date, today } : undefined}
                        />
                      ),
                    )}
                    <td class={`tk-ts-num tk-ts-total${row.total < 0 ? ' tk-ts-negative' : ''}`}>{fmt(row.total)}</td>
                  </tr>
                )),
              ])}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row">{t('dayTotal')}</th>
              {table.dayTotals.map((seconds, i) => (
                <td key={days[i]!.date} class={`tk-ts-num${table.overfull[i] ? ' tk-ts-overfull' : ''}`}>
                  {fmt(seconds)}
                  {table.overfull[i] && (
                    <span class="tk-ts-flag">
                      {' '}
                      {t('moreThanTheDay', `${Math.round((days[i]!.end - days[i]!.start) / 3_600_000)}h`)}
                    </span>
                  )}
                </td>
              ))}
              <td class="tk-ts-num tk-ts-total">{fmt(table.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="tk-ts-week-total">
        <span>{t('weekTotal')}</span> <strong>{fmt(table.total)}</strong>
      </p>
    </div>
  );
}
