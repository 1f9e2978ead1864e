/**
 * The Timesheet's figures: the user's own time logs of one week, asked of every connected GitLab
 * in parallel (GraphQL `timelogs`, 100 a page), each GitLab on its own so one that is down hides
 * no other. The last answer per week is cached in storage: the page paints from it at once and
 * asks again in the background. A GitLab too old to list time logs says so, and shows instead what
 * this browser delivered there (kept 90 days, written when the outbox lands a log).
 */
import { GitLabError, type UserTimelog } from '../gitlab/client';
import { supportsTimelogGraphql } from '../gitlab/version';
import { isFresh } from '../model/lists-cache';
import type { Result } from '../model/protocol';
import { instancesItem, type Instance, type PendingLog } from '../model/storage';
import { CACHED_WEEKS, loggedHistoryItem, timesheetCacheItem } from '../model/timesheet-store';
import {
  HISTORY_DAYS,
  weekKey,
  type DeliveredLog,
  type InstanceWeek,
  type TimesheetLog,
  type WeekRange,
} from '../model/timesheet';
import { itemLink } from '../model/item';
import { serial } from './serial';
import { clientFor, errorCode, errorMessage, findInstance, type BackgroundDeps } from './token-client';
import { t } from '../model/i18n';

const DAY_MS = 86_400_000;

/** Whether this GitLab can list the user's time logs (and delete them) over GraphQL. */
export function listsTimelogs(instance: Pick<Instance, 'apiVersion' | 'gitlabVersion'>): boolean {
  // `Query.timelogs(username:)` is older (about 14.2), but the `id` a log is deleted by, and
  // `timelogDelete` itself, are only certain from 15.3, where timelogCreate came too.
  return instance.apiVersion !== 'v3' && supportsTimelogGraphql(instance.gitlabVersion);
}

function unsupportedWords(instance: Instance): string {
  const host = new URL(instance.baseUrl).host;
  const version = instance.gitlabVersion ? `GitLab ${instance.gitlabVersion}` : t('thisGitLab');
  return `${version} at ${host} cannot list time logs (GitLab 15.3 and later can). Shown instead: what this browser logged there in the last ${HISTORY_DAYS} days; time logged elsewhere is not included.`;
}

/** A GitLab log in the Timesheet's shape. */
export function toTimesheetLog(instanceId: string, log: UserTimelog): TimesheetLog {
  return {
    id: log.id,
    instanceId,
    spentAt: log.spentAt ?? new Date(0).toISOString(),
    seconds: log.seconds,
    summary: log.summary,
    item: log.item
      ? {
          kind: log.item.kind,
          projectPath: log.item.projectPath,
          iid: log.item.iid,
          title: log.item.title,
          // Links from the server lead only to pages of that GitLab.
          webUrl: itemLink({ instanceId, projectPath: log.item.projectPath, kind: log.item.kind, iid: log.item.iid, ...(log.item.webUrl ? { webUrl: log.item.webUrl } : {}) }),
        }
      : null,
  };
}

function fromHistory(entry: DeliveredLog): TimesheetLog {
  return {
    id: `local:${entry.id}`,
    instanceId: entry.instanceId,
    spentAt: new Date(entry.spentAt).toISOString(),
    seconds: entry.seconds,
    summary: entry.summary ?? null,
    item: {
      kind: entry.kind,
      projectPath: entry.projectPath,
      iid: entry.iid,
      title: entry.title ?? '',
      webUrl: itemLink({ instanceId: entry.instanceId, projectPath: entry.projectPath, kind: entry.kind, iid: entry.iid, ...(entry.webUrl ? { webUrl: entry.webUrl } : {}) }),
    },
  };
}

/** Notes a log the outbox delivered, for GitLabs that cannot list time logs; drops entries older than 90 days. */
export async function recordDelivered(deps: BackgroundDeps, log: PendingLog): Promise<void> {
  const now = deps.now();
  const entry: DeliveredLog = {
    id: log.id,
    instanceId: log.item.instanceId,
    projectPath: log.item.projectPath,
    kind: log.item.kind,
    iid: log.item.iid,
    ...(log.item.title ? { title: log.item.title } : {}),
    ...(log.item.webUrl ? { webUrl: log.item.webUrl } : {}),
    seconds: log.seconds,
    ...(log.summary ? { summary: log.summary } : {}),
    spentAt: log.spentAt,
    deliveredAt: now,
  };
  await serial(async () => {
    const kept = (await loggedHistoryItem.getValue()).filter((e) => e.id !== entry.id && now - e.deliveredAt < HISTORY_DAYS * DAY_MS);
    await loggedHistoryItem.setValue([...kept, entry]);
  });
  // The week it landed in is out of date on this GitLab.
  stale.add(log.item.instanceId);
}

/** GitLabs whose cached weeks are known to be out of date (a log landed); in memory, like the lists'. */
const stale = new Set<string>();

/** Fetches in flight, by week and GitLab: the popup and the page asking at once share one. */
const inFlight = new Map<string, Promise<InstanceWeek>>();

