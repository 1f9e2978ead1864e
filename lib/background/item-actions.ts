/**
 * The issue page's requests: putting the widget on the page, the issue's numbers, and the time
 * tracking writes other than time logs (estimate, resets, to-do). Typed time logs go through the
 * outbox (`logTime` in router.ts), like a stopped timer.
 *
 * Most senders are our content scripts on a connected GitLab (guarded). Three requests also come
 * from gitlab.com before it is connected, because the manifest injects the loader there: the
 * widget must appear and offer "Connect this GitLab" rather than stay silent.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { GitLabError, type GitLabClient, type TimeStats } from '../gitlab/client';
import { parseGitLabDuration } from '../gitlab/duration';
import { basePathFromBase, parseIssueUrl } from '../gitlab/page';
import { backgroundMessenger, type IssueTarget, type IssueView, type Result, type UrlIssue } from '../model/protocol';
import { refusedWritesItem, type Instance } from '../model/storage';
import type { IssueKey } from '../model/timer';
import { GITLAB_COM, WIDGET_SCRIPT_FILE } from './content-scripts';
import { clientFor, errorCode, errorMessage, findInstance, type BackgroundDeps } from './token-client';
import { IssueTargetSchema, NoPayloadSchema, PageIssueSchema, parsePayload } from './senders';
import { fail, FROM_ANYWHERE, guarded, issueFromTarget, REFUSED, senderOf } from './guarded';
import { statsForView, writeStats } from './time-stats';

const SetEstimateSchema = v.strictObject({
  target: IssueTargetSchema,
  duration: v.pipe(v.string(), v.maxLength(64, 'That duration is too long. Use something like 3h 30m.')),
});
const TargetOnlySchema = v.strictObject({ target: IssueTargetSchema });
const PageUrlSchema = v.strictObject({ url: v.pipe(v.string(), v.maxLength(8192)) });

export const NO_TIME_TRACKING = 'Time tracking needs GitLab 8.16 or newer on this server. To-dos still work.';

/** A refusal is believed this long: long enough to stop repeated failures, short enough to notice a new role. */
export const REFUSAL_TTL_MS = 30 * 60_000;

/** Our content script in a tab: on a connected GitLab (`instanceId`), or on gitlab.com before it is connected. */
export interface GitLabTab {
  tabId: number;
  frameId: number;
  url: string;
  instanceId: string | null;
}

