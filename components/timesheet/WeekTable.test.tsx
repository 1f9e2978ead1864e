import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildWeek, weekOfDay, type TimesheetItem, type TimesheetLog } from '@/lib/timesheet/week';
import { click, getByRole, queryAllByRole } from './testing';
import { WeekTable } from './WeekTable';

const H = 3600;
const week = weekOfDay('2025-03-05', { firstDay: 1, timeZone: 'Europe/Berlin' });

let n = 1;
function item(projectPath: string, iid: number, kind: TimesheetItem['kind'] = 'issue', title = `Title ${iid}`, webUrl?: string): TimesheetItem {
  return { kind, projectPath, iid, title, webUrl: webUrl ?? `https://gitlab.com/${projectPath}/-/${kind === 'issue' ? 'issues' : 'merge_requests'}/${iid}` };
}
function log(spentAt: string, seconds: number, it: TimesheetItem | null, summary: string | null = null, instanceId = 'https://gitlab.com'): TimesheetLog {
  return { id: `gid://gitlab/Timelog/${n++}`, instanceId, spentAt, seconds, summary, item: it };
}

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(logs: TimesheetLog[], props: { onDelete?: (log: TimesheetLog) => unknown; limitToHours?: boolean } = {}) {
  container = document.createElement('div');
  document.body.append(container);
  render(<WeekTable table={buildWeek(logs, week)} locale="en-GB" {...props} />, container);
  return getByRole(container, 'table', 'Time logged');
}

const rowTexts = (table: HTMLElement) => [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim() ?? ''));

