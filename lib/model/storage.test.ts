// @vitest-environment node
/**
 * What users of earlier versions have in storage keeps working: a timer of v1 or v2 becomes a
 * v3 timer on an issue, parked timers likewise, and a v1 time log becomes a v2 log on an issue;
 * one that may have reached GitLab waits for the user instead of being checked by a guess.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, logFromV1, outboxItem, parkedTimersItem, settingsItem, timerFromV2, timerItem, UNSURE_AFTER_UPDATE, type PendingLog } from './storage';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const issueFields = { instanceId: 'https://gitlab.example.com', projectPath: 'acme/web', iid: 12, title: 'Fix login', webUrl: 'https://gitlab.example.com/acme/web/-/issues/12' };

/** A v2 timer: `issue` where v3 has `item`. */
const timerV2 = { id: 'run-1', issue: issueFields, segments: [{ start: T0, end: T0 + 60_000 }], runningSince: null, startedAt: T0, idle: null };

/** A v1 outbox entry: the issue's fields at the top, `issueTitle`, `baselineSpent`. */
function logV1(extra: Record<string, unknown> = {}) {
  return {
    id: 'log-1',
    instanceId: 'https://gitlab.example.com',
    projectPath: 'acme/web',
    iid: 12,
    issueTitle: 'Fix login',
    seconds: 1500,
    summary: 'Login',
    spentAt: T0,
    createdAt: T0,
    attempts: 0,
    nextAttemptAt: T0,
    status: 'pending' as const,
    ...extra,
  };
}

const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

beforeEach(() => fakeBrowser.reset());

describe('timer v2 → v3', () => {
  it('names the timed issue as an item of kind issue, and keeps everything else', () => {
    expect(timerFromV2(timerV2)).toEqual({
      id: 'run-1',
      item: { ...issueFields, kind: 'issue' },
      segments: [{ start: T0, end: T0 + 60_000 }],
      runningSince: null,
      startedAt: T0,
      idle: null,
    });
    expect(timerFromV2(timerV2)).not.toHaveProperty('issue');
  });

  it('a stored v2 timer is migrated in storage, with its version', async () => {
    await fakeBrowser.storage.local.set({ timer: timerV2, timer$: { v: 2 } });
    await timerItem.migrate();
    expect(await timerItem.getValue()).toEqual({ ...timerFromV2(timerV2) });
    expect((await local()).timer$).toEqual({ v: 3 });
  });

  it('a stored v1 timer (no run id) goes through v2 to v3', async () => {
    const { id: _id, idle: _idle, ...v1 } = timerV2;
    await fakeBrowser.storage.local.set({ timer: { ...v1, runningSince: T0 + 120_000 } });
    await timerItem.migrate();
    expect(await timerItem.getValue()).toEqual({
      id: `migrated-${T0.toString(36)}`,
      item: { ...issueFields, kind: 'issue' },
      segments: timerV2.segments,
      runningSince: T0 + 120_000,
      startedAt: T0,
      idle: null,
    });
  });

  it('a v3 timer on a merge request is left alone', async () => {
    const v3 = { ...timerFromV2(timerV2), item: { ...issueFields, kind: 'merge_request' as const } };
    await fakeBrowser.storage.local.set({ timer: v3, timer$: { v: 3 } });
    await timerItem.migrate();
    expect(await timerItem.getValue()).toEqual(v3);
  });

  it('no timer stays no timer', async () => {
    await timerItem.migrate();
    expect(await timerItem.getValue()).toBeNull();
  });

  it('parked v1 timers become items too', async () => {
    await fakeBrowser.storage.local.set({ parkedTimers: [timerV2, { ...timerV2, id: 'run-2', issue: { ...issueFields, iid: 13 } }] });
    await parkedTimersItem.migrate();
    const parked = await parkedTimersItem.getValue();
    expect(parked.map((t) => t.item)).toEqual([
      { ...issueFields, kind: 'issue' },
      { ...issueFields, iid: 13, kind: 'issue' },
    ]);
    expect((await local()).parkedTimers$).toEqual({ v: 2 });
  });
});

