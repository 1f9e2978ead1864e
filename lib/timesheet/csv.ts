// The shown week's time logs as a file (Export CSV) and as clipboard text (Copy).
//
// One row per time log, sorted by local day, then reference in the table's order
// (project path, issues before merge requests, iid numerically: #3 before #12
// before !1; "(deleted item)" last), then GitLab, time and id. Exactly the logs
// the table counts: the same week, a repeated log once.
//
// - CSV follows RFC 4180: CRLF between records, a field quoted when it holds a
//   comma, a double quote, CR or LF, and quotes inside doubled. It starts with a
//   UTF-8 byte order mark because Excel reads a CSV without one in the system's
//   legacy code page, garbling every non-ASCII title and summary.
// - `hours` is a decimal with a dot, rounded to at most 2 decimals with no
//   trailing zeros (`1.5`, `0.25`, `0.33`, `2`, `-0.5`): short and exact for the
//   usual quarter hours. `seconds` carries the exact value.
// - A cell that a spreadsheet would read as a formula (starting with `=`, `+`,
//   `-`, `@`, tab or CR) gets a leading `'` (OWASP's advice against CSV
//   injection): titles and summaries come from anyone who can edit an issue. The
//   `hours` and `seconds` columns are numbers this file writes, so a negative
//   time there stays a number.
// - TSV (for pasting into a spreadsheet) has the same header, rows and
//   neutralising (after the flattening); tabs and line breaks inside a cell
//   become spaces, since a pasted cell cannot hold them; records end with LF.

import { DELETED_ITEM, buildWeek, compareNames, dayIndexOf, instantOf, referenceOf, type TimesheetLog, type Week } from './week';

// The header stays English in every language: it names the columns of a data format that
// spreadsheets, scripts and imports read by name, so it must not change with the browser.
export const CSV_HEADER = ['date', 'gitlab', 'project', 'kind', 'reference', 'title', 'hours', 'seconds', 'summary', 'url'] as const;

export type ExportColumn = (typeof CSV_HEADER)[number];
export type ExportRow = Record<ExportColumn, string>;

const BOM = '\uFEFF';
const KIND_ORDER = { issue: 0, merge_request: 1 } as const;
const NUMERIC_COLUMNS: ReadonlySet<ExportColumn> = new Set(['hours', 'seconds']);

/** Hours as a decimal with a dot, at most 2 decimals, no trailing zeros: 5400 → `1.5`. */
export function formatHours(seconds: number): string {
  if (!Number.isFinite(seconds)) return '0';
  const hundredths = Math.round((Math.abs(seconds) / 3600) * 100);
  if (hundredths === 0) return '0';
  const text = String(hundredths / 100);
  return seconds < 0 ? `-${text}` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text a spreadsheet would run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows of the export, sorted, before any escaping. */
export function exportRows(logs: readonly TimesheetLog[], week: Week): ExportRow[] {
  const rows = buildWeek(logs, week).logs.map((log) => {
    const t = instantOf(log.spentAt);
    const item = log.item;
    const row: ExportRow = {
      date: week.days[dayIndexOf(week, t)]!.date,
      gitlab: log.instanceId.replace(/\/+$/, ''),
      project: item?.projectPath ?? '',
      kind: item?.kind ?? '',
      reference: item ? referenceOf(item) : '',
      title: item ? item.title : DELETED_ITEM,
      hours: formatHours(log.seconds),
      seconds: String(Math.round(log.seconds)),
      summary: log.summary ?? '',
      url: item?.webUrl ?? '',
    };
    return { row, t, id: log.id, kind: item ? KIND_ORDER[item.kind] : 2, iid: item?.iid ?? 0 };
  });
  rows.sort(
    (a, b) =>
      (a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : 0) ||
      (a.row.project === '' ? 1 : 0) - (b.row.project === '' ? 1 : 0) ||
      compareNames(a.row.project, b.row.project) ||
      a.kind - b.kind ||
      a.iid - b.iid ||
      compareNames(a.row.gitlab, b.row.gitlab) ||
      a.t - b.t ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return rows.map((r) => r.row);
}

function cells(row: ExportRow, prepare: (text: string) => string = (text) => text): string[] {
  return CSV_HEADER.map((column) => (NUMERIC_COLUMNS.has(column) ? row[column] : neutraliseFormula(prepare(row[column]))));
}

/** The week's logs as CSV text (RFC 4180, with a UTF-8 byte order mark unless `bom: false`). */
export function toCsv(logs: readonly TimesheetLog[], week: Week, opts: { bom?: boolean } = {}): string {
  const lines = [CSV_HEADER.join(','), ...exportRows(logs, week).map((row) => cells(row).map(csvField).join(','))];
  return `${opts.bom === false ? '' : BOM}${lines.join('\r\n')}\r\n`;
}

/** The week's logs as tab-separated text for the clipboard. */
export function toTsv(logs: readonly TimesheetLog[], week: Week): string {
  const flat = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const lines = [CSV_HEADER.join('\t'), ...exportRows(logs, week).map((row) => cells(row, flat).join('\t'))];
  return `${lines.join('\n')}\n`;
}

/** `timesheet-2025-03-03-to-2025-03-09.csv` */
export function csvFileName(week: Week): string {
  return `timesheet-${week.days[0]!.date}-to-${week.days[6]!.date}.csv`;
}
