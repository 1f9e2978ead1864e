/**
 * A click on the widget with the service worker stopped (CDP ServiceWorker.stopAllWorkers, as
 * Chrome does after 30 s idle): ms from the click event (its timeStamp, read in the page) to
 * the widget's answer (the running timer's "Stop timer" after Start; "Start timer" back after
 * Stop), medians. Also the API requests each timer stop makes (the stand-in's request log).
 */
import type { Page } from 'playwright-core';
import type { BenchSession } from './session';
import { GITLAB } from './session';
import { median, round, sleep } from './stats';

const ISSUE = `${GITLAB}/acme/web/-/issues/2`;

/** Arms an in-page watch (the widget's shadow root is open), clicks like a user, returns ms to the answer. */
async function clickAndTime(page: Page, button: string, answered: 'running' | 'stopped'): Promise<number> {
  // A string, not a function: tsx's name helpers do not exist in the page.
  await page.evaluate(`(() => {
    const root = document.querySelector('timekeeper-widget').shadowRoot;
    const buttons = () => [...root.querySelectorAll('button')];
    const done = ${JSON.stringify(answered)} === 'running'
      ? () => buttons().some((b) => (b.getAttribute('aria-label') || '').startsWith('Stop timer'))
      : () => buttons().some((b) => b.textContent.trim() === 'Start timer' && !b.disabled);
    window.__tkAnswer = new Promise((resolve) => {
      let clickAt = null;
      root.addEventListener('click', (e) => { clickAt = e.timeStamp; }, { capture: true, once: true });
      const watch = new MutationObserver(() => {
        if (clickAt !== null && done()) { watch.disconnect(); resolve(performance.now() - clickAt); }
      });
      watch.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  })()`);
  await page.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: button }).click();
  return page.evaluate(() => (window as unknown as { __tkAnswer: Promise<number> }).__tkAnswer);
}

export interface WorkerWakeResult {
  runs: number;
  startAfterStoppedWorkerMs: number;
  stopAfterStoppedWorkerMs: number;
  startWorkerAwakeMs: number;
  requestsPerTimerStop: number;
  requestsSeen: string[];
}

export async function workerWake(session: BenchSession, runs: number): Promise<WorkerWakeResult> {
  const page = await session.context.newPage();
  // Moves the stored timer's start back 5 minutes (as tests/e2e/support's backdateTimer does), from
  // an extension page: the worker itself may be stopped.
  const storage = await session.context.newPage();
  await storage.goto(`chrome-extension://${session.extension!.extensionId}/options.html`);
  const backdate = () =>
    storage.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: any }).chrome;
      // The widget may answer before the worker's write is visible here: wait (briefly) for the timer.
      let timer: any;
      for (let i = 0; i < 50 && !timer?.runningSince; i++) {
        timer = (await chrome.storage.local.get('timer')).timer;
        if (!timer?.runningSince) await new Promise((r) => setTimeout(r, 100));
      }
      timer.runningSince -= 5 * 60_000;
      timer.startedAt -= 5 * 60_000;
      await chrome.storage.local.set({ timer });
    });
  const cdp = await session.cdp(page);
  await cdp.send('ServiceWorker.enable');
  const start: number[] = [];
  const stop: number[] = [];
  const awake: number[] = [];
  const perStop: number[] = [];
  const seen = new Map<string, number>();
  try {
    await page.goto(ISSUE);
    await page.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: 'Start timer' }).waitFor({ timeout: 20_000 });
    for (let i = 0; i < runs; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await sleep(300);
      start.push(await clickAndTime(page, 'Start timer', 'running'));
      await backdate();
      await sleep(200);
      const logs = session.standIn.timelogs.length;
      const from = session.standIn.requests.length;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await sleep(300);
      stop.push(await clickAndTime(page, 'Stop timer', 'stopped'));
      for (let t = 0; session.standIn.timelogs.length === logs && t < 100; t++) await sleep(100);
      await sleep(600); // the widget reads the numbers again once the log landed
      const made = session.standIn.requests.slice(from).map((r) => `${r.method} ${r.path}`);
      perStop.push(made.length);
      for (const r of made) seen.set(r, (seen.get(r) ?? 0) + 1);
      // The same click with the worker awake, for comparison.
      awake.push(await clickAndTime(page, 'Start timer', 'running'));
      await page.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: /^Discard timer/ }).click();
      await page.getByRole('region', { name: 'Time tracking' }).getByRole('button', { name: 'Start timer' }).waitFor();
    }
  } finally {
    await page.close();
    await storage.close();
  }
  return {
    runs,
    startAfterStoppedWorkerMs: round(median(start)),
    stopAfterStoppedWorkerMs: round(median(stop)),
    startWorkerAwakeMs: round(median(awake)),
    requestsPerTimerStop: median(perStop),
    requestsSeen: [...seen].map(([r, n]) => `${r} ×${round(n / runs, 2)}`),
  };
}