async function fetchWeek(deps: BackgroundDeps, instance: Instance, range: WeekRange, previous: InstanceWeek | undefined): Promise<InstanceWeek> {
  const base = { instanceId: instance.baseUrl, username: instance.username, ...(instance.readOnlyReason ? { readOnly: instance.readOnlyReason } : {}) };
  if (!listsTimelogs(instance)) {
    const history = await loggedHistoryItem.getValue();
    const logs = history.filter((e) => e.instanceId === instance.baseUrl && e.spentAt >= range.start && e.spentAt < range.end).map(fromHistory);
    return {
      ...base,
      source: 'browser',
      logs,
      unsupported: unsupportedWords(instance),
      readOnly: t('cannotDeleteTimelogs'),
      error: null,
      fetchedAt: deps.now(),
      requests: 0,
    };
  }
  const key = `${weekKey(range)} ${instance.baseUrl}`;
  const running = inFlight.get(key);
  if (running) return running;
  const pending = (async (): Promise<InstanceWeek> => {
    try {
      const client = await clientFor(deps, instance.baseUrl);
      if (!client) throw new GitLabError('unauthorized', t('listNotConnected', new URL(instance.baseUrl).host));
      const { timelogs, requests } = await client.userTimelogs({
        username: instance.username,
        startTime: new Date(range.start).toISOString(),
        // GitLab's endTime is inclusive; the week's end is the next week's first instant.
        endTime: new Date(range.end - 1000).toISOString(),
      });
      return { ...base, source: 'gitlab', logs: timelogs.map((t) => toTimesheetLog(instance.baseUrl, t)), error: null, fetchedAt: deps.now(), requests };
    } catch (error) {
      // The last good logs stay on screen, dated, beside the error.
      return {
        ...base,
        source: 'gitlab',
        logs: previous?.source === 'gitlab' ? previous.logs : [],
        error: errorMessage(error),
        errorCode: errorCode(error),
        fetchedAt: previous?.fetchedAt ?? 0,
      };
    } finally {
      inFlight.delete(key);
    }
  })();
  inFlight.set(key, pending);
  return pending;
}

/** Keeps the newest weeks only. */
function trimmed<T extends { at: number }>(cache: Record<string, T>): Record<string, T> {
  const keys = Object.keys(cache).sort((a, b) => cache[b]!.at - cache[a]!.at);
  return Object.fromEntries(keys.slice(0, CACHED_WEEKS).map((k) => [k, cache[k]!]));
}

/**
 * The week on every connected GitLab. `cache`: the stored answer only (none: empty); `recent`:
 * the stored answer while it is under a minute old and nothing landed since; `fresh`: GitLab.
 */
export async function timesheetWeek(deps: BackgroundDeps, range: WeekRange & { mode: 'cache' | 'fresh' | 'recent' }): Promise<{ weeks: InstanceWeek[]; cachedAt: number | null }> {
  // `cachedAt`: how old the oldest figures in the answer are (see oldestFetch).
  const key = weekKey(range);
  const [instances, cache] = await Promise.all([instancesItem.getValue(), timesheetCacheItem.getValue()]);
  const cached = cache[key];
  const connected = new Set(instances.map((i) => i.baseUrl));
  const keep = (weeks: InstanceWeek[]) => weeks.filter((w) => connected.has(w.instanceId));
  if (range.mode === 'cache') return cached ? { weeks: keep(cached.weeks), cachedAt: oldestFetch(keep(cached.weeks)) } : { weeks: [], cachedAt: null };
  const now = deps.now();
  const byInstance = new Map((cached?.weeks ?? []).map((w) => [w.instanceId, w]));
  const weeks = await Promise.all(
    instances.map((instance) => {
      const previous = byInstance.get(instance.baseUrl);
      if (range.mode === 'recent' && previous && !previous.error && isFresh(previous.fetchedAt, now) && !stale.has(instance.baseUrl)) return previous;
      return fetchWeek(deps, instance, range, previous);
    }),
  );
  for (const instance of instances) stale.delete(instance.baseUrl);
  await serial(async () => {
    const latest = await timesheetCacheItem.getValue();
    await timesheetCacheItem.setValue(trimmed({ ...latest, [key]: { at: deps.now(), weeks } }));
  });
  return { weeks, cachedAt: oldestFetch(weeks) };
}

/** How old the figures shown are: the oldest GitLab's last good fetch (a failing one's too); null when none ever answered. */
function oldestFetch(weeks: readonly InstanceWeek[]): number | null {
  const times = weeks.map((w) => w.fetchedAt).filter((t) => t > 0);
  return times.length ? Math.min(...times) : null;
}

/** GitLab's refusal of a deletion, in words: who may delete, and GitLab's own. */
function refusalWords(error: unknown): string {
  const said = errorMessage(error);
  if (error instanceof GitLabError && (error.kind === 'bad-request' || error.kind === 'forbidden' || error.kind === 'not-found')) {
    return t('timelogNotDeleted', said);
  }
  return said;
}

/** Deletes one time log in GitLab, then drops it from every cached week. */
export async function deleteTimelog(deps: BackgroundDeps, instanceId: string, id: string): Promise<Result> {
  const instance = await findInstance(instanceId);
  if (!instance) return { ok: false, error: t('gitLabNotConnected'), code: 'not-connected' };
  if (!listsTimelogs(instance)) return { ok: false, error: t('cannotDeleteTimelogs'), code: 'refused' };
  const client = await clientFor(deps, instanceId);
  if (!client) return { ok: false, error: t('gitLabNotConnected'), code: 'not-connected' };
  try {
    await client.deleteTimelog(id);
  } catch (error) {
    return { ok: false, error: refusalWords(error), code: error instanceof GitLabError && error.transient ? 'offline' : 'refused' };
  }
  await forgetTimelog(instanceId, id);
  return { ok: true };
}

/** A log that is gone from GitLab leaves every cached week. */
export async function forgetTimelog(instanceId: string, id: string): Promise<void> {
  await serial(async () => {
    const cache = await timesheetCacheItem.getValue();
    const next = Object.fromEntries(
      Object.entries(cache).map(([k, entry]) => [k, { ...entry, weeks: entry.weeks.map((w) => (w.instanceId === instanceId ? { ...w, logs: w.logs.filter((l) => l.id !== id) } : w)) }]),
    );
    await timesheetCacheItem.setValue(next);
  });
  stale.add(instanceId);
}
