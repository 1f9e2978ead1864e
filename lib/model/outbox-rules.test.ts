import { describe, expect, it } from 'vitest';
import type { ItemKey } from './item';
import {
  MAX_RETRY_AFTER_MS,
  SETTLE_MS,
  backoffMs,
  describeLog,
  dueAt,
  idNumber,
  localDay,
  newLogId,
  nextAttemptAt,
  noteSeconds,
  settledAt,
  summaryFor,
  verdict,
  type Evidence,
  type OwnEntry,
} from './outbox-rules';

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);
const evidence = (afterId: number): Evidence => ({ source: 'timelogs', afterId, total: null });
const entry = (id: number, seconds: number): OwnEntry => ({ id, seconds });

describe('verdict', () => {
  const log = { seconds: 1800 };

  it('no own entry newer than the snapshot: not landed', () => {
    expect(verdict(log, evidence(100), [])).toEqual({ kind: 'not-landed' });
    expect(verdict(log, evidence(100), [entry(90, 1800), entry(100, 1800)])).toEqual({ kind: 'not-landed' });
  });

  it('one newer own entry of exactly the amount: landed', () => {
    expect(verdict(log, evidence(100), [entry(101, 1800)])).toEqual({ kind: 'landed' });
    expect(verdict(log, evidence(0), [entry(1, 1800)])).toEqual({ kind: 'landed' });
  });

  it('newer own entries of another amount are not copies', () => {
    expect(verdict(log, evidence(100), [entry(101, 1740), entry(102, 1860), entry(103, -1800), entry(104, 3600)])).toEqual({ kind: 'not-landed' });
  });

  it('an own entry of the amount with a summary no attempt sent is the user’s other work, not a copy', () => {
    const sent = { seconds: 1800, sent: [''] };
    expect(verdict(sent, evidence(100), [{ id: 101, seconds: 1800, summary: 'Code review' }])).toEqual({ kind: 'not-landed' });
    expect(verdict(sent, evidence(100), [{ id: 101, seconds: 1800, summary: 'Code review' }, { id: 102, seconds: 1800, summary: '' }])).toEqual({ kind: 'landed' });
    // Each attempt's summary counts (a retry on another day carries the day's note).
    const twice = { seconds: 1800, sent: ['Fix', 'Fix (work done on 2026-12-04)'] };
    expect(verdict(twice, evidence(100), [{ id: 101, seconds: 1800, summary: ' Fix (work done on 2026-12-04) ' }])).toEqual({ kind: 'landed' });
    expect(verdict(twice, evidence(100), [{ id: 101, seconds: 1800, summary: 'Fix' }, { id: 102, seconds: 1800, summary: 'Fix (work done on 2026-12-04)' }])).toEqual({
      kind: 'landed-more-than-once',
      extra: [{ id: 102, seconds: 1800, summary: 'Fix (work done on 2026-12-04)' }],
    });
  });

  it('where the source tells no summaries (notes), or no attempt noted one, the amount alone decides', () => {
    expect(verdict({ seconds: 1800, sent: ['Fix'] }, evidence(100), [entry(101, 1800)])).toEqual({ kind: 'landed' });
    expect(verdict({ seconds: 1800 }, evidence(100), [{ id: 101, seconds: 1800, summary: 'Code review' }])).toEqual({ kind: 'landed' });
  });

  it('older entries of the same amount (the user logged it before) do not count', () => {
    expect(verdict(log, evidence(100), [entry(50, 1800), entry(99, 1800), entry(120, 1800)])).toEqual({ kind: 'landed' });
  });

  it('two or more copies: the oldest stays, the newer ones are extra, newest first', () => {
    expect(verdict(log, evidence(100), [entry(105, 1800), entry(101, 1800), entry(99, 1800), entry(103, 1800), entry(104, 60)])).toEqual({
      kind: 'landed-more-than-once',
      extra: [entry(105, 1800), entry(103, 1800)],
    });
  });

  it('a subtraction is matched by its negative amount', () => {
    expect(verdict({ seconds: -900 }, evidence(10), [entry(11, 900)])).toEqual({ kind: 'not-landed' });
    expect(verdict({ seconds: -900 }, evidence(10), [entry(11, -900)])).toEqual({ kind: 'landed' });
  });

  it('counts only what it is given as the user’s own: a colleague’s copy must never be passed in', () => {
    // What the outbox reads (lib/background/outbox.ts, readEntries) keeps the user's own entries
    // only; here a colleague's identical entry at 102 was left out, and the log landed once.
    const own = [entry(101, 1800)];
    expect(verdict(log, evidence(100), own)).toEqual({ kind: 'landed' });
    expect(verdict(log, evidence(100), [...own, entry(102, 1800)])).toEqual({ kind: 'landed-more-than-once', extra: [entry(102, 1800)] });
  });

  it('does not change the entries it was given', () => {
    const own = [entry(103, 1800), entry(101, 1800)];
    verdict(log, evidence(100), own);
    expect(own).toEqual([entry(103, 1800), entry(101, 1800)]);
  });
});

