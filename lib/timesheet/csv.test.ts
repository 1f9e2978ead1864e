import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvField, csvFileName, exportRows, formatHours, neutraliseFormula, toCsv, toTsv } from './csv';
import { weekOfDay, type TimesheetItem, type TimesheetLog } from './week';

const H = 3600;
const week = weekOfDay('2025-03-05', { firstDay: 1, timeZone: 'Europe/Berlin' });

let n = 1;
function item(projectPath: string, iid: number, kind: TimesheetItem['kind'] = 'issue', title = 'Fix it'): TimesheetItem {
  return { kind, projectPath, iid, title, webUrl: `https://gitlab.com/${projectPath}/-/${kind === 'issue' ? 'issues' : 'merge_requests'}/${iid}` };
}
function log(spentAt: string, seconds: number, it: TimesheetItem | null, summary: string | null = null, instanceId = 'https://gitlab.com'): TimesheetLog {
  return { id: `gid://gitlab/Timelog/${n++}`, instanceId, spentAt, seconds, summary, item: it };
}
/** Records of a CSV body, parsed per RFC 4180 (quoted fields may hold CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), (i += 1);
    else field += c;
  }
  return records;
}

describe('formatHours', () => {
  it('writes a decimal with a dot, at most 2 decimals, no trailing zeros', () => {
    expect(formatHours(5400)).toBe('1.5');
    expect(formatHours(900)).toBe('0.25');
    expect(formatHours(1200)).toBe('0.33');
    expect(formatHours(7200)).toBe('2');
    expect(formatHours(4800)).toBe('1.33');
    expect(formatHours(-1800)).toBe('-0.5');
    expect(formatHours(-10)).toBe('0');
    expect(formatHours(0)).toBe('0');
    expect(formatHours(Number.NaN)).toBe('0');
    expect(formatHours(45 * 60)).toBe('0.75');
  });
});

describe('escaping', () => {
  it('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises formula-looking text', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1:A2)', '\tTab', '\rCR']) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ['Fix it', '1+1', "'quoted", 'a=b', '']) expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('toCsv', () => {
  it('starts with a BOM and the header, and ends every record with CRLF', () => {
    const csv = toCsv([log('2025-03-04T08:00:00Z', 5400, item('acme/web', 1), 'Review')], week);
    expect(csv.startsWith('\uFEFFdate,gitlab,project,kind,reference,title,hours,seconds,summary,url\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('2025-03-04,https://gitlab.com,acme/web,issue,acme/web#1,Fix it,1.5,5400,Review,https://gitlab.com/acme/web/-/issues/1');
    expect(toCsv([], week, { bom: false })).toBe(`${CSV_HEADER.join(',')}\r\n`);
  });

  it('keeps commas, quotes and line breaks inside their fields', () => {
    const title = 'Parse "CSV", properly';
    const summary = 'line one\r\nline two\nline three';
    const csv = toCsv([log('2025-03-04T08:00:00Z', H, item('acme/web', 1, 'issue', title), summary)], week, { bom: false });
    const records = parseCsv(csv);
    expect(records).toHaveLength(2);
    expect(records[1]![5]).toBe(title);
    expect(records[1]![8]).toBe(summary);
    expect(csv).toContain('"Parse ""CSV"", properly"');
  });

  it('neutralises formulas in text, but not a negative number of hours', () => {
    const logs = [
      log('2025-03-04T08:00:00Z', H, item('acme/web', 1, 'issue', '=1+1'), '+cmd|" /C calc"!A0'),
      log('2025-03-04T09:00:00Z', -1800, item('acme/web', 2, 'issue', '@SUM(1+1)*cmd|" /C calc"!A0'), '-2+3'),
      log('2025-03-04T10:00:00Z', H, item('acme/web', 3, 'issue', '\tTabbed title'), null),
    ];
    const records = parseCsv(toCsv(logs, week, { bom: false }));
    expect(records[1]!.slice(5, 9)).toEqual(["'=1+1", '1', '3600', `'+cmd|" /C calc"!A0`]);
    expect(records[2]!.slice(5, 9)).toEqual([`'@SUM(1+1)*cmd|" /C calc"!A0`, '-0.5', '-1800', "'-2+3"]);
    expect(records[3]![5]).toBe("'\tTabbed title");
  });

  it('writes unicode as is', () => {
    const csv = toCsv([log('2025-03-04T08:00:00Z', H, item('équipe/café', 1, 'issue', 'Ünïcødé 日本語 🚀'), 'naïve — ok')], week);
    expect(csv).toContain('équipe/café#1,Ünïcødé 日本語 🚀,1,3600,naïve — ok');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('has a row per log in the week, sorted by day then reference, with local days', () => {
    const logs = [
      log('2025-03-06T08:00:00Z', H, item('acme/web', 12)),
      log('2025-03-04T08:00:00Z', H, item('acme/web', 12)),
      log('2025-03-04T07:00:00Z', H, null),
      log('2025-03-04T09:00:00Z', H, item('acme/web', 3)),
      log('2025-03-04T09:00:00Z', H, item('acme/web', 3, 'merge_request')),
      log('2025-03-02T22:30:00Z', H, item('acme/web', 1)), // Sunday 23:30 in Berlin: last week
      log('2025-03-09T22:30:00Z', H, item('acme/api', 1)), // Sunday 23:30 in Berlin: this week
      log('2025-03-06T08:00:00Z', H, item('acme/api', 40)),
      log('2025-03-06T08:00:00Z', H, item('Acme/team10', 1)),
      log('2025-03-06T08:00:00Z', H, item('acme/team2', 1)),
    ];
    const rows = exportRows(logs, week);
    expect(rows.map((r) => `${r.date} ${r.reference}`)).toEqual([
      '2025-03-04 acme/web#3',
      '2025-03-04 acme/web#12',
      '2025-03-04 acme/web!3',
      '2025-03-04 ',
      '2025-03-06 acme/api#40',
      '2025-03-06 acme/team2#1',
      '2025-03-06 Acme/team10#1',
      '2025-03-06 acme/web#12',
      '2025-03-09 acme/api#1',
    ]);
    expect(rows[3]).toMatchObject({ project: '', kind: '', reference: '', title: '(deleted item)', url: '' });
    expect(rows[2]!.kind).toBe('merge_request');
  });

  it('names the file by the week', () => {
    expect(csvFileName(week)).toBe('timesheet-2025-03-03-to-2025-03-09.csv');
  });
});

describe('toTsv', () => {
  it('puts tabs between cells and replaces tabs and line breaks inside them by spaces', () => {
    const tsv = toTsv([log('2025-03-04T08:00:00Z', 5400, item('acme/web', 1, 'issue', 'a\tb'), 'one\r\ntwo\nthree')], week);
    const lines = tsv.split('\n');
    expect(lines[0]).toBe(CSV_HEADER.join('\t'));
    expect(lines[1]!.split('\t')).toEqual(['2025-03-04', 'https://gitlab.com', 'acme/web', 'issue', 'acme/web#1', 'a b', '1.5', '5400', 'one two three', 'https://gitlab.com/acme/web/-/issues/1']);
    expect(lines).toHaveLength(3);
    expect(tsv.startsWith('\uFEFF')).toBe(false);
  });

  it('neutralises formulas too (a paste is read like typing)', () => {
    const tsv = toTsv([log('2025-03-04T08:00:00Z', -900, item('acme/web', 1, 'issue', '=HYPERLINK("x")'), '@me')], week);
    expect(tsv.split('\n')[1]!.split('\t').slice(5, 9)).toEqual(['\'=HYPERLINK("x")', '-0.25', '-900', "'@me"]);
  });
});