describe('WeekTable', () => {
  const logs = () => [
    log('2025-03-03T08:00:00Z', 5400, item('acme/web', 12), 'Review'),
    log('2025-03-03T10:00:00Z', 1800, item('acme/web', 12), 'More review'),
    log('2025-03-05T08:00:00Z', 2 * H, item('acme/web', 7, 'merge_request', 'Add CSV')),
    log('2025-03-06T08:00:00Z', H, item('acme/api', 3)),
    log('2025-03-04T08:00:00Z', 45 * 60, item('acme/web', 1), null, 'https://code.example.org/gitlab'),
  ];

  it('is a table named "Time logged" with a column per day, a total column, group rows and a row of day totals', () => {
    const table = mount(logs());
    expect(table.tagName).toBe('TABLE');
    const rows = rowTexts(table);
    expect(rows[0]).toEqual(['Issue or merge request', 'Mon 3', 'Tue 4', 'Wed 5', 'Thu 6', 'Fri 7', 'Sat 8', 'Sun 9', 'Total']);
    expect(table.querySelectorAll('thead th[scope="col"]')).toHaveLength(9);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'code.example.org/gitlab',
      'acme/web',
      'acme/web#1 Title 1',
      'gitlab.com',
      'acme/api',
      'acme/api#3 Title 3',
      'acme/web',
      'acme/web#12 Title 12',
      'acme/web!7 Add CSV',
      'Day total',
    ]);
    expect(rows.at(-3)).toEqual(['acme/web#12 Title 12', '2h', '', '', '', '', '', '', '2h']);
    expect(rows.at(-1)).toEqual(['Day total', '2h', '45m', '2h', '1h', '0m', '0m', '0m', '5h 45m']);
    // The GitLab's own totals on its header row.
    expect(rows[4]).toEqual(['gitlab.com', '2h', '', '2h', '1h', '', '', '', '5h']);
    expect(table.querySelector('tfoot')?.textContent).toContain('Day total');
    expect(table.querySelector('caption')?.textContent?.replace(/\s/g, '')).toBe('3–9Mar2025');
  });

  it('shows the week total in GitLab\'s words', () => {
    mount(logs(), {});
    const total = [...container.querySelectorAll('span')].find((s) => s.textContent === 'Week total')!;
    expect(total.parentElement?.textContent).toBe('Week total 5h 45m');
    render(null, container);
    render(<WeekTable table={buildWeek([log('2025-03-04T08:00:00Z', 30 * H, item('a/b', 1))], week)} locale="en-GB" limitToHours />, container);
    expect(container.querySelector('.tk-ts-week-total')?.textContent).toBe('Week total 30h');
    render(<WeekTable table={buildWeek([log('2025-03-04T08:00:00Z', 30 * H, item('a/b', 1))], week)} locale="en-GB" />, container);
    expect(container.querySelector('.tk-ts-week-total')?.textContent).toBe('Week total 3d 6h');
  });

  it('links each item, but only to http(s) addresses', () => {
    mount([
      log('2025-03-03T08:00:00Z', H, item('acme/web', 1)),
      log('2025-03-03T08:00:00Z', H, item('acme/web', 2, 'issue', 'Evil', 'javascript:alert(1)')),
    ]);
    const link = getByRole(container, 'link', 'acme/web#1 Title 1');
    expect(link.getAttribute('href')).toBe('https://gitlab.com/acme/web/-/issues/1');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(queryAllByRole(container, 'link')).toHaveLength(1);
    expect(container.textContent).toContain('acme/web#2 Evil');
  });

  it('shows the logs of a cell and deletes one after asking', async () => {
    const onDelete = vi.fn(async () => true);
    const all = logs();
    mount(all, { onDelete });
    expect(queryAllByRole(container, 'button', 'Delete time log')).toHaveLength(0);
    const cell = getByRole(container, 'button', /^2h on acme\/web#12, Monday,? 3 March 2025: 2 time logs$/);
    expect(cell.getAttribute('aria-expanded')).toBe('false');
    await click(cell);
    expect(cell.getAttribute('aria-expanded')).toBe('true');
    const list = container.querySelector(`#${cell.getAttribute('aria-controls')}`)!;
    expect(list.textContent).toContain('1h 30m');
    expect(list.textContent).toContain('Review');
    expect(list.textContent).toContain('More review');
    const deletes = queryAllByRole(list, 'button', 'Delete time log');
    expect(deletes).toHaveLength(2);
    // Each says which log it deletes, as its description.
    expect(document.getElementById(deletes[1]!.getAttribute('aria-describedby')!)?.textContent).toMatch(/^30m on acme\/web#12, Monday,? 3 March 2025 More review$/);

    await click(deletes[1]!);
    expect(onDelete).not.toHaveBeenCalled();
    const confirm = getByRole(list, 'button', 'Delete time log: confirm');
    expect(document.activeElement).toBe(confirm);
    expect(queryAllByRole(list, 'button', 'Delete time log')).toHaveLength(1);
    await click(confirm);
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onDelete).toHaveBeenCalledWith(all[1]);
  });

  it('cancels a deletion without deleting', async () => {
    const onDelete = vi.fn();
    mount(logs(), { onDelete });
    await click(getByRole(container, 'button', /^1h on acme\/api#3/));
    await click(getByRole(container, 'button', 'Delete time log'));
    await click(getByRole(container, 'button', 'Cancel'));
    expect(onDelete).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(getByRole(container, 'button', 'Delete time log'));
    expect(queryAllByRole(container, 'button', 'Delete time log: confirm')).toHaveLength(0);
  });

  it('offers no deletion without onDelete (a read-only GitLab)', async () => {
    mount(logs());
    await click(getByRole(container, 'button', /^1h on acme\/api#3/));
    expect(container.querySelector('.tk-ts-logs')?.textContent).toContain('No summary');
    expect(queryAllByRole(container, 'button', 'Delete time log')).toHaveLength(0);
  });

  it('shows negative time, "(deleted item)" rows and an overfull day', () => {
    mount([
      log('2025-03-04T08:00:00Z', -1800, item('acme/web', 1)),
      log('2025-03-05T08:00:00Z', 20 * H, null),
      log('2025-03-05T09:00:00Z', 5 * H, item('acme/web', 1)),
    ]);
    const rows = rowTexts(getByRole(container, 'table', 'Time logged'));
    expect(rows.map((r) => r[0])).toContain('(deleted item)');
    expect(rows.map((r) => r[0]).filter((t) => t === '(deleted item)')).toHaveLength(1);
    expect(rows.find((r) => r[0] === 'acme/web#1 Title 1')).toEqual(['acme/web#1 Title 1', '', '-30m', '5h', '', '', '', '', '4h 30m']);
    expect(rows.at(-1)![3]).toBe("3d 1h (more than the day's 24h)");
    expect(container.querySelector('.tk-ts-overfull')).not.toBeNull();
  });

  it('says so when the week has no time logged', () => {
    const table = mount([]);
    expect(table.textContent).toContain('No time logged in this week.');
    expect(rowTexts(table).at(-1)).toEqual(['Day total', '0m', '0m', '0m', '0m', '0m', '0m', '0m', '0m']);
  });

  it('renders 1,000 logs over 3 GitLabs', () => {
    const instances = ['https://gitlab.com', 'https://gitlab.example.org', 'https://code.example.org/gitlab'];
    const many = Array.from({ length: 1000 }, (_, i) =>
      log(new Date(week.start + ((i * 7919) % 604_800) * 1000).toISOString(), 900, item(`group/p${i % 17}`, (i % 41) + 1), null, instances[i % 3]),
    );
    const table = mount(many);
    expect(container.querySelector('.tk-ts-week-total strong')?.textContent).toBe('1mo 2w 1d 2h'); // 250h: 160h + 80h + 8h + 2h
    expect(table.querySelectorAll('tbody')).toHaveLength(3);
  });
});