describe('noteSeconds', () => {
  it.each<[string, number]>([
    ['added 1h 30m of time spent', 5400],
    ['added 30m of time spent', 1800],
    ['added 1d of time spent', 8 * 3600],
    ['added 1w 2d 3h of time spent', (5 * 8 + 2 * 8 + 3) * 3600],
    ['added 1h of time spent at 2026-12-01', 3600],
    ['added 2h of time spent at 2026-12-01 00:00:00 UTC', 7200],
    ['subtracted 15m of time spent', -900],
    ['subtracted 15m of time spent at 2026-12-01', -900],
    ['subtracted 1h 5m of time spent at 2026-12-01', -3900],
    ['  added 45m of time spent  ', 2700],
  ])('%j is %d seconds', (body, seconds) => {
    expect(noteSeconds(body)).toBe(seconds);
  });

  it.each([
    'removed time spent',
    'deleted 1h of spent time from 2026-12-01',
    'deleted 30m of spent time from 2026-12-01 00:00:00 UTC',
    'removed time estimate',
    'changed time estimate to 3h',
    'added 0m of time spent',
    'added junk of time spent',
    'added of time spent',
    'added 1h of time spent and 2h more',
    'added 1h of time spent\n\nand a second line',
    'Added 1h of time spent',
    'I added 1h of time spent',
    'subtracted -1h of time spent',
    'added 1h of spent time',
    'mentioned in merge request !7',
    '',
  ])('%j records no time log', (body) => {
    expect(noteSeconds(body)).toBeNull();
  });
});