describe('outbox v1 → v2', () => {
  it('a log never sent names its issue as an item and drops the v1 fields', () => {
    const log = logFromV1(logV1());
    expect(log).toEqual({
      id: 'log-1',
      item: { instanceId: 'https://gitlab.example.com', projectPath: 'acme/web', kind: 'issue', iid: 12, title: 'Fix login' },
      seconds: 1500,
      summary: 'Login',
      spentAt: T0,
      createdAt: T0,
      attempts: 0,
      nextAttemptAt: T0,
      status: 'pending',
    } satisfies PendingLog);
    for (const field of ['instanceId', 'projectPath', 'iid', 'issueTitle', 'baselineSpent']) expect(log).not.toHaveProperty(field);
  });

  it('a log without a title gets none', () => {
    const { issueTitle: _t, ...untitled } = logV1();
    expect(logFromV1(untitled).item).toEqual({ instanceId: 'https://gitlab.example.com', projectPath: 'acme/web', kind: 'issue', iid: 12 });
  });

  it.each<[string, Record<string, unknown>]>([
    ['after an attempt whose answer was lost', { attempts: 2, baselineSpent: 3600, lastError: 'Could not reach gitlab.example.com.' }],
    ['while its request was on its way', { attempts: 0, baselineSpent: 3600, inFlightSince: T0 + 5_000 }],
    ['after an attempt, with a zero baseline', { attempts: 1, baselineSpent: 0 }],
  ])('a log that may have landed (%s) waits for the user, uncertain', (_, extra) => {
    const log = logFromV1(logV1(extra));
    expect(log).toMatchObject({ status: 'needs-attention', uncertain: true, inFlightSince: null, lastError: UNSURE_AFTER_UPDATE, item: { kind: 'issue', iid: 12 } });
    expect(log).not.toHaveProperty('baselineSpent');
    expect(log.evidence).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>]>([
    ['noted a total but never sent', { attempts: 0, baselineSpent: 3600 }],
    ['failed before sending (no total noted)', { attempts: 3, lastError: 'Offline' }],
    ['refused by GitLab (v1 dropped the total)', { attempts: 1, status: 'needs-attention', lastError: 'GitLab refused the request: no' }],
  ])('a log that cannot have landed (%s) keeps its status and is not marked uncertain', (_, extra) => {
    const log = logFromV1(logV1(extra));
    expect(log.uncertain).toBeUndefined();
    expect(log.status).toBe(extra.status ?? 'pending');
    expect(log.lastError).toBe(extra.lastError);
  });

  it('a stored v1 outbox is migrated in storage', async () => {
    await fakeBrowser.storage.local.set({ outbox: [logV1(), logV1({ id: 'log-2', attempts: 1, baselineSpent: 60 })] });
    await outboxItem.migrate();
    const logs = await outboxItem.getValue();
    expect(logs.map((l) => [l.id, l.item.kind, l.status, l.uncertain ?? false])).toEqual([
      ['log-1', 'issue', 'pending', false],
      ['log-2', 'issue', 'needs-attention', true],
    ]);
    expect((await local()).outbox$).toEqual({ v: 2 });
  });

  it('a v2 outbox is left alone', async () => {
    const v2 = [logFromV1(logV1())];
    await fakeBrowser.storage.local.set({ outbox: v2, outbox$: { v: 2 } });
    await outboxItem.migrate();
    expect(await outboxItem.getValue()).toEqual(v2);
  });
});

describe('settings v1 → v2', () => {
  it('v1 settings keep their values and get the daily target of 8h', async () => {
    const v1 = { roundTo: 15, roundMode: 'up', onSwitch: 'pause', idleMinutes: 0, longTimerHours: 4 };
    await fakeBrowser.storage.local.set({ settings: v1 });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual({ ...v1, dayTargetSeconds: 8 * 3600 });
    expect((await local()).settings$).toEqual({ v: 2 });
  });

  it('v2 settings are left alone', async () => {
    const v2 = { ...DEFAULT_SETTINGS, dayTargetSeconds: 6 * 3600 };
    await fakeBrowser.storage.local.set({ settings: v2, settings$: { v: 2 } });
    expect(await settingsItem.getValue()).toEqual(v2);
  });

  it('no settings give the defaults, 8h included', async () => {
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.dayTargetSeconds).toBe(8 * 3600);
  });
});