export async function gitlabTabOf(deps: BackgroundDeps, sender: Runtime.MessageSender): Promise<GitLabTab | null> {
  const from = await senderOf(deps, sender);
  const frameId = sender.frameId ?? 0;
  if (from?.kind === 'content-script') return { tabId: from.tabId, frameId, url: from.url, instanceId: from.instanceId };
  if (from || sender.id !== deps.browser.runtime.id || typeof sender.tab?.id !== 'number') return null;
  const url = sender.url ?? sender.tab.url;
  if (!url || originOf(url) !== GITLAB_COM) return null;
  return { tabId: sender.tab.id, frameId, url, instanceId: null };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Like `guarded`, for the requests a not-yet-connected gitlab.com tab may make too. */
function fromGitLabTab<S extends v.GenericSchema, R>(
  deps: BackgroundDeps,
  schema: S,
  refusal: (error: string) => R,
  handler: (input: v.InferOutput<S>, tab: GitLabTab) => Promise<R>,
) {
  return async ({ data, sender }: { data: unknown; sender: Runtime.MessageSender }): Promise<R> => {
    const tab = await gitlabTabOf(deps, sender);
    if (!tab) return refusal(REFUSED);
    const parsed = parsePayload(schema, data);
    if (!parsed.ok) return refusal(parsed.error);
    return handler(parsed.value, tab);
  };
}

/**
 * The issue the frame's URL shows, read with the instance's sub-path (`''` on gitlab.com before
 * it is connected). A URL of another origin than the sending frame's is nobody's issue.
 */
export function issueOfTab(tab: GitLabTab, url: string): UrlIssue | null {
  if (originOf(url) !== originOf(tab.url)) return null;
  const ref = parseIssueUrl(url, { basePath: tab.instanceId ? basePathFromBase(tab.instanceId) : '' });
  return ref ? { projectPath: ref.fullPath, iid: ref.iid, drawer: ref.drawer } : null;
}

function notConnected(url: string): Result<never> {
  const host = new URL(url).host;
  return { ok: false, code: 'not-connected', error: `Timekeeper is not connected to ${host} yet. Connect it to track time here.` };
}

const tokenKey = (instance: Instance) => `token ${instance.baseUrl} ${instance.connectedAt}`;
const projectKey = (issue: IssueKey) => `project ${issue.instanceId} ${issue.projectPath.toLowerCase()}`;

/** Why writes to this issue were refused this session (token first: it explains every project). */
export async function refusalFor(deps: BackgroundDeps, instance: Instance, issue: IssueKey): Promise<string | null> {
  const refused = await refusedWritesItem.getValue();
  const fresh = (key: string) => {
    const entry = refused[key];
    return entry && deps.now() - entry.at < REFUSAL_TTL_MS ? entry.reason : null;
  };
  return fresh(tokenKey(instance)) ?? fresh(projectKey(issue));
}

/** Remembers GitLab's refusal of a write; a time tracking write that worked clears its project's. */
async function noteOutcome(deps: BackgroundDeps, issue: IssueKey, error: unknown, timeTracking: boolean): Promise<void> {
  const instance = await findInstance(issue.instanceId);
  if (!instance) return;
  const refused = { ...(await refusedWritesItem.getValue()) };
  let key: string | null = null;
  if (error instanceof GitLabError && error.kind === 'insufficient-scope') key = tokenKey(instance);
  else if (error instanceof GitLabError && error.kind === 'forbidden' && timeTracking) key = projectKey(issue);
  if (key && error instanceof GitLabError) refused[key] = { reason: error.message, at: deps.now() };
  else if (!error && timeTracking && refused[projectKey(issue)]) delete refused[projectKey(issue)];
  else return;
  await refusedWritesItem.setValue(refused);
}

/** One write to GitLab for the issue a request names, with its refusal remembered. */
async function writeToIssue<T extends object>(
  deps: BackgroundDeps,
  target: IssueTarget,
  from: Parameters<typeof issueFromTarget>[1],
  timeTracking: boolean,
  write: (client: GitLabClient, issue: IssueKey) => Promise<T>,
): Promise<Result<T>> {
  const resolved = await issueFromTarget(target, from);
  if (!resolved.ok) return resolved;
  const client = await clientFor(deps, resolved.issue.instanceId);
  if (!client) return { ok: false, code: 'not-connected', error: 'That GitLab is not connected.' };
  try {
    const answer = await write(client, resolved.issue);
    await noteOutcome(deps, resolved.issue, null, timeTracking);
    return { ok: true, ...answer };
  } catch (error) {
    await noteOutcome(deps, resolved.issue, error, timeTracking);
    return { ok: false, error: errorMessage(error), code: errorCode(error) };
  }
}

/** The handlers, each already wrapped in its sender and payload checks (exported for tests). */
export function issueHandlers(deps: BackgroundDeps) {
  // Every change to an issue's numbers goes through time-stats.ts, so no read is reused across it.
  const statsWrite = (issue: IssueKey, write: () => Promise<TimeStats>) => writeStats(deps, issue, write, (stats) => stats);
  return {
    openIssueWidget: fromGitLabTab(deps, PageUrlSchema, fail, async ({ url }, tab): Promise<Result<{ injected: boolean }>> => {
      if (!issueOfTab(tab, url)) return { ok: true, injected: false };
      await deps.browser.scripting.executeScript({
        target: { tabId: tab.tabId, frameIds: [tab.frameId] },
        files: [WIDGET_SCRIPT_FILE],
        // The loader asks while the page is still loading; the widget waits for the DOM itself.
        injectImmediately: true,
      });
      return { ok: true, injected: true };
    }),
    issueAt: fromGitLabTab(deps, PageUrlSchema, () => ({ connected: false, issue: null }), async ({ url }, tab) => ({
      connected: tab.instanceId !== null,
      issue: issueOfTab(tab, url),
    })),
    openConnectPage: fromGitLabTab(deps, NoPayloadSchema, fail, async (_input, tab): Promise<Result> => {
      const baseUrl = tab.instanceId ?? new URL(tab.url).origin;
      await deps.browser.tabs.create({ url: `${deps.browser.runtime.getURL('/options.html')}?url=${encodeURIComponent(baseUrl)}` });
      return { ok: true };
    }),
    getIssueView: fromGitLabTab(deps, PageIssueSchema, fail, async (page, tab): Promise<Result<IssueView>> => {
      const instance = tab.instanceId ? await findInstance(tab.instanceId) : undefined;
      const client = instance ? await clientFor(deps, instance.baseUrl) : null;
      if (!instance || !client) return notConnected(tab.url);
      if (instance.hasTimeTracking === false) {
        // GitLab 8.15 and older, GitSwarm: nothing to read, but the to-do button still works.
        const none: TimeStats = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };
        return { ok: true, instance: { baseUrl: instance.baseUrl, username: instance.username }, timeStats: none, readOnly: null, noTimeTracking: NO_TIME_TRACKING };
      }
      try {
        // Shared with the outbox: a stopped timer's log and this refresh cost one read (time-stats.ts).
        const timeStats = await statsForView(deps, client, { instanceId: instance.baseUrl, projectPath: page.projectPath, iid: page.iid }, page.fresh === true);
        // A read_api connection first: it explains every project on this GitLab.
        const readOnly = instance.readOnlyReason ?? (await refusalFor(deps, instance, { instanceId: instance.baseUrl, ...page }));
        return { ok: true, instance: { baseUrl: instance.baseUrl, username: instance.username }, timeStats, readOnly };
      } catch (error) {
        return { ok: false, error: errorMessage(error), code: errorCode(error) };
      }
    }),
    setEstimate: guarded(deps, FROM_ANYWHERE, SetEstimateSchema, fail, async ({ target, duration }, from): Promise<Result<{ timeStats: TimeStats }>> => {
      const parsed = parseGitLabDuration(duration);
      if (!parsed.ok) return { ok: false, error: parsed.error, code: 'bad-input' };
      return writeToIssue(deps, target, from, true, async (client, issue) => ({
        timeStats: await statsWrite(issue, () => client.setTimeEstimate(issue.projectPath, issue.iid, duration)),
      }));
    }),
    resetEstimate: guarded(deps, FROM_ANYWHERE, TargetOnlySchema, fail, async ({ target }, from) =>
      writeToIssue(deps, target, from, true, async (client, issue) => ({ timeStats: await statsWrite(issue, () => client.resetTimeEstimate(issue.projectPath, issue.iid)) })),
    ),
    resetSpentTime: guarded(deps, FROM_ANYWHERE, TargetOnlySchema, fail, async ({ target }, from) =>
      writeToIssue(deps, target, from, true, async (client, issue) => ({ timeStats: await statsWrite(issue, () => client.resetSpentTime(issue.projectPath, issue.iid)) })),
    ),
    addTodo: guarded(deps, FROM_ANYWHERE, TargetOnlySchema, fail, async ({ target }, from) =>
      writeToIssue(deps, target, from, false, (client, issue) => client.addTodo(issue.projectPath, issue.iid)),
    ),
  };
}

export function registerIssueHandlers(deps: BackgroundDeps): void {
  const handlers = issueHandlers(deps);
  backgroundMessenger.onMessage('openIssueWidget', handlers.openIssueWidget);
  backgroundMessenger.onMessage('issueAt', handlers.issueAt);
  backgroundMessenger.onMessage('openConnectPage', handlers.openConnectPage);
  backgroundMessenger.onMessage('getIssueView', handlers.getIssueView);
  backgroundMessenger.onMessage('setEstimate', handlers.setEstimate);
  backgroundMessenger.onMessage('resetEstimate', handlers.resetEstimate);
  backgroundMessenger.onMessage('resetSpentTime', handlers.resetSpentTime);
  backgroundMessenger.onMessage('addTodo', handlers.addTodo);
}
