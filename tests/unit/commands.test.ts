// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stubBackgroundApis } from '../support/fake-background';
import type { WxtBrowser } from 'wxt/browser';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import { handleCommand, itemInTab } from '@/lib/background/commands';
import type { BackgroundDeps } from '@/lib/background/token-client';
import { connect } from '@/lib/background/connections';
import * as timer from '@/lib/background/timer';
import { timerItem } from '@/lib/model/storage';

let standIn: StandIn;
let clock = Date.UTC(2026, 10, 24, 9, 0);
const MIN = 60_000;
const deps = (): BackgroundDeps => ({ browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) });
const tabOn = (path: string, title = 'Fix login redirect loop (#1) · Issues · acme / web · GitLab') => ({ url: `${standIn.url}${path}`, title });
const logs = () => standIn.timelogs.map((t) => ({ iid: t.iid, projectId: t.projectId, minutes: t.seconds / 60 }));

beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(() => standIn.close());
beforeEach(async () => {
  fakeBrowser.reset();
  standIn.reset();
  stubBackgroundApis();
  expect((await connect(deps(), { baseUrl: standIn.url, token: standIn.token })).ok).toBe(true);
});

describe('toggle-timer', () => {
  it('on an issue tab starts that issue, named from the page title', async () => {
    const outcome = await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    expect(outcome).toEqual({ ok: true, message: 'Timer started on acme/web#1.' });
    expect((await timerItem.getValue())?.item).toEqual({ instanceId: standIn.url, projectPath: 'acme/web', kind: 'issue', iid: 1, title: 'Fix login redirect loop' });
  });

  it('on the issue whose timer runs, stops and logs it', async () => {
    await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    clock += 25 * MIN;
    const outcome = await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    expect(outcome).toEqual({ ok: true, message: 'Logged 25m to acme/web#1.' });
    expect(logs()).toEqual([{ projectId: 1, iid: 1, minutes: 25 }]);
    expect(await timerItem.getValue()).toBeNull();
  });

  it('with a timer running on another issue, logs that one and starts this one', async () => {
    await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    clock += 10 * MIN;
    const outcome = await handleCommand(deps(), 'toggle-timer', tabOn('/acme/api/-/issues/2', 'Other (#2) · Issues · acme / api · GitLab'));
    expect(outcome?.message).toBe('Logged 10m to acme/web#1. Timer started on acme/api#2.');
    expect((await timerItem.getValue())?.item).toMatchObject({ projectPath: 'acme/api', kind: 'issue', iid: 2 });
  });

  it('on the issue whose timer is paused, stops and logs it', async () => {
    await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    clock += 8 * MIN;
    await timer.pause(deps(), null);
    clock += 60 * MIN;
    expect(await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'))).toEqual({ ok: true, message: 'Logged 8m to acme/web#1.' });
  });

  it('on a tab that is not an issue, stops the running timer', async () => {
    await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    clock += 5 * MIN;
    expect(await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/merge_requests', 'Merge requests'))).toEqual({ ok: true, message: 'Logged 5m to acme/web#1.' });
  });

  it('on a tab that is not an issue and no timer, says an issue must be open', async () => {
    for (const tab of [tabOn('/acme/web'), { url: 'https://example.org/acme/web/-/issues/1' }, undefined, { title: 'no url (no permission)' }]) {
      const outcome = await handleCommand(deps(), 'toggle-timer', tab);
      expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/Open a GitLab issue/) });
    }
    expect(await timerItem.getValue()).toBeNull();
  });

  it('a merge request tab is the merge request, never the issue with its number, titled even with "!" in the title', async () => {
    const title = 'Fix: login works again! (!1) and (#1) (!1) · Merge requests · acme / web · GitLab';
    for (const path of ['/acme/web/-/merge_requests/1', '/acme/web/-/merge_requests/1/diffs', '/acme/web/merge_requests/1/commits']) {
      expect(await itemInTab(tabOn(path, title))).toEqual({ instanceId: standIn.url, projectPath: 'acme/web', kind: 'merge_request', iid: 1, title: 'Fix: login works again! (!1) and (#1)' });
    }
    // A page title that does not name this item gives no title rather than a wrong one.
    expect(await itemInTab(tabOn('/acme/web/-/merge_requests/2', title))).not.toHaveProperty('title');
  });

  it('an issue on a GitLab that is not connected is not an issue here', async () => {
    expect(await itemInTab({ url: 'https://gitlab.example.com/acme/web/-/issues/1' })).toBeNull();
  });
});

describe('pause-timer', () => {
  it('pauses a running timer and resumes a paused one', async () => {
    await handleCommand(deps(), 'toggle-timer', tabOn('/acme/web/-/issues/1'));
    expect(await handleCommand(deps(), 'pause-timer')).toEqual({ ok: true, message: 'Timer paused on acme/web#1.' });
    expect((await timerItem.getValue())?.runningSince).toBeNull();
    expect(await handleCommand(deps(), 'pause-timer')).toEqual({ ok: true, message: 'Timer resumed on acme/web#1.' });
    expect((await timerItem.getValue())?.runningSince).toBe(clock);
  });

  it('with no timer says so', async () => {
    expect(await handleCommand(deps(), 'pause-timer')).toMatchObject({ ok: false, message: expect.stringMatching(/No timer is running/) });
  });

  it('ignores commands it does not know', async () => {
    expect(await handleCommand(deps(), 'something-else')).toBeNull();
  });
});

describe('open-timesheet', () => {
  it('opens the Timesheet page in a new tab, without a notification', async () => {
    const create = vi.fn(async () => ({ id: 5 }));
    Object.assign(fakeBrowser.tabs, { create });
    expect(await handleCommand(deps(), 'open-timesheet')).toBeNull();
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/timesheet\.html$/) });
  });

  it('an unknown command does nothing', async () => {
    const create = vi.fn(async () => ({ id: 5 }));
    Object.assign(fakeBrowser.tabs, { create });
    expect(await handleCommand(deps(), 'open-timesheets')).toBeNull();
    expect(create).not.toHaveBeenCalled();
  });
});
