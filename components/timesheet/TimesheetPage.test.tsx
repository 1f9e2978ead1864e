import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstanceWeek, TimesheetLog } from '@/lib/model/timesheet';
import { writeSnapshot, type Answer, type TimesheetApi, type WeekAnswer } from '@/lib/timesheet/api';
import { ageWords, TimesheetPage } from './TimesheetPage';
import { click, flush, getByRole, queryAllByRole, type } from './testing';

const GITLAB = 'https://gitlab.example';
const OPTIONS = { firstDay: 1 as const, timeZone: 'UTC' };
/** Wednesday 4 March 2026, 15:00 UTC; the week runs Monday 2 to Sunday 8 March. */
const NOW = Date.UTC(2026, 2, 4, 15);
const WEEK_KEY = `${Date.UTC(2026, 2, 2)}-${Date.UTC(2026, 2, 9)}`;

const log = (id: number, spentAt: string, seconds: number, title = 'Fix login'): TimesheetLog => ({
  id: `gid://gitlab/Timelog/${id}`,
  instanceId: GITLAB,
  spentAt,
  seconds,
  summary: null,
  item: { kind: 'issue', projectPath: 'acme/web', iid: 12, title, webUrl: `${GITLAB}/acme/web/-/issues/12` },
});
const week = (logs: TimesheetLog[], extra: Partial<InstanceWeek> = {}): InstanceWeek => ({ instanceId: GITLAB, username: 'me', source: 'gitlab', logs, error: null, fetchedAt: NOW, ...extra });

let container: HTMLElement;
beforeEach(() => localStorage.clear());
afterEach(() => {
  render(null, container);
  container.remove();
});

function fakeApi(answers: { fresh: Answer<WeekAnswer>; cache?: Answer<WeekAnswer> }) {
  const api = {
    listInstances: vi.fn(async () => [{ baseUrl: GITLAB } as never]),
    week: vi.fn(async (_range: { start: number; end: number }, mode: string) => (mode === 'cache' ? (answers.cache ?? { ok: true as const, weeks: [], cachedAt: null }) : answers.fresh)),
    deleteTimelog: vi.fn(async () => ({ ok: true as const })),
    logTime: vi.fn(async () => ({ ok: true as const, log: { item: { instanceId: GITLAB, projectPath: 'acme/web', kind: 'issue' as const, iid: 12 }, seconds: 1800, status: 'landed' as const, message: 'Logged 30m to acme/web#12.' } })),
    replaceTimelog: vi.fn(async (_id: string, _ref: unknown, _seconds: number, _summary: string, _spentAt: number) => ({ ok: true as const, log: { item: { instanceId: GITLAB, projectPath: 'acme/web', kind: 'issue' as const, iid: 12 }, seconds: 2700, status: 'landed' as const, message: 'Logged 45m to acme/web#12.' } })),
    download: vi.fn((_name: string, _text: string, _type: string) => undefined),
    copyText: vi.fn(async (_text: string) => undefined),
  } satisfies TimesheetApi;
  return api;
}

async function mount(api: TimesheetApi) {
  container = document.createElement('div');
  document.body.append(container);
  render(<TimesheetPage api={api} options={OPTIONS} locale="en-GB" now={() => NOW} />, container);
}
/** Lets the effects run and the background's (fake) answers arrive. */
async function settle() {
  for (let i = 0; i < 6; i++) await flush();
}

const table = () => getByRole(container, 'table', 'Time logged');

