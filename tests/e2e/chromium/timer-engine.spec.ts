import type { Page } from '@playwright/test';
import type { FaultMode, StandIn } from '../../fake-gitlab/server';
import { backdateTimer, connectViaOptions, launchChromium } from '../support/chromium';
import { colleagueLogs, logsByWhom } from '../support/colleague';
import { expect, GITLAB, test } from './fixtures';

const SPENT = '/api/v4/projects/acme%2Fweb/issues/2/add_spent_time';

async function timeAndStop(page: Page, worker: Parameters<typeof backdateTimer>[0], minutes: number) {
  await page.goto(`${GITLAB}/acme/web/-/issues/2`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await expect(widget.getByRole('timer')).toBeVisible();
  await backdateTimer(worker, minutes);
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  return widget;
}

const logsFor = (standIn: StandIn) => standIn.timelogs.filter((t) => t.issueId === 1002);
const posts = (standIn: StandIn) => standIn.requests.filter((r) => r.method === 'POST' && r.path === SPENT);

test.describe('delivery through failures lands exactly one log', () => {
  const cases: Array<[string, FaultMode]> = [
    ['two 500s then success', { kind: 'status', status: 500, times: 2 }],
    ['a connection dropped before the answer', { kind: 'drop-before', times: 1 }],
    ['a connection dropped after the change was applied', { kind: 'drop-after', times: 1 }],
  ];
  for (const [name, fault] of cases) {
    test(name, async ({ connected, standIn, worker }) => {
      test.setTimeout(90_000);
      standIn.fail('POST', SPENT, fault);
      const widget = await timeAndStop(connected, worker, 20);
      await expect(widget).toContainText(/will be sent automatically|Logged 20m/);
      await expect.poll(() => logsFor(standIn).length, { timeout: 60_000 }).toBe(1);
      await expect(widget.getByRole('status')).toContainText('Logged 20m to acme/web#2', { timeout: 60_000 });
      // Give a wrongly scheduled extra retry the chance to show itself.
      await connected.waitForTimeout(6_000);
      expect(logsFor(standIn)).toEqual([expect.objectContaining({ seconds: 1200 })]);
      expect(standIn.issue('acme/web', 2)?.time_stats.total_time_spent).toBe(1200);
    });
  }

  test('a 429 waits as long as Retry-After says', async ({ connected, standIn, worker }) => {
    test.setTimeout(90_000);
    standIn.fail('POST', SPENT, { kind: 'rate-limit', retryAfterSeconds: 9, times: 1 });
    await timeAndStop(connected, worker, 20);
    await expect.poll(() => logsFor(standIn).length, { timeout: 60_000 }).toBe(1);
    const [limited, accepted] = posts(standIn);
    expect(limited!.status).toBe(429);
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(9_000);
  });
});

test.describe('a colleague logs the same 20m on the same issue at that moment', () => {
  // What decides "landed" is the user's own entries: the colleague's equal log is neither
  // taken for ours (which would lose ours) nor undone as a copy (which would erase theirs).
  const cases: Array<[string, FaultMode]> = [
    ['a 429 that asks to wait', { kind: 'rate-limit', retryAfterSeconds: 3, times: 1 }],
    ['a 500 after GitLab applied the log', { kind: 'status-after', status: 500, times: 1 }],
  ];
  for (const [name, fault] of cases) {
    test(name, async ({ connected, standIn, worker }) => {
      test.setTimeout(120_000);
      standIn.fail('POST', SPENT, fault);
      const widget = await timeAndStop(connected, worker, 20);
      // Between our failed attempt and the next look: the moment an equal log is most confusing.
      await expect.poll(() => posts(standIn).map((r) => r.status)).toEqual([fault.kind === 'rate-limit' ? 429 : 500]);
      expect(await colleagueLogs(standIn, 'acme/web', 2, '20m')).toBe(201);
      await expect(widget.getByRole('status')).toContainText('Logged 20m to acme/web#2', { timeout: 90_000 });
      // Past the settle wait and a retry's backoff: nothing more may happen.
      await connected.waitForTimeout(6_000);
      expect(logsByWhom(standIn, 1002)).toEqual({ mine: [1200], theirs: [1200] });
      expect(standIn.issue('acme/web', 2)?.time_stats.total_time_spent).toBe(2400);
      expect(await worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('outbox')).outbox)).toEqual([]);
    });
  }
});

test('the timer survives a browser restart with the same profile, and logs the real duration', async ({ standIn }) => {
  const first = await launchChromium({ standInPort: standIn.port });
  const page = await first.context.newPage();
  await connectViaOptions(page, first.extensionId, GITLAB, standIn.token);
  await expect(page.getByRole('status')).toContainText('Connected as @demo');
  await page.goto(`${GITLAB}/acme/web/-/issues/2`);
  await page.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByRole('region', { name: 'Time tracking' }).getByRole('timer')).toBeVisible();
  await backdateTimer(await first.worker(), 30);
  await first.context.close();

  const second = await launchChromium({ standInPort: standIn.port, userDataDir: first.userDataDir });
  try {
    const again = await second.context.newPage();
    await again.goto(`${GITLAB}/acme/web/-/issues/2`);
    const widget = again.getByRole('region', { name: 'Time tracking' });
    await expect(widget.getByRole('timer')).toHaveText(/^0:30:\d\d$/);
    await widget.getByRole('button', { name: 'Stop timer' }).click();
    await expect(widget).toContainText('Spent 30m');
    expect(logsFor(standIn)).toEqual([expect.objectContaining({ seconds: 1800 })]);
  } finally {
    await second.context.close();
  }
});

test('rounding settings change what a stop logs', async ({ connected, standIn, worker, browserWithExtension }) => {
  await connected.goto(`chrome-extension://${browserWithExtension.extensionId}/options.html`);
  await connected.getByRole('combobox', { name: 'Round logged time to' }).selectOption('5');
  await connected.getByRole('combobox', { name: 'Rounding' }).selectOption('up');
  await expect(connected.getByText('Saved.')).toBeVisible();
  await timeAndStop(connected, worker, 11);
  await expect.poll(() => logsFor(standIn).map((l) => l.seconds)).toEqual([15 * 60]);
});

test('idle time: the widget and the popup ask, and discarding drops only the idle stretch', async ({ connected, standIn, worker, browserWithExtension }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/2`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await expect(widget.getByRole('timer')).toBeVisible();
  // As the idle API would leave it: 60 minutes timed, of which 20 to 50 minutes in were idle.
  await worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, any>>; set(v: object): Promise<void> } } } }).chrome;
    const { timer } = await chrome.storage.local.get('timer');
    const now = Date.now();
    timer.runningSince = now - 60 * 60_000;
    timer.startedAt = timer.runningSince;
    timer.idle = { from: now - 40 * 60_000, to: now - 10 * 60_000 };
    await chrome.storage.local.set({ timer });
  });
  await expect(widget.getByRole('alert').filter({ hasText: 'You were away' })).toContainText('You were away 30 min');
  const popup = await browserWithExtension.context.newPage();
  await popup.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
  await expect(popup.getByRole('alert').filter({ hasText: 'You were away 30 min' })).toBeVisible();
  await popup.close();

  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget.getByRole('alert').filter({ hasText: 'idle time, then stop' })).toContainText('keep or discard the idle time');
  await widget.getByRole('button', { name: 'Discard idle time' }).click();
  await expect(widget.getByText('You were away')).toHaveCount(0);
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect.poll(() => logsFor(standIn).map((l) => l.seconds)).toEqual([30 * 60]);
});
