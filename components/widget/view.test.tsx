import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DetectedIssue } from '@/lib/content/page-facts';
import type { ItemView, LogOutcome } from '@/lib/model/protocol';
import { createIssueWidgetStore } from '@/lib/content/widget-store';
import { createTimerStore } from '@/lib/model/timer-view';
import { spentAtOf } from './LogTimeForm';
import { FormsFromStore } from './MoreTimeTracking';
import { renderWidget } from './view';

const issue: DetectedIssue = { projectPath: 'acme/web', kind: 'issue', iid: 1, drawer: false, limitToHours: false, readOnly: null };
const page = (kind: DetectedIssue['kind'] = 'issue') => ({ page: { projectPath: 'acme/web', kind, iid: 1 } });
const emptyState = { timer: null, outbox: [], notice: null };
const outcome = (status: LogOutcome['status'], message: string, seconds = 7200): LogOutcome => ({
  item: { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 1 },
  seconds,
  status,
  message,
});
const view = (spent: number, estimate: number, human: [string | null, string | null]): ItemView => ({
  instance: { baseUrl: 'https://gitlab.com', username: 'demo' },
  timeStats: { total_time_spent: spent, time_estimate: estimate, human_total_time_spent: human[0], human_time_estimate: human[1] },
  readOnly: null,
});

let container: HTMLElement;
let unrender = () => {};
afterEach(() => {
  unrender();
  render(null, container);
  container.remove();
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Mounts the widget; `closed`: leaves "More time tracking" as the first paint has it, else opens it. */
async function mount(opts: { view?: ItemView; issue?: DetectedIssue; connected?: boolean; closed?: boolean; answers?: Record<string, (data: any) => unknown> } = {}) {
  const answers: Record<string, (data: any) => unknown> = {
    itemView: () => ({ ok: true, ...(opts.view ?? view(5400, 12600, ['1h 30m', '3h 30m'])) }),
    getState: () => ({ ok: true, state: emptyState }),
    ...opts.answers,
  };
  const sendMessage = vi.fn(async (type: string, data: unknown) => answers[type]?.(data));
  const messenger = { sendMessage } as never;
  const issueStore = createIssueWidgetStore(messenger);
  const timerStore = createTimerStore(messenger, { onMessage: () => () => undefined } as never);
  const connect = vi.fn();
  container = document.createElement('div');
  document.body.append(container);
  const openForms = vi.fn(async (into: HTMLElement) => render(<FormsFromStore issueStore={issueStore} />, into));
  unrender = renderWidget(container, { issueStore, timerStore, titleOf: () => 'Fix it', connect, openForms });
  await issueStore.getState().show(opts.issue ?? issue, opts.connected ?? true);
  await flush();
  if (!opts.closed && button('More time tracking')) {
    button('More time tracking')!.click();
    await flush();
  }
  return { sendMessage, connect, openForms };
}

const region = () => container.querySelector('[role="region"]')!;
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name) as HTMLButtonElement | undefined;
/** A textbox by its <label>, as assistive technology names it. */
const textbox = (name: string) => {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(name));
  return container.querySelector(`#${label?.getAttribute('for')}`) as HTMLInputElement;
};
const type = async (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flush();
};
const submit = async (name: string) => {
  button(name)!.click();
  await flush();
  await flush();
};