describe('TimesheetPage', () => {
  it('paints the kept answer in its first render, before the background answers', async () => {
    writeSnapshot(WEEK_KEY, { weeks: [week([log(1, '2026-03-03T09:00:00Z', 5400)])], cachedAt: NOW - 5 * 60_000 });
    let answer!: (a: Answer<WeekAnswer>) => void;
    const api = fakeApi({ fresh: { ok: true, weeks: [], cachedAt: NOW } });
    api.week.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await mount(api);
    expect(table().textContent).toContain('acme/web#12');
    await settle();
    expect(container.textContent).toContain('Week total 1h 30m');
    expect(getByRole(container, 'heading', 'Timesheet')).toBeDefined();
    expect(container.textContent).toContain('5 min ago');
    answer({ ok: true, weeks: [week([log(1, '2026-03-03T09:00:00Z', 5400), log(2, '2026-03-04T09:00:00Z', 1800)])], cachedAt: NOW });
    await settle();
    expect(container.textContent).toContain('Week total 2h');
    expect(container.textContent).toContain('just now');
  });

  it('draws the chart against the daily target set in the options (8h until it is known)', async () => {
    const api = fakeApi({ fresh: { ok: true, weeks: [week([log(1, '2026-03-03T09:00:00Z', 7 * 3600)])], cachedAt: NOW } });
    let target!: (seconds: number) => void;
    await mount({ ...api, dayTarget: () => new Promise<number>((resolve) => (target = resolve)) });
    await settle();
    expect(container.textContent).toContain('Daily target 8h');
    target(6.5 * 3600);
    await settle();
    expect(container.textContent).toContain('Daily target 6h 30m');
    expect(getByRole(container, 'img').textContent).toContain('7h, target reached');
  });

  it('shows a GitLab that cannot list time logs in words, and an error beside the last good figures', async () => {
    await mount(fakeApi({ fresh: { ok: true, weeks: [week([], { source: 'browser', unsupported: 'GitLab 10.8.7 cannot list time logs.' }), week([log(3, '2026-03-02T10:00:00Z', 600)], { instanceId: 'https://other.example', error: 'other.example did not answer.' })], cachedAt: NOW } }));
    await settle();
    expect(container.textContent).toContain('GitLab 10.8.7 cannot list time logs.');
    expect(container.textContent).toContain('other.example did not answer.');
  });

  it('exports the shown week as CSV and copies it as tab-separated text', async () => {
    const api = fakeApi({ fresh: { ok: true, weeks: [week([log(1, '2026-03-03T09:00:00Z', 5400, '=1+1')])], cachedAt: NOW } });
    await mount(api);
    await settle();
    await click(getByRole(container, 'button', 'Export CSV'));
    const [name, text, mime] = api.download.mock.calls[0]!;
    expect(name).toBe('timesheet-2026-03-02-to-2026-03-08.csv');
    expect(mime).toBe('text/csv;charset=utf-8');
    expect(text.split('\r\n')[1]).toBe(`2026-03-03,${GITLAB},acme/web,issue,acme/web#12,'=1+1,1.5,5400,,${GITLAB}/acme/web/-/issues/12`);
    await click(getByRole(container, 'button', 'Copy'));
    expect(api.copyText.mock.calls[0]![0]).toContain('\t1.5\t5400\t');
    expect(container.textContent).toContain('Copied the week');
  });

  it('deletes a log only after the confirmation, and says what GitLab refused', async () => {
    const api = fakeApi({ fresh: { ok: true, weeks: [week([log(1, '2026-03-03T09:00:00Z', 5400)])], cachedAt: NOW } });
    api.deleteTimelog.mockResolvedValueOnce({ ok: false, error: 'GitLab did not delete this time log. Only its author or a Maintainer of the project may delete it.' } as never);
    await mount(api);
    await settle();
    await click(getByRole(table(), 'button', /^1h 30m on acme\/web#12/));
    await click(getByRole(container, 'button', 'Delete time log'));
    expect(api.deleteTimelog).not.toHaveBeenCalled();
    await click(getByRole(container, 'button', 'Delete time log: confirm'));
    await settle();
    expect(api.deleteTimelog).toHaveBeenCalledWith(GITLAB, 'gid://gitlab/Timelog/1');
    expect(getByRole(container, 'alert').textContent).toMatch(/Only its author or a Maintainer/);

    await click(getByRole(container, 'button', 'Delete time log'));
    await click(getByRole(container, 'button', 'Delete time log: confirm'));
    await settle();
    expect(api.deleteTimelog).toHaveBeenCalledTimes(2);
    expect(getByRole(container, 'alert').textContent).toBe('Deleted the time log on acme/web#12.');
  });

  it('adds a log for a past day with that day (its middle, in the time zone) through logTime', async () => {
    const api = fakeApi({ fresh: { ok: true, weeks: [week([])], cachedAt: NOW } });
    await mount(api);
    await settle();
    await click(getByRole(container, 'button', 'Add time log'));
    await type(getByRole(container, 'textbox', 'Issue or merge request'), 'acme/web#12');
    await type(getByRole(container, 'textbox', 'Time spent'), '30m');
    await type(getByRole(container, 'textbox', 'Date'), '2026-03-02');
    await type(getByRole(container, 'textbox', 'Summary'), 'Pairing');
    await click(getByRole(container, 'button', 'Log time'));
    await settle();
    expect(api.logTime).toHaveBeenCalledWith({ instanceId: GITLAB, projectPath: 'acme/web', kind: 'issue', iid: 12 }, 1800, 'Pairing', Date.UTC(2026, 2, 2, 12));
    expect(container.textContent).toContain('Logged 30m to acme/web#12.');
    expect(api.week.mock.calls.filter((c) => c[1] === 'fresh').length).toBe(2);
  });

  it('changes a log: its new time, day and summary go as a replacement of that log', async () => {
    const api = fakeApi({ fresh: { ok: true, weeks: [week([{ ...log(1, '2026-03-03T09:00:00Z', 5400), summary: 'Review' }])], cachedAt: NOW } });
    await mount(api);
    await settle();
    await click(getByRole(table(), 'button', /^1h 30m on acme\/web#12/));
    await click(getByRole(container, 'button', 'Change time log'));
    const spent = getByRole(container, 'textbox', 'Time spent') as HTMLInputElement;
    expect(spent.value).toBe('1h 30m');
    expect((getByRole(container, 'textbox', 'Summary') as HTMLInputElement).value).toBe('Review');
    await type(spent, 'nonsense');
    await click(getByRole(container, 'button', 'Save change'));
    expect(api.replaceTimelog).not.toHaveBeenCalled();
    expect(spent.getAttribute('aria-invalid')).toBe('true');
    await type(spent, '45m');
    await type(getByRole(container, 'textbox', 'Date'), '2026-03-05');
    await click(getByRole(container, 'button', 'Save change'));
    expect(api.replaceTimelog).not.toHaveBeenCalled();
    await type(getByRole(container, 'textbox', 'Date'), '2026-03-02');
    await click(getByRole(container, 'button', 'Save change'));
    await settle();
    expect(api.replaceTimelog).toHaveBeenCalledWith('gid://gitlab/Timelog/1', { instanceId: GITLAB, projectPath: 'acme/web', kind: 'issue', iid: 12 }, 2700, 'Review', Date.UTC(2026, 2, 2, 12));
    expect(getByRole(container, 'alert').textContent).toBe('Changed the time log on acme/web#12: Logged 45m to acme/web#12.');
  });

  it('moves between weeks and asks for each', async () => {
    const api = fakeApi({ fresh: { ok: true, weeks: [], cachedAt: NOW } });
    await mount(api);
    await settle();
    await click(getByRole(container, 'button', 'Previous week'));
    await settle();
    expect(api.week).toHaveBeenLastCalledWith({ start: Date.UTC(2026, 1, 23), end: Date.UTC(2026, 2, 2) }, 'fresh');
    await click(getByRole(container, 'button', 'This week'));
    await settle();
    expect(api.week).toHaveBeenLastCalledWith({ start: Date.UTC(2026, 2, 2), end: Date.UTC(2026, 2, 9) }, 'fresh');
    expect(queryAllByRole(container, 'alert')).toHaveLength(0);
  });
});

describe('onPainted', () => {
  it('says the kept answer was painted first, then GitLab\'s with when it arrived', async () => {
    writeSnapshot(WEEK_KEY, { weeks: [week([log(1, '2026-03-03T09:00:00Z', 5400)])], cachedAt: NOW - 60_000 });
    const painted: Array<[string, number | null]> = [];
    container = document.createElement('div');
    document.body.append(container);
    const api = fakeApi({ fresh: { ok: true, weeks: [week([])], cachedAt: NOW } });
    render(<TimesheetPage api={api} options={OPTIONS} now={() => NOW} onPainted={(from, at) => painted.push([from, at])} />, container);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(painted.map(([from]) => from)).toEqual(['kept', 'gitlab']);
    expect(painted[0]![1]).toBeNull();
    expect(typeof painted[1]![1]).toBe('number');
  });
});

describe('ageWords', () => {
  it('says how old the figures are', () => {
    expect(ageWords(NOW, NOW)).toBe('just now');
    expect(ageWords(NOW - 3 * 60_000, NOW)).toBe('3 min ago');
    expect(ageWords(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
    expect(ageWords(NOW - 3 * 86_400_000, NOW)).toBe('3 days ago');
  });
});
