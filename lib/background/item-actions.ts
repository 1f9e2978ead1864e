/**
 * What the item page asks for: putting the widget on the page, the item's numbers, and the time
 * tracking writes other than time logs (estimate, resets, to-do), each answering with what GitLab
 * answered. Typed time logs go through the outbox, like a stopped timer (lib/background/timer.ts).
 */
import { GitLabError, type GitLabClient, type TimeStats } from '../gitlab/client';
import { basePathFromBase, itemKindOf, parseIssueUrl, parseListUrl } from '../gitlab/page';
import type { ItemInfo } from '../model/item';
import type { ItemView, ListTime, PageItem, Result, Target } from '../model/protocol';
import { refusedWritesItem, type Instance } from '../model/storage';
import { LIST_SCRIPT_FILE, WIDGET_FORMS_FILE, WIDGET_SCRIPT_FILE } from './content-scripts';
import type { BackgroundDeps } from './deps';
import { targetItem, type Sender } from './senders';
import { clientFor, errorCode, errorMessage, findInstance } from './token-client';
import { tellItemTotals } from './views';
import { t } from '../model/i18n';

export const NO_TIME_TRACKING = t('noTimeTracking');

/** A refusal is believed this long: long enough to stop repeated failures, short enough to notice a new role. */
export const REFUSAL_TTL_MS = 30 * 60_000;

/** Our script in a tab: on a connected GitLab, or on gitlab.com before it is connected. */
export type GitLabTab = Extract<Sender, { kind: 'content' | 'unconnected' }>;

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function instanceOfTab(tab: GitLabTab): string | null {
  return tab.kind === 'content' ? tab.instanceId : null;
}

/**
 * The item the frame's URL shows, read with the GitLab's sub-path (`''` on gitlab.com before it
 * is connected). A URL of another origin than the sending frame's is nobody's item.
 */
export function itemOfTab(tab: GitLabTab, url: string): PageItem | null {
  if (originOf(url) !== originOf(tab.url)) return null;
  const instanceId = instanceOfTab(tab);
  const ref = parseIssueUrl(url, { basePath: instanceId ? basePathFromBase(instanceId) : '' });
  return ref ? { projectPath: ref.fullPath, kind: itemKindOf(ref), iid: ref.iid, drawer: ref.drawer } : null;
}

function notConnected(url: string): Result<never> {
  const host = new URL(url).host;
  return { ok: false, code: 'not-connected', error: t('notConnectedTo', host) };
}

const tokenKey = (instance: Instance) => `token ${instance.baseUrl} ${instance.connectedAt}`;
const projectKey = (item: ItemInfo) => `project ${item.instanceId} ${item.projectPath.toLowerCase()}`;

/** Why writes to this item were refused this session (token first: it explains every project). */
export async function refusalFor(deps: BackgroundDeps, instance: Instance, item: ItemInfo): Promise<string | null> {
  const refused = await refusedWritesItem.getValue();
  const fresh = (key: string) => {
    const entry = refused[key];
    return entry && deps.now() - entry.at < REFUSAL_TTL_MS ? entry.reason : null;
  };
  return fresh(tokenKey(instance)) ?? fresh(projectKey(item));
}

/** Remembers GitLab's refusal of a write; a time tracking write that worked clears its project's. */
async function noteOutcome(deps: BackgroundDeps, item: ItemInfo, error: unknown, timeTracking: boolean): Promise<void> {
  const instance = await findInstance(item.instanceId);
  if (!instance) return;
  const refused = { ...(await refusedWritesItem.getValue()) };
  let key: string | null = null;
  if (error instanceof GitLabError && error.kind === 'insufficient-scope') key = tokenKey(instance);
  else if (error instanceof GitLabError && error.kind === 'forbidden' && timeTracking) key = projectKey(item);
  if (key && error instanceof GitLabError) refused[key] = { reason: error.message, at: deps.now() };
  else if (!error && timeTracking && refused[projectKey(item)]) delete refused[projectKey(item)];
  else return;
  await refusedWritesItem.setValue(refused);
}

/** One write to GitLab for the item a request names, with its refusal remembered. */
export async function writeToItem<T extends object>(
  deps: BackgroundDeps,
  target: Target,
  from: Sender,
  timeTracking: boolean,
  write: (client: GitLabClient, item: ItemInfo) => Promise<T>,
): Promise<Result<T>> {
  const resolved = await targetItem(target, from);
  if (!resolved.ok) return resolved;
  const client = await clientFor(deps, resolved.item.instanceId);
  if (!client) return { ok: false, code: 'not-connected', error: t('gitLabNotConnected') };
  try {
    const answer = await write(client, resolved.item);
    await noteOutcome(deps, resolved.item, null, timeTracking);
    return { ok: true, ...answer };
  } catch (error) {
    await noteOutcome(deps, resolved.item, error, timeTracking);
    return { ok: false, error: errorMessage(error), code: errorCode(error) };
  }
}