describe('TimerWidget', () => {
  it('shows the background’s notice only on the items it is about, or when it is about none', async () => {
    const item = (iid: number) => ({ instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue' as const, iid });
    const cases: Array<[{ notice: string; noticeAbout?: ReturnType<typeof item>[] }, boolean]> = [
      [{ notice: 'Logged 20m to acme/web#3.', noticeAbout: [item(3)] }, false],
      [{ notice: 'Logged 20m to acme/web#1.', noticeAbout: [item(1)] }, true],
      [{ notice: 'Logged 5m to acme/web#3. Timer started on acme/web#1.', noticeAbout: [item(3), item(1)] }, true],
      [{ notice: 'Something general.' }, true],
    ];
    for (const [state, shown] of cases) {
      await mount({ closed: true, answers: { getState: () => ({ ok: true, state: { ...emptyState, ...state } }) } });
      await flush();
      expect(region().textContent!.includes(state.notice), state.notice).toBe(shown);
      unrender();
      render(null, container);
      container.remove();
    }
  });

  it('carries the names of docs/ui-contract.md', async () => {
    await mount();
    expect(region().getAttribute('aria-label')).toBe('Time tracking');
    for (const name of ['Start timer', 'Log time', 'Set estimate', 'Reset estimate', 'Reset spent time', 'Add a to-do']) expect(button(name), name).toBeDefined();
    for (const name of ['Time spent', 'Summary', 'Estimate']) expect(textbox(name), name).not.toBeNull();
    expect(textbox('Summary').maxLength).toBe(255);
  });

  it('shows spent and estimate in GitLab\'s words, and how much of the estimate is used', async () => {
    await mount();
    expect(region().textContent).toContain('Spent 1h 30m Estimate 3h 30m');
    expect(region().textContent).toContain('43% of the estimate used');
  });

  it('makes running over the estimate obvious', async () => {
    await mount({ view: view(5 * 3600, 4 * 3600, ['5h', '4h']) });
    expect(region().textContent).toContain('Over the estimate by 1h');
    expect(container.querySelector('.tk-bar')?.classList.contains('tk-over')).toBe(true);
  });

  it('says so when nothing is spent or estimated', async () => {
    await mount({ view: view(0, 0, [null, null]) });
    expect(region().textContent).toContain('No time spent');
    expect(region().textContent).toContain('No estimate');
    expect(button('Reset spent time')!.disabled).toBe(true);
    expect(button('Reset estimate')!.disabled).toBe(true);
  });

  it('previews what will be sent, in hours only where the instance says so', async () => {
    await mount({ issue: { ...issue, limitToHours: true } });
    await type(textbox('Estimate'), '1d 30m');
    expect(region().textContent).toContain('= 8h 30m');
    await type(textbox('Time spent'), '-45m');
    expect(region().textContent).toContain('= −45m (subtracts)');
  });

  it('explains invalid input and sends nothing', async () => {
    const { sendMessage } = await mount();
    await type(textbox('Estimate'), '3 hours please');
    expect(textbox('Estimate').getAttribute('aria-invalid')).toBe('true');
    await submit('Set estimate');
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Nothing was sent');
    expect(sendMessage.mock.calls.map(([type]) => type)).not.toContain('setEstimate');
  });

  it('sends a valid estimate and clears the field', async () => {
    const { sendMessage } = await mount({ answers: { setEstimate: () => ({ ok: true, timeStats: view(5400, 3600, ['1h 30m', '1h']).timeStats }) } });
    await type(textbox('Estimate'), '1h');
    await submit('Set estimate');
    expect(sendMessage).toHaveBeenCalledWith('setEstimate', { target: page(), seconds: 3600 });
    expect(textbox('Estimate').value).toBe('');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Estimate set to 1h.');
  });

  it('logs time on an earlier day at noon of that day; today and later need no date', async () => {
    expect(spentAtOf('2026-11-20', '2026-11-24')).toBe(new Date(2026, 10, 20, 12).getTime());
    expect(spentAtOf('2026-11-24', '2026-11-24')).toBeUndefined();
    expect(spentAtOf('2026-11-25', '2026-11-24')).toBeUndefined();
    expect(spentAtOf('', '2026-11-24')).toBeUndefined();
    const { sendMessage } = await mount({ answers: { logTime: () => ({ ok: true, state: emptyState, log: outcome('waiting', 'Saved.') }) } });
    await type(textbox('Time spent'), '2h');
    await type(textbox('Date'), '2020-02-03');
    await submit('Log time');
    expect(sendMessage).toHaveBeenCalledWith('logTime', { target: page(), seconds: 7200, spentAt: new Date(2020, 1, 3, 12).getTime() });
    expect(textbox('Date').value).toBe('');
    expect(textbox('Time spent').value).toBe('');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Saved.');
  });

  it.each(['20s', '1m 20s', '90 seconds'])('refuses %j in GitLab’s whole minutes and sends nothing', async (text) => {
    const { sendMessage } = await mount();
    await type(textbox('Time spent'), text);
    await submit('Log time');
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/^Nothing was sent: .*whole minutes/);
    expect(textbox('Time spent').value).toBe(text);
    await type(textbox('Estimate'), text);
    await submit('Set estimate');
    expect(sendMessage.mock.calls.map(([type]) => type)).not.toContain('logTime');
    expect(sendMessage.mock.calls.map(([type]) => type)).not.toContain('setEstimate');
  });

  it('a subtraction goes as negative seconds, with its summary', async () => {
    const { sendMessage } = await mount({ answers: { logTime: () => ({ ok: true, state: emptyState, log: outcome('landed', 'Logged -30m to acme/web#1.', -1800) }) } });
    await type(textbox('Time spent'), '-30m');
    await type(textbox('Summary'), ' Double-counted ');
    await submit('Log time');
    expect(sendMessage).toHaveBeenCalledWith('logTime', { target: page(), seconds: -1800, summary: 'Double-counted' });
    expect(textbox('Summary').value).toBe('');
  });

  it('a log GitLab refused for good says why and keeps what was typed, to fix or send again', async () => {
    const refused = 'GitLab refused the time log: you need Reporter access.';
    await mount({ answers: { logTime: () => ({ ok: true, state: emptyState, log: outcome('needs-attention', refused, 2700) }) } });
    await type(textbox('Time spent'), '45m');
    await type(textbox('Summary'), 'Pairing');
    await type(textbox('Date'), '2020-02-03');
    await submit('Log time');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(refused);
    expect(textbox('Time spent').value).toBe('45m');
    expect(textbox('Summary').value).toBe('Pairing');
    expect(textbox('Date').value).toBe('2020-02-03');
  });

  it('on a merge request: its reference, and every change names the merge request', async () => {
    const { sendMessage } = await mount({
      issue: { ...issue, kind: 'merge_request' },
      answers: { setEstimate: () => ({ ok: true, timeStats: view(5400, 3600, ['1h 30m', '1h']).timeStats }) },
    });
    expect(container.querySelector('h2')?.textContent).toContain('acme/web!1');
    expect(sendMessage).toHaveBeenCalledWith('itemView', { projectPath: 'acme/web', kind: 'merge_request', iid: 1 });
    await type(textbox('Estimate'), '1h');
    await submit('Set estimate');
    expect(sendMessage).toHaveBeenCalledWith('setEstimate', { target: page('merge_request'), seconds: 3600 });
    await submit('Start timer');
    expect(sendMessage).toHaveBeenCalledWith('startTimer', { target: { page: { projectPath: 'acme/web', kind: 'merge_request', iid: 1, title: 'Fix it' } } });
  });

  it('on a merge request: a 403 on its estimate is explained, the controls turn read-only, the reset asks about the merge request', async () => {
    const refused = 'You do not have permission to do that on this merge request (its time tracking needs Developer access or more).';
    await mount({
      issue: { ...issue, kind: 'merge_request' },
      answers: { setEstimate: () => ({ ok: false, code: 'forbidden', error: refused }) },
    });
    await submit('Reset spent time');
    expect(region().textContent).toContain('Remove all 1h 30m logged on this merge request?');
    await submit('Cancel');
    await type(textbox('Estimate'), '2h');
    await submit('Set estimate');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(refused);
    expect(button('Set estimate')?.disabled).toBe(true);
    expect(button('Start timer')?.disabled).toBe(true);
  });

  it('resets spent time only after the confirmation, which can be cancelled', async () => {
    const { sendMessage } = await mount({ answers: { resetSpentTime: () => ({ ok: true, timeStats: view(0, 12600, [null, '3h 30m']).timeStats }) } });
    await submit('Reset spent time');
    expect(region().textContent).toContain('Remove all 1h 30m logged on this issue?');
    expect(button('Reset spent time')).toBeUndefined(); // only the confirming button by that name now
    await submit('Cancel');
    expect(sendMessage.mock.calls.map(([type]) => type)).not.toContain('resetSpentTime');
    await submit('Reset spent time');
    await submit('Reset spent time: confirm');
    expect(sendMessage).toHaveBeenCalledWith('resetSpentTime', { target: page() });
    expect(region().textContent).toContain('No time spent');
  });

  it('read-only: controls disabled, the reason said, a to-do still possible', async () => {
    await mount({ issue: { ...issue, readOnly: 'This project is archived, so its time tracking is read-only.' } });
    expect(region().textContent).toContain('Read-only: This project is archived');
    for (const name of ['Start timer', 'Log time', 'Set estimate', 'Reset spent time']) expect(button(name)!.disabled, name).toBe(true);
    expect(textbox('Time spent').disabled).toBe(true);
    expect(button('Add a to-do')!.disabled).toBe(false);
  });

  it('on a GitLab not connected yet: says so and offers to connect it', async () => {
    const { connect, sendMessage } = await mount({ connected: false });
    expect(region().textContent).toContain('not connected');
    await submit('Connect this GitLab');
    expect(connect).toHaveBeenCalled();
    expect(sendMessage.mock.calls.map(([type]) => type)).not.toContain('itemView');
  });

  it('a refused token: the error in words, and the way to reconnect', async () => {
    await mount({ answers: { itemView: () => ({ ok: false, code: 'unauthorized', error: 'GitLab refused the access token.' }) } });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('GitLab refused the access token.');
    expect(button('Connect this GitLab')).toBeDefined();
  });
});

describe('compact until "More time tracking" opens', () => {
  it('first shows the numbers and the timer only; the forms load when it opens, and it stays open', async () => {
    const { openForms } = await mount({ closed: true });
    const more = button('More time tracking')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(button('Start timer')).toBeDefined();
    for (const name of ['Log time', 'Set estimate', 'Reset estimate', 'Reset spent time', 'Add a to-do']) expect(button(name), name).toBeUndefined();
    expect(openForms).not.toHaveBeenCalled();

    more.click();
    await flush();
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const controlled = container.querySelector(`#${more.getAttribute('aria-controls')}`) as HTMLElement;
    expect(controlled.contains(button('Log time')!)).toBe(true);
    expect(controlled.closest('[hidden]')).toBeNull();
    more.click();
    await flush();
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(button('Log time')).toBeDefined();
    expect(openForms).toHaveBeenCalledTimes(1);
  });

  it('forms that fail to load say so in words, and the numbers and timer stay', async () => {
    const { openForms } = await mount({ closed: true });
    openForms.mockRejectedValueOnce(new Error('no forms'));
    button('More time tracking')!.click();
    await flush();
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('did not load');
    expect(container.querySelector('[role="status"]')).toBeNull();
    expect(button('Start timer')).toBeDefined();
  });

  it('on a server without time tracking only the to-do sits behind it', async () => {
    await mount({ view: { ...view(0, 0, [null, null]), noTimeTracking: 'GitLab 8.15 has no time tracking.' } });
    expect(button('Start timer')?.closest('[hidden]')).not.toBeNull();
    expect(button('Add a to-do')).toBeDefined();
    expect(button('Log time')).toBeUndefined();
  });

  it('a running timer shows at a glance: its clock, and the panel marked running', async () => {
    const timer = { id: 't1', item: { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue' as const, iid: 1, title: 'Fix it' }, runningSince: Date.now() - 65_000, startedAt: Date.now() - 65_000, segments: [], idle: null };
    await mount({ closed: true, answers: { getState: () => ({ ok: true, state: { ...emptyState, timer } }) } });
    expect(container.querySelector('[role="timer"]')?.textContent).toMatch(/^0:01:0\d$/);
    expect(region().classList.contains('tk-running')).toBe(true);
    expect(button('Pause timer')).toBeDefined();
    expect(button('Start timer')?.closest('[hidden]')).not.toBeNull();
  });
});
