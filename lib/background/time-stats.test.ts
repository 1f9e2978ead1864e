// @vitest-environment node
/**
 * When an issue's time_stats may be reused instead of asking GitLab again, against a client
 * whose reads answer when the test says so.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { GitLabClient, TimeStats } from '../gitlab/client';
import type { BackgroundDeps } from './token-client';
import { forgetTimeStats, REUSE_MS, SETTLE_MS, statsBeforeSend, statsForView, statsFromGitLab, writeStats, type IssueRef } from './time-stats';

let clock = 1_000_000;
const deps = { now: () => clock } as unknown as BackgroundDeps;
const stats = (spent: number): TimeStats => ({ time_estimate: 0, total_time_spent: spent, human_time_estimate: null, human_total_time_spent: null });

const settled = () => new Promise((r) => setTimeout(r, 0));

/** A client whose reads wait for `answer(n)`; `reads` counts them. */
function fakeClient() {
  const pending: Array<(s: TimeStats) => void> = [];
  let reads = 0;
  const client = {
    getTimeStats: () => {
      reads++;
      return new Promise<TimeStats>((resolve) => pending.push(resolve));
    },
  } as unknown as GitLabClient;
  /** Answers the oldest read on its way (once every caller got as far as asking). */
  const answer = async (spent: number) => {
    await settled();
    pending.shift()!(stats(spent));
    await settled();
  };
  return {
    client,
    reads: () => reads,
    answer,
    /** What `asking` gets once GitLab answered its read (or it took another answer). */
    answered: async (asking: Promise<TimeStats>, spent: number) => {
      await answer(spent);
      return asking;
    },
  };
}

let n = 0;
let issue: IssueRef;
beforeEach(() => {
  clock += 60_000;
  // Each test its own GitLab: the module's memory outlives a test.
  issue = { instanceId: `https://gitlab-${++n}.example`, projectPath: 'acme/web', iid: 1 };
});

describe('one read shared by the outbox and the issue page', () => {
  it('a view joins the baseline read on its way, and the baseline joins a view read on its way', async () => {
    const gl = fakeClient();
    const baseline = statsBeforeSend(deps, gl.client, issue, clock);
    const view = statsForView(deps, gl.client, issue);
    await gl.answer(100);
    expect(await baseline).toEqual(stats(100));
    expect(await view).toEqual(stats(100));
    expect(gl.reads()).toBe(1);

    const other = { ...issue, iid: 2 };
    const first = statsForView(deps, gl.client, other);
    const second = statsBeforeSend(deps, gl.client, other, clock);
    await gl.answer(7);
    expect([await first, await second]).toEqual([stats(7), stats(7)]);
    expect(gl.reads()).toBe(2);
  });

  it('an answer just read serves the other; not once it is REUSE_MS old', async () => {
    const gl = fakeClient();
    await gl.answered(statsForView(deps, gl.client, issue), 100);
    expect(await statsBeforeSend(deps, gl.client, issue, clock)).toEqual(stats(100));
    expect(gl.reads()).toBe(1);
    clock += REUSE_MS;
    expect(await gl.answered(statsForView(deps, gl.client, issue), 160)).toEqual(stats(160));
    expect(gl.reads()).toBe(2);
  });

  it('a baseline never takes an answer asked before its log was queued', async () => {
    const gl = fakeClient();
    await gl.answered(statsForView(deps, gl.client, issue), 100);
    expect(await gl.answered(statsBeforeSend(deps, gl.client, issue, clock + 1), 130)).toEqual(stats(130));
    expect(gl.reads()).toBe(2);
  });

  it('the answer of a write is what the page shows next, without a read', async () => {
    const gl = fakeClient();
    const answer = await writeStats(deps, issue, async () => stats(400), (s) => s);
    expect(answer).toEqual(stats(400));
    expect(await statsForView(deps, gl.client, issue)).toEqual(stats(400));
    expect(gl.reads()).toBe(0);
  });

  it('an issue page that loads again asks GitLab itself (a revoked token shows at once)', async () => {
    const gl = fakeClient();
    await gl.answered(statsForView(deps, gl.client, issue), 100);
    await gl.answered(statsForView(deps, gl.client, issue), 100);
    expect(gl.reads()).toBe(2);
  });

  it('a page that just opened asks GitLab even right after a write answered (time logged through GitLab meanwhile shows)', async () => {
    const gl = fakeClient();
    await writeStats(deps, issue, async () => stats(400), (s) => s);
    expect(await gl.answered(statsForView(deps, gl.client, issue, true), 900)).toEqual(stats(900));
    expect(gl.reads()).toBe(1);
    // A refresh of that page (the widget after a change) may still take the write's answer.
    await writeStats(deps, issue, async () => stats(1000), (s) => s);
    expect(await statsForView(deps, gl.client, issue)).toEqual(stats(1000));
    expect(gl.reads()).toBe(1);
  });

  it('a view asking while a write is on its way waits for its answer instead of reading', async () => {
    const gl = fakeClient();
    let land!: (s: TimeStats) => void;
    const write = writeStats(deps, issue, () => new Promise<TimeStats>((r) => (land = r)), (s) => s);
    const view = statsForView(deps, gl.client, issue);
    land(stats(500));
    await write;
    expect(await view).toEqual(stats(500));
    expect(gl.reads()).toBe(0);
  });
});

