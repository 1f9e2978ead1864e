/**
 * What this worker last learned of each issue's time_stats, so that a timer stop asks GitLab
 * once: the outbox's read before the first send and the widget's refresh as the timer goes away
 * share one read, and the widget's refresh once the log landed takes the numbers GitLab
 * answered the log with.
 *
 * An answer is reused only where a new read could not tell anything else:
 * - none of our own writes to the issue was under way when it was asked, nor started or ended
 *   since (each write bumps the issue's generation when it starts and when it ends);
 * - no write of ours that failed (and so may still land) was sent within SETTLE_MS before it;
 * - it is at most REUSE_MS old; and as a log's baseline, it was asked after the log was queued.
 * A read on its way is shared by everyone who asks meanwhile. An answer already in serves an
 * issue page's refresh only if the background asked for its own sake (the outbox's read, a
 * write's answer); a page that loads or reloads always asks GitLab itself, so it shows time logged
 * through GitLab a moment ago and learns of a revoked token at once. The outbox's check after a failed attempt is always a new read.
 * Memory only: a new worker starts knowing nothing and reads.
 */
import type { GitLabClient, TimeStats } from '../gitlab/client';
import type { BackgroundDeps } from './token-client';

/**
 * A request left in flight (by a failed attempt, or by a worker stopped mid-request) may still
 * be on its way to GitLab. Within this time (the client's timeout, plus margin) it has surely
 * landed or died; until then the total GitLab answers may not show it yet.
 */
export const SETTLE_MS = 20_000;
/** How long an answer stands for "the numbers now" (the re-read a change provokes comes within it). */
export const REUSE_MS = 5_000;
/** How long a view waits for a write of ours to this issue to answer (and reuses that answer) before reading anyway. */
export const WRITE_WAIT_MS = 2_000;

export interface IssueRef {
  instanceId: string;
  projectPath: string;
  iid: number;
}

interface Answer {
  stats: TimeStats;
  /** When the request that told it was sent. */
  sentAt: number;
  answeredAt: number;
  generation: number;
  /** It may stand in for an issue page's read: the background asked for its own sake, not a page. */
  forView: boolean;
}

interface Reading {
  answer: Promise<TimeStats>;
  sentAt: number;
  generation: number;
}

interface IssueStats {
  generation: number;
  writing: number;
  /** Answers asked before this may miss a failed write of ours that is still landing. */
  unsettledUntil: number;
  reading: Reading | null;
  known: Answer | null;
  writesDone: Array<() => void>;
}

const issues = new Map<string, IssueStats>();

const keyOf = (issue: IssueRef) => `${issue.instanceId} ${issue.projectPath.toLowerCase()} ${issue.iid}`;

function entryOf(issue: IssueRef): IssueStats {
  const key = keyOf(issue);
  let entry = issues.get(key);
  if (!entry) {
    entry = { generation: 0, writing: 0, unsettledUntil: 0, reading: null, known: null, writesDone: [] };
    issues.set(key, entry);
  }
  return entry;
}

/** Does an answer asked at `sentAt` in `generation` still tell the numbers as a new read would? */
function current(entry: IssueStats, generation: number, sentAt: number): boolean {
  return entry.writing === 0 && entry.generation === generation && sentAt >= entry.unsettledUntil;
}

function remember(entry: IssueStats, answer: Answer): void {
  if (!current(entry, answer.generation, answer.sentAt)) return;
  if (entry.known && entry.known.generation === answer.generation && entry.known.sentAt > answer.sentAt) return;
  entry.known = answer;
}

/** A new read, shared with whoever asks while it is on its way. */
function read(deps: BackgroundDeps, client: GitLabClient, issue: IssueRef, entry: IssueStats, forView: boolean): Promise<TimeStats> {
  const generation = entry.generation;
  const sentAt = deps.now();
  const answer = client.getTimeStats(issue.projectPath, issue.iid);
  if (!current(entry, generation, sentAt)) return answer;
  const reading: Reading = { answer, sentAt, generation };
  entry.reading = reading;
  answer
    .then(
      (stats) => remember(entry, { stats, sentAt, answeredAt: deps.now(), generation, forView }),
      () => undefined,
    )
    .finally(() => {
      if (entry.reading === reading) entry.reading = null;
    });
  return answer;
}

