import { backdateTimer } from '../support/chromium';
import { expect, GITLAB, test } from './fixtures';

test('the timer survives a page reload and the service worker being stopped', async ({ connected, standIn, browserWithExtension }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/2`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await expect(widget.getByRole('timer')).toBeVisible();

  const cdp = await browserWithExtension.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  // Marks the running worker, stops it, and proves (once it is woken again) that a new one runs.
  const mark = () => browserWithExtension.worker().then((sw) => sw.evaluate(() => Object.assign(self, { __tkProbe: true })));
  const isFresh = () => browserWithExtension.worker().then((sw) => sw.evaluate(() => !('__tkProbe' in self)));
  const stopWorker = async () => {
    await mark();
    await cdp.send('ServiceWorker.stopAllWorkers');
  };
  await stopWorker();
  await page.reload();
  await expect(widget.getByRole('timer')).toBeVisible();
  expect(await isFresh()).toBe(true);

  await backdateTimer(await browserWithExtension.worker(), 40);
  await expect(widget.getByRole('timer')).toHaveText(/^0:4\d:\d\d$/);
  await stopWorker();
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget).toContainText('Spent 40m');
  expect(await isFresh()).toBe(true);
  const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
  expect(logs.map((l) => l.body.duration)).toEqual(['40m']);
});

test('no permission on a project (Guest): clear words, and the time is kept', async ({ connected, standIn, browserWithExtension }) => {
  const page = connected;
  await page.goto(`${GITLAB}/partners/guest-portal/-/issues/1`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await expect(widget.getByRole('timer')).toBeVisible();
  await backdateTimer(await browserWithExtension.worker(), 15);
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget.getByRole('alert')).toContainText(/permission/i);
  const outbox = await (await browserWithExtension.worker()).evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return (await chrome.storage.local.get('outbox')).outbox as Array<{ seconds: number; status: string }>;
  });
  expect(outbox).toEqual([expect.objectContaining({ seconds: 900, status: 'needs-attention' })]);
  expect(standIn.timelogs).toHaveLength(0);
});

test('a stop under a minute asks instead of logging nothing', async ({ connected, standIn }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/1`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget.getByRole('alert')).toContainText(/Keep the timer running, or discard it/);
  await expect(widget.getByRole('timer')).toBeVisible();
  await widget.getByRole('button', { name: 'Discard timer' }).click();
  await expect(widget.getByRole('button', { name: 'Start timer' })).toBeVisible();
  expect(standIn.timelogs).toHaveLength(0);
});

test('Pause timer and Resume timer in the widget (the names in the UI contract), then Stop logs the timed minutes', async ({ connected, standIn, worker }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/1`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await widget.getByRole('button', { name: 'Start timer' }).click();
  await backdateTimer(worker, 20);
  await widget.getByRole('button', { name: 'Pause timer' }).click();
  await expect(widget.getByRole('button', { name: 'Resume timer' })).toBeVisible();
  await widget.getByRole('button', { name: 'Resume timer' }).click();
  await expect(widget.getByRole('button', { name: 'Pause timer' })).toBeVisible();
  await widget.getByRole('button', { name: 'Stop timer' }).click();
  await expect(widget).toContainText('Spent 1h 50m');
  expect(standIn.timelogs.map((t) => t.seconds)).toEqual([20 * 60]);
});