describe('never reused across a write of ours', () => {
  it('a read on its way when a write starts is not joined, nor remembered', async () => {
    const gl = fakeClient();
    const view = statsForView(deps, gl.client, issue);
    const write = writeStats(deps, issue, async () => ({ created: true }), () => null);
    await write;
    const baseline = statsBeforeSend(deps, gl.client, issue, clock);
    await gl.answer(100); // the old read: it may not show the write
    await gl.answer(200);
    expect(await view).toEqual(stats(100));
    expect(await baseline).toEqual(stats(200));
    expect(gl.reads()).toBe(2);
    // Neither is the write's (it told no numbers): the newer read is remembered.
    expect(await statsForView(deps, gl.client, issue)).toEqual(stats(200));
  });

  it('a write answered while another was on its way is not remembered', async () => {
    const gl = fakeClient();
    let first!: (s: TimeStats) => void;
    const a = writeStats(deps, issue, () => new Promise<TimeStats>((r) => (first = r)), (s) => s);
    const b = writeStats(deps, issue, async () => stats(300), (s) => s);
    await b;
    first(stats(250));
    await a;
    expect(await gl.answered(statsForView(deps, gl.client, issue), 300)).toEqual(stats(300));
    expect(gl.reads()).toBe(1);
  });

  it('after a failed write nothing asked within SETTLE_MS is reused: it may still land', async () => {
    const gl = fakeClient();
    await expect(writeStats(deps, issue, async () => Promise.reject(new Error('dropped')), (s) => s)).rejects.toThrow('dropped');
    await gl.answered(statsForView(deps, gl.client, issue), 100);
    expect(await gl.answered(statsBeforeSend(deps, gl.client, issue, clock), 130)).toEqual(stats(130));
    expect(gl.reads()).toBe(2);
    clock += SETTLE_MS;
    await gl.answered(statsForView(deps, gl.client, issue), 130);
    expect(await statsBeforeSend(deps, gl.client, issue, clock)).toEqual(stats(130));
    expect(gl.reads()).toBe(3);
  });

  it("the outbox's check after a failed attempt always asks GitLab", async () => {
    const gl = fakeClient();
    await writeStats(deps, issue, async () => stats(400), (s) => s);
    expect(await gl.answered(statsFromGitLab(deps, gl.client, issue), 400)).toEqual(stats(400));
    expect(gl.reads()).toBe(1);
  });

  it('connecting again forgets what was learned of that GitLab', async () => {
    const gl = fakeClient();
    await writeStats(deps, issue, async () => stats(400), (s) => s);
    forgetTimeStats(issue.instanceId);
    expect(await gl.answered(statsForView(deps, gl.client, issue), 0)).toEqual(stats(0));
    expect(gl.reads()).toBe(1);
  });
});
