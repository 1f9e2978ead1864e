// @vitest-environment node
// Changing a time log from the Timesheet: a new log through the outbox that replaces the old one,
// which is deleted only once the new one has landed. Whatever fails in between, nothing is lost
// and nothing is doubled.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { stubBackgroundApis } from '../support/fake-background';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import type { Timelog } from '../fake-gitlab/api';
import { connect } from '@/lib/background/connections';
import { flushOutbox, retryLog } from '@/lib/background/outbox';
import { handlers, route } from '@/lib/background/routes';
import type { BackgroundDeps } from '@/lib/background/token-client';
import { outboxItem, type PendingLog } from '@/lib/model/storage';

let standIn: StandIn;
let clock = Date.now();
/** Requests whose GraphQL body names `timelogDelete` meet this, when set. */
let onDelete: ((send: () => Promise<Response>) => Promise<Response>) | null = null;

const deps = (): BackgroundDeps => ({
  browser: fakeBrowser as unknown as WxtBrowser,
  now: () => clock,
  mono: () => clock,
  fetch: (input, init) => {
    const send = () => fetch(input, init);
    return onDelete && typeof init?.body === 'string' && init.body.includes('timelogDelete') ? onDelete(send) : send();
  },
});
const page = () => ({ id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/timesheet.html` });
const item = () => ({ instanceId: standIn.url, projectPath: 'acme/web', kind: 'issue' as const, iid: 1 });

function addLog(userId: number, seconds: number): Timelog {
  const issue = standIn.issue('acme/web', 1)!;
  const at = new Date(clock - 3_600_000).toISOString();
  const log: Timelog = { id: 7000 + standIn.timelogs.length, issueId: issue.id, mergeRequestId: null, userId, seconds, summary: 'Before', at, spentAt: at, projectId: issue.projectId, iid: 1 };
  (standIn.timelogs as Timelog[]).push(log);
  return log;
}
const gid = (log: Timelog) => `gid://gitlab/Timelog/${log.id}`;
const has = (log: Timelog) => standIn.timelogs.some((t) => t.id === log.id);
/** The replacement logs of `seconds` the user has in GitLab. */
const replacements = (seconds: number) => standIn.timelogs.filter((t) => t.userId === standIn.user.id && t.seconds === seconds);

function replace(old: Timelog, seconds: number) {
  return route(deps(), handlers(deps()), 'replaceTimelog', { id: gid(old), item: item(), seconds, summary: 'After', spentAt: clock }, page());
}

beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(() => standIn.close());
beforeEach(async () => {
  fakeBrowser.reset();
  standIn.reset();
  stubBackgroundApis();
  onDelete = null;
  clock = Date.now();
  expect((await connect(deps(), { baseUrl: standIn.url, token: standIn.token })).ok).toBe(true);
});

describe('replaceTimelog', () => {
  it('logs the new entry, then deletes the old one, and leaves nothing waiting', async () => {
    const old = addLog(standIn.user.id, 3600);
    const answer = await replace(old, 1800);
    expect(answer).toMatchObject({ ok: true, log: { status: 'landed' } });
    expect(has(old)).toBe(false);
    expect(replacements(1800)).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('a deletion that fails after the new log landed is retried alone: the new log is never sent twice', async () => {
    const old = addLog(standIn.user.id, 3600);
    onDelete = async () => {
      throw new TypeError('network down');
    };
    const answer = await replace(old, 1800);
    expect(answer.ok).toBe(true);
    expect(replacements(1800)).toHaveLength(1);
    expect(has(old)).toBe(true);
    const [waiting] = await outboxItem.getValue();
    expect(waiting).toMatchObject({ replaces: gid(old), landed: true, status: 'pending' });

    onDelete = null;
    clock = waiting!.nextAttemptAt;
    await flushOutbox(deps());
    expect(has(old)).toBe(false);
    expect(replacements(1800)).toHaveLength(1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('a deletion GitLab applied but whose answer was lost counts as done when GitLab then says the log is gone', async () => {
    const old = addLog(standIn.user.id, 3600);
    onDelete = async (send) => {
      await send();
      throw new TypeError('connection reset');
    };
    await replace(old, 1800);
    expect(has(old)).toBe(false);
    const [waiting] = await outboxItem.getValue();
    expect(waiting).toMatchObject({ landed: true, uncertain: true, status: 'pending' });

    onDelete = null;
    clock = waiting!.nextAttemptAt;
    const report = await flushOutbox(deps());
    expect(report.failed).toEqual([]);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(replacements(1800)).toHaveLength(1);
  });

  it('after a stop between the two, only the deletion is left to do', async () => {
    const old = addLog(standIn.user.id, 3600);
    const landed: PendingLog = { id: 'changed-1', item: item(), seconds: 1800, spentAt: clock, createdAt: clock, attempts: 1, nextAttemptAt: clock, status: 'pending', author: standIn.user.username, replaces: gid(old), landed: true };
    await outboxItem.setValue([landed]);
    const before = standIn.timelogs.length;
    await flushOutbox(deps());
    expect(has(old)).toBe(false);
    expect(standIn.timelogs.length).toBe(before - 1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it("a refused deletion (a colleague's log, the user a Developer) waits under Needs attention in words; Retry tries the deletion only", async () => {
    const theirs = addLog(standIn.colleague.id, 3600);
    const answer = await replace(theirs, 1800);
    expect(answer).toMatchObject({ ok: true });
    expect(replacements(1800)).toHaveLength(1);
    expect(has(theirs)).toBe(true);
    const [held] = await outboxItem.getValue();
    expect(held).toMatchObject({ status: 'needs-attention', landed: true, lastError: expect.stringMatching(/is in GitLab, but the one it replaces could not be deleted: .*Only its author or a Maintainer may delete it/) });

    expect(await retryLog(deps(), held!.id)).toBe(true);
    expect(replacements(1800)).toHaveLength(1);
    expect((await outboxItem.getValue())[0]).toMatchObject({ status: 'needs-attention' });
  });

  it('refuses a replacement that names no time log, or a zero duration, before anything is queued', async () => {
    const bad = await route(deps(), handlers(deps()), 'replaceTimelog', { id: 'gid://gitlab/Issue/1', item: item(), seconds: 1800, spentAt: clock }, page());
    expect(bad).toMatchObject({ ok: false, error: 'That is not a GitLab time log.' });
    const zero = await route(deps(), handlers(deps()), 'replaceTimelog', { id: 'gid://gitlab/Timelog/1', item: item(), seconds: 0, spentAt: clock }, page());
    expect(zero).toMatchObject({ ok: false });
    expect(await outboxItem.getValue()).toEqual([]);
  });
});