describe('nextAttemptAt', () => {
  it('backs off from 5 s, doubling, up to half an hour', () => {
    expect([0, 1, 2, 3, 4].map(backoffMs)).toEqual([5_000, 5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(30 * 60_000);
    expect(backoffMs(10_000)).toBe(30 * 60_000);
  });

  it('a sure failure waits the back-off', () => {
    expect(nextAttemptAt(NOW, 1, { uncertain: false })).toBe(NOW + 5_000);
    expect(nextAttemptAt(NOW, 3, { uncertain: false })).toBe(NOW + 20_000);
  });

  it('an uncertain failure waits at least the settle time before anyone looks', () => {
    expect(SETTLE_MS).toBeGreaterThan(15_000);
    expect(nextAttemptAt(NOW, 1, { uncertain: true })).toBe(NOW + SETTLE_MS);
    expect(nextAttemptAt(NOW, 2, { uncertain: true })).toBe(NOW + SETTLE_MS);
    expect(nextAttemptAt(NOW, 4, { uncertain: true })).toBe(NOW + 40_000);
  });

  it('waits as long as GitLab asks', () => {
    expect(nextAttemptAt(NOW, 1, { uncertain: false, retryAfterMs: 120_000 })).toBe(NOW + 120_000);
    expect(nextAttemptAt(NOW, 1, { uncertain: true, retryAfterMs: 25_000 })).toBe(NOW + 25_000);
    expect(nextAttemptAt(NOW, 1, { uncertain: true, retryAfterMs: 1_000 })).toBe(NOW + SETTLE_MS);
  });

  it('never longer than MAX_RETRY_AFTER_MS, whatever GitLab asks', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(60 * 60_000);
    expect(nextAttemptAt(NOW, 1, { uncertain: false, retryAfterMs: 10 * 3600_000 })).toBe(NOW + MAX_RETRY_AFTER_MS);
    expect(nextAttemptAt(NOW, 1, { uncertain: true, retryAfterMs: Number.POSITIVE_INFINITY })).toBe(NOW + MAX_RETRY_AFTER_MS);
  });

  it('a negative Retry-After is ignored', () => {
    expect(nextAttemptAt(NOW, 2, { uncertain: false, retryAfterMs: -60_000 })).toBe(NOW + 10_000);
  });
});

describe('after the clock moved back', () => {
  it('a wait no longer than any we set stands, even the longest', () => {
    expect(dueAt({ nextAttemptAt: NOW + 20_000, attempts: 1, uncertain: true }, NOW)).toBe(NOW + 20_000);
    const longest = nextAttemptAt(NOW, 1, { uncertain: false, retryAfterMs: 10 * 3600_000 });
    expect(dueAt({ nextAttemptAt: longest, attempts: 1, uncertain: false }, NOW)).toBe(longest);
    expect(dueAt({ nextAttemptAt: NOW - 5_000, attempts: 1, uncertain: false }, NOW)).toBe(NOW - 5_000);
  });

  it('a longer wait means the clock moved back: it starts again from now, with the settle wait where GitLab may have it', () => {
    expect(dueAt({ nextAttemptAt: NOW + 4 * 3600_000, attempts: 1, uncertain: false }, NOW)).toBe(NOW + 5_000);
    expect(dueAt({ nextAttemptAt: NOW + 4 * 3600_000, attempts: 1, uncertain: true }, NOW)).toBe(NOW + SETTLE_MS);
    expect(dueAt({ nextAttemptAt: NOW + 4 * 3600_000, attempts: 4 }, NOW)).toBe(NOW + 40_000);
  });

  it('a request sent "in the future" settles a settle wait from now; one sent before, from when it was sent', () => {
    expect(settledAt(NOW + 3 * 3600_000, NOW)).toBe(NOW + SETTLE_MS);
    expect(settledAt(NOW - 5_000, NOW)).toBe(NOW - 5_000 + SETTLE_MS);
  });
});

describe('idNumber', () => {
  it.each<[string, number]>([
    ['gid://gitlab/Timelog/42', 42],
    ['gid://gitlab/Timelog/9007199254740991', Number.MAX_SAFE_INTEGER],
    ['17', 17],
    ['gid://gitlab/Timelog/abc', 0],
    ['gid://gitlab/Timelog/99999999999999999999', 0],
    ['', 0],
  ])('%j → %d', (gid, n) => {
    expect(idNumber(gid)).toBe(n);
  });
});

describe('summaryFor', () => {
  const today = new Date(2026, 11, 5, 15, 0).getTime();
  const yesterday = new Date(2026, 11, 4, 23, 30).getTime();

  it('today’s work goes with its own summary, or none', () => {
    expect(summaryFor({ spentAt: new Date(2026, 11, 5, 0, 5).getTime(), summary: 'Review' }, today)).toBe('Review');
    expect(summaryFor({ spentAt: today }, today)).toBeUndefined();
  });

  it('work from an earlier day says which day', () => {
    expect(localDay(yesterday)).toBe('2026-12-04');
    expect(summaryFor({ spentAt: yesterday, summary: 'Review' }, today)).toBe('Review (work done on 2026-12-04)');
    expect(summaryFor({ spentAt: yesterday }, today)).toBe('(work done on 2026-12-04)');
  });

  it('stays within GitLab’s 255 characters', () => {
    expect(summaryFor({ spentAt: yesterday, summary: 'x'.repeat(255) }, today)!.length).toBe(255);
  });
});

describe('describeLog', () => {
  const item: ItemKey = { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 1 };
  it('says the amount and the item', () => {
    expect(describeLog({ seconds: 1500, item })).toBe('25m to acme/web#1');
    expect(describeLog({ seconds: -900, item: { ...item, kind: 'merge_request', iid: 3 } })).toBe('-15m to acme/web!3');
  });
});

describe('newLogId', () => {
  it('starts with the time and differs every call', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newLogId(NOW)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id.startsWith(`${NOW.toString(36)}-`)).toBe(true);
  });
});
