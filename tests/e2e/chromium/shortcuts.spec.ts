import { backdateTimer } from '../support/chromium';
import { expect, GITLAB, test } from './fixtures';

type Run = (command: string, tab?: { url?: string; title?: string }) => Promise<{ ok: boolean; message: string } | null>;

test('a shortcut toggles the timer on the current issue: the widget follows and the time lands', async ({ connected, standIn, worker }) => {
  const page = connected;
  await page.goto(`${GITLAB}/acme/web/-/issues/2`);
  const widget = page.getByRole('region', { name: 'Time tracking' });
  await expect(widget.getByRole('button', { name: 'Start timer' })).toBeVisible();
  const tab = { url: page.url(), title: await page.title() };
  const deliver = (command: string) => worker.evaluate(([c, t]) => (globalThis as unknown as { timekeeperCommand: Run }).timekeeperCommand(c, t), [command, tab] as const);

  expect(await deliver('toggle-timer')).toEqual({ ok: true, message: 'Timer started on acme/web#2.' });
  await expect(widget.getByRole('timer')).toBeVisible();
  expect(await deliver('pause-timer')).toMatchObject({ ok: true, message: 'Timer paused on acme/web#2.' });
  await expect(widget.getByRole('button', { name: 'Resume timer' })).toBeVisible();
  expect(await deliver('pause-timer')).toMatchObject({ ok: true, message: 'Timer resumed on acme/web#2.' });
  await backdateTimer(worker, 12);
  expect(await deliver('toggle-timer')).toEqual({ ok: true, message: 'Logged 12m to acme/web#2.' });
  await expect(widget.getByRole('button', { name: 'Start timer' })).toBeVisible();
  await expect(widget).toContainText('12m');
  expect(standIn.timelogs.map((t) => [t.iid, t.seconds])).toEqual([[2, 720]]);
});

test('the options page lists the shortcuts and how to change them', async ({ connected, browserWithExtension }) => {
  await connected.goto(`chrome-extension://${browserWithExtension.extensionId}/options.html`);
  const section = connected.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(section).toContainText('Start the timer on this issue, or stop it and log the time');
  await expect(section).toContainText('Alt+Shift+S');
  await expect(section).toContainText('Alt+Shift+K');
  await expect(section).toContainText('Open the Timekeeper popup');
  await expect(section.getByRole('button', { name: 'Change shortcuts' })).toBeVisible();
});