/** A write that answers with the item's new numbers: they go back to the view that asked, and to the others showing the item. */
export function writeTimeStats(deps: BackgroundDeps, target: Target, from: Sender, write: (client: GitLabClient, item: ItemInfo) => Promise<TimeStats>): Promise<Result<{ timeStats: TimeStats }>> {
  return writeToItem(deps, target, from, true, async (client, item) => {
    const timeStats = await write(client, item);
    void tellItemTotals(deps, item, timeStats);
    return { timeStats };
  });
}

/** The list or board `url` (its frame's) shows, on a connected GitLab only (Start timer needs one). */
function listOfTab(tab: GitLabTab, url: string) {
  if (tab.kind !== 'content' || originOf(url) !== originOf(tab.url)) return null;
  return parseListUrl(url, { basePath: basePathFromBase(tab.instanceId) });
}

/** The list and board script asking, as it starts, how to read its page's links. */
export async function listPage(tab: GitLabTab, url: string): Promise<Result<{ basePath: string }>> {
  if (tab.kind !== 'content' || !listOfTab(tab, url)) return { ok: false, code: 'refused', error: t('notAListPage') };
  return { ok: true, basePath: basePathFromBase(tab.instanceId) };
}

/** A list or board page's numbers: one GraphQL request to the tab's own GitLab (none before GraphQL). */
export async function listTimes(deps: BackgroundDeps, tab: Extract<GitLabTab, { kind: 'content' }>, items: Array<Omit<ItemInfo, 'instanceId' | 'title' | 'webUrl'>>): Promise<Result<{ times: ListTime[] }>> {
  const client = await clientFor(deps, tab.instanceId);
  if (!client) return notConnected(tab.url);
  if (!client.listTimes || !items.length) return { ok: true, times: [] };
  try {
    return { ok: true, times: await client.listTimes(items) };
  } catch (error) {
    return { ok: false, error: errorMessage(error), code: errorCode(error) };
  }
}

/**
 * The loader: if `url` (its frame's) shows an item, the widget goes into that frame; if it is a
 * list or board of a connected GitLab, the list script goes there (`injected` speaks of the
 * widget only: the loader keeps watching a list for drawers).
 */
export async function openItemWidget(deps: BackgroundDeps, tab: GitLabTab, url: string): Promise<Result<{ injected: boolean }>> {
  if (listOfTab(tab, url)) {
    await deps.browser.scripting.executeScript({ target: { tabId: tab.tabId, frameIds: [tab.frameId] }, files: [LIST_SCRIPT_FILE], injectImmediately: true });
  }
  if (!itemOfTab(tab, url)) return { ok: true, injected: false };
  await deps.browser.scripting.executeScript({
    target: { tabId: tab.tabId, frameIds: [tab.frameId] },
    files: [WIDGET_SCRIPT_FILE],
    // The loader asks while the page is still loading; the widget waits for the DOM itself.
    injectImmediately: true,
  });
  return { ok: true, injected: true };
}

/**
 * The widget's forms, asked for by the widget when the user first opens "More time tracking":
 * into the asking frame, and only where that frame shows an item (the widget is there).
 */
export async function openWidgetForms(deps: BackgroundDeps, tab: GitLabTab): Promise<Result<{ injected: boolean }>> {
  if (!itemOfTab(tab, tab.url)) return { ok: true, injected: false };
  await deps.browser.scripting.executeScript({ target: { tabId: tab.tabId, frameIds: [tab.frameId] }, files: [WIDGET_FORMS_FILE] });
  return { ok: true, injected: true };
}

export async function openConnectPage(deps: BackgroundDeps, tab: GitLabTab): Promise<Result> {
  const baseUrl = instanceOfTab(tab) ?? new URL(tab.url).origin;
  await deps.browser.tabs.create({ url: `${deps.browser.runtime.getURL('/options.html')}?url=${encodeURIComponent(baseUrl)}` });
  return { ok: true };
}

/** The item's numbers, asked of GitLab (one request): a page that opens shows time logged through GitLab a moment ago. */
export async function itemView(deps: BackgroundDeps, tab: GitLabTab, page: Omit<ItemInfo, 'instanceId'>): Promise<Result<ItemView>> {
  const instanceId = instanceOfTab(tab);
  const instance = instanceId ? await findInstance(instanceId) : undefined;
  const client = instance ? await clientFor(deps, instance.baseUrl) : null;
  if (!instance || !client) return notConnected(tab.url);
  const who = { baseUrl: instance.baseUrl, username: instance.username };
  if (instance.hasTimeTracking === false) {
    // GitLab 8.15 and older, GitSwarm: nothing to read, but the to-do button still works.
    const none: TimeStats = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };
    return { ok: true, instance: who, timeStats: none, readOnly: null, noTimeTracking: NO_TIME_TRACKING };
  }
  const item: ItemInfo = { instanceId: instance.baseUrl, projectPath: page.projectPath, kind: page.kind, iid: page.iid };
  try {
    const timeStats = await client.getTimeStats(item);
    // A read_api connection first: it explains every project on this GitLab.
    const readOnly = instance.readOnlyReason ?? (await refusalFor(deps, instance, item));
    return { ok: true, instance: who, timeStats, readOnly };
  } catch (error) {
    return { ok: false, error: errorMessage(error), code: errorCode(error) };
  }
}
