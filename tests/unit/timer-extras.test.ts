import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { badgeText, badgeTitle } from '@/lib/background/badge';
import { onIdleStateChanged } from '@/lib/background/idle';
import type { BackgroundDeps } from '@/lib/background/token-client';
import { DEFAULT_SETTINGS, settingsItem, timerItem } from '@/lib/model/storage';
import { pauseTimer, startTimer } from '@/lib/model/timer';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 9, 0);
const issue = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue' as const, iid: 1, title: 'Fix login redirect loop' };
let clock = T0;
const deps = (): BackgroundDeps => ({ browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch });

beforeEach(() => {
  fakeBrowser.reset();
  clock = T0;
});

describe('badge', () => {
  it('shows minutes, then h:mm, a pause mark, and names the issue in the tooltip', () => {
    const t = startTimer(issue, T0, 'id');
    expect(badgeText(null, T0)).toBe('');
    expect(badgeText(t, T0 + 25 * MIN)).toBe('25m');
    expect(badgeText(t, T0 + 65 * MIN)).toBe('1:05');
    expect(badgeText(pauseTimer(t, T0 + 5 * MIN), T0 + 65 * MIN)).toBe('❚❚');
    expect(badgeTitle(t, T0 + 65 * MIN)).toBe('Running: acme/web#1 Fix login redirect loop (1:05:00)');
    expect(badgeTitle(null, T0)).toBe('Timekeeper for GitLab');
  });
});

describe('idle', () => {
  it('asks about idle time at least the set minutes long, only while a timer runs', async () => {
    await timerItem.setValue(startTimer(issue, T0, 'id'));
    clock = T0 + 30 * MIN;
    await onIdleStateChanged(deps(), 'idle'); // idle for the 10-minute detection interval already
    clock = T0 + 50 * MIN;
    expect(await onIdleStateChanged(deps(), 'active')).toEqual({ asked: true });
    expect((await timerItem.getValue())?.idle).toEqual({ from: T0 + 20 * MIN, to: T0 + 50 * MIN });
  });

  it('a short lock is not asked about; the setting 0 turns it off', async () => {
    await timerItem.setValue(startTimer(issue, T0, 'id'));
    await onIdleStateChanged(deps(), 'locked');
    clock += 3 * MIN;
    expect(await onIdleStateChanged(deps(), 'active')).toEqual({ asked: false });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, idleMinutes: 0 });
    await onIdleStateChanged(deps(), 'locked');
    clock += 60 * MIN;
    expect(await onIdleStateChanged(deps(), 'active')).toEqual({ asked: false });
  });

  it('without a running timer there is nothing to ask', async () => {
    await onIdleStateChanged(deps(), 'locked');
    clock += 60 * MIN;
    expect(await onIdleStateChanged(deps(), 'active')).toEqual({ asked: false });
  });
});

describe('stored timer migration', () => {
  // Before v3 a timer named its issue by `issue`, without a kind: it was always an issue.
  const { kind: _kind, ...oldIssue } = issue;

  it('a v1 timer (no run id) from 0.1.0 migrates to v3: a run id, and its issue becomes the item', async () => {
    const v1 = { issue: oldIssue, segments: [], runningSince: T0, startedAt: T0 };
    await fakeBrowser.storage.local.set({ timer: v1, timer$: { v: 1 } });
    await timerItem.migrate();
    const migrated = await timerItem.getValue();
    expect(migrated).toMatchObject({ item: issue, segments: [], runningSince: T0, startedAt: T0, idle: null });
    expect(migrated).not.toHaveProperty('issue');
    expect(migrated?.id).toMatch(/^migrated-/);
  });

  it('a v2 timer keeps its run id and idle time; its issue becomes an item of kind issue', async () => {
    const v2 = { id: 'run-1', issue: oldIssue, segments: [{ start: T0, end: T0 + 5 * MIN }], runningSince: null, startedAt: T0, idle: null };
    await fakeBrowser.storage.local.set({ timer: v2, timer$: { v: 2 } });
    await timerItem.migrate();
    const migrated = await timerItem.getValue();
    expect(migrated).toEqual({ id: 'run-1', item: issue, segments: [{ start: T0, end: T0 + 5 * MIN }], runningSince: null, startedAt: T0, idle: null });
  });
});