/**
 * An answer, or a read on its way, that may stand in for a new read asked now (and not before
 * `since`), else a new read. Decided without a pause, so two callers asking at once share one.
 */
async function sharedOrRead(deps: BackgroundDeps, client: GitLabClient, issue: IssueRef, entry: IssueStats, who: 'view' | 'outbox', since: number): Promise<TimeStats> {
  const known = entry.known;
  const view = who === 'view';
  if (known && (known.forView || !view) && current(entry, known.generation, known.sentAt) && known.sentAt >= since && deps.now() - known.answeredAt < REUSE_MS) {
    return known.stats;
  }
  const reading = entry.reading;
  if (!reading || !current(entry, reading.generation, reading.sentAt) || reading.sentAt < since) return read(deps, client, issue, entry, !view);
  const stats = await reading.answer.catch(() => null);
  // Checked again: a write of ours that began meanwhile makes it a question for GitLab again.
  return stats && current(entry, reading.generation, reading.sentAt) ? stats : read(deps, client, issue, entry, !view);
}

/**
 * The numbers for the issue page. While a write of ours to the issue is on its way, its answer
 * is waited for (briefly) and shown, rather than a read that might cross it. A page that just
 * opened (`fresh`) gets a new read: the time may have changed through GitLab itself a moment ago.
 */
export async function statsForView(deps: BackgroundDeps, client: GitLabClient, issue: IssueRef, fresh = false): Promise<TimeStats> {
  const entry = entryOf(issue);
  if (entry.writing > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, WRITE_WAIT_MS);
      entry.writesDone.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return fresh ? read(deps, client, issue, entry, false) : sharedOrRead(deps, client, issue, entry, 'view', -Infinity);
}

/**
 * The issue's total before a log's first send (the outbox's baseline): an answer asked after the
 * log was queued (`queuedAt`) and after every write of ours to the issue ended, or a new read.
 */
export async function statsBeforeSend(deps: BackgroundDeps, client: GitLabClient, issue: IssueRef, queuedAt: number): Promise<TimeStats> {
  return sharedOrRead(deps, client, issue, entryOf(issue), 'outbox', queuedAt);
}

/** Always a new read: the outbox's check whether an earlier attempt landed. */
export function statsFromGitLab(deps: BackgroundDeps, client: GitLabClient, issue: IssueRef): Promise<TimeStats> {
  return read(deps, client, issue, entryOf(issue), true);
}

/** A write of ours, sent at `sentAt`, may still be landing: answers asked within SETTLE_MS of it are not reused. */
export function noteUnsettledWrite(issue: IssueRef, sentAt: number): void {
  const entry = entryOf(issue);
  entry.unsettledUntil = Math.max(entry.unsettledUntil, sentAt + SETTLE_MS);
  entry.generation++;
}

/**
 * Runs one write of ours that may change the issue's time_stats. Its answer (`statsOf`, null
 * where the write does not answer with them) becomes the numbers to reuse; a failed write may
 * still land, so until it surely has, nothing is reused.
 */
export async function writeStats<T>(deps: BackgroundDeps, issue: IssueRef, write: () => Promise<T>, statsOf: (answer: T) => TimeStats | null): Promise<T> {
  const entry = entryOf(issue);
  const sentAt = deps.now();
  entry.writing++;
  const started = ++entry.generation;
  let answer: T;
  try {
    answer = await write();
  } catch (error) {
    finishWrite(entry);
    noteUnsettledWrite(issue, sentAt);
    throw error;
  }
  // Another write of ours started or ended meanwhile: GitLab may have applied it after this one.
  const alone = entry.generation === started;
  finishWrite(entry);
  const stats = statsOf(answer);
  if (stats && alone) remember(entry, { stats, sentAt, answeredAt: deps.now(), generation: entry.generation, forView: true });
  return answer;
}

function finishWrite(entry: IssueStats): void {
  entry.writing--;
  entry.generation++;
  if (entry.writing > 0) return;
  const waiting = entry.writesDone.splice(0);
  for (const done of waiting) done();
}

/**
 * Forgets the numbers learned of an instance's issues (on connect and disconnect). Writes under
 * way are still counted: nothing read meanwhile is reused.
 */
export function forgetTimeStats(instanceId: string): void {
  for (const [key, entry] of issues) {
    if (!key.startsWith(`${instanceId} `)) continue;
    entry.generation++;
    entry.known = null;
    entry.reading = null;
  }
}
