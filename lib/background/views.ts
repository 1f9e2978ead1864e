/**
 * What views are told, and which views may hear it. Extension pages (popup, options, timesheet)
 * see everything; a GitLab tab sees only its own GitLab's timer, logs and notices, and tabs on
 * any other site hear nothing at all. There is no broadcast of the whole state to every tab.
 */
import { instanceBaseFromUrl } from '../gitlab/page';
import type { TimeStats } from '../gitlab/types';
import type { ItemKey } from '../model/item';
import { viewsMessenger, type ViewState } from '../model/protocol';
import { instancesItem, outboxItem, timerItem } from '../model/storage';
import type { BackgroundDeps } from './deps';

/**
 * A short sentence about the last thing that happened, the items it is about, and so the GitLab
 * whose pages may see it (null: extension pages only, when it names items of several GitLabs).
 */
interface Notice {
  text: string;
  instanceId: string | null;
  about: ItemKey[];
}

let notice: Notice | null = null;
let noticeListener: (() => void) | null = null;

/** Views hear of a new notice like of any other change. */
export function onNoticeChanged(listener: () => void): void {
  noticeListener = listener;
}

/** The notice about `about` (one item or several; none: nothing to show). */
export function setNotice(text: string | null, about: ItemKey | ItemKey[] = []): void {
  const items = (Array.isArray(about) ? about : [about]).map(({ instanceId, projectPath, kind, iid }) => ({ instanceId, projectPath, kind, iid }));
  const instances = new Set(items.map((i) => i.instanceId));
  const next = text === null ? null : { text, instanceId: instances.size === 1 ? items[0]!.instanceId : null, about: items };
  const changed = next?.text !== notice?.text || next?.instanceId !== notice?.instanceId || JSON.stringify(next?.about) !== JSON.stringify(notice?.about);
  notice = next;
  if (changed) noticeListener?.();
}

/**
 * The state a view may see: everything for an extension page (`instanceId` null), only that
 * GitLab's for a page on it.
 */
export async function viewState(instanceId: string | null): Promise<ViewState> {
  const [timer, outbox] = await Promise.all([timerItem.getValue(), outboxItem.getValue()]);
  const all = {
    timer,
    outbox: outbox.map(({ id, item, seconds, summary, spentAt, status, lastError }) => ({
      id,
      item,
      seconds,
      spentAt,
      status,
      ...(summary === undefined ? {} : { summary }),
      ...(lastError === undefined ? {} : { lastError }),
    })),
    notice: notice?.text ?? null,
    ...(notice?.about.length ? { noticeAbout: notice.about } : {}),
  };
  if (instanceId === null) return all;
  const mine = notice && notice.instanceId === instanceId ? notice : null;
  return {
    timer: timer && timer.item.instanceId === instanceId ? timer : null,
    outbox: all.outbox.filter((l) => l.item.instanceId === instanceId),
    notice: mine?.text ?? null,
    ...(mine?.about.length ? { noticeAbout: mine.about } : {}),
  };
}

/** The tabs on a connected GitLab, each with its GitLab: the only tabs that hear anything. */
async function gitlabTabs(deps: BackgroundDeps): Promise<Array<{ tabId: number; instanceId: string }>> {
  const connected = (await instancesItem.getValue()).filter((i) => i.problem?.kind !== 'disconnected').map((i) => i.baseUrl);
  if (!connected.length) return [];
  const tabs = await deps.browser.tabs.query({}).catch(() => []);
  const found: Array<{ tabId: number; instanceId: string }> = [];
  for (const tab of tabs) {
    // Tabs the extension has no access to come without a URL: they are no GitLab of ours.
    const instanceId = typeof tab.id === 'number' && tab.url ? instanceBaseFromUrl(tab.url, connected) : null;
    if (instanceId && typeof tab.id === 'number') found.push({ tabId: tab.id, instanceId });
  }
  return found;
}

/** Tells every view the state it may see. */
export async function publishState(deps: BackgroundDeps): Promise<void> {
  // Extension pages listen on the runtime; content scripts in their tabs.
  viewsMessenger.sendMessage('stateChanged', await viewState(null)).catch(() => undefined);
  const tabs = await gitlabTabs(deps);
  const byInstance = new Map<string, Promise<ViewState>>();
  await Promise.all(
    tabs.map(async ({ tabId, instanceId }) => {
      if (!byInstance.has(instanceId)) byInstance.set(instanceId, viewState(instanceId));
      const state = await byInstance.get(instanceId)!;
      await viewsMessenger.sendMessage('stateChanged', state, tabId).catch(() => undefined);
    }),
  );
}

/** An item's new numbers (a log landed, an estimate changed), to the views on its GitLab. */
export async function tellItemTotals(deps: BackgroundDeps, item: ItemKey, timeStats: TimeStats): Promise<void> {
  const totals = { item, timeStats };
  viewsMessenger.sendMessage('itemTotals', totals).catch(() => undefined);
  const tabs = (await gitlabTabs(deps)).filter((t) => t.instanceId === item.instanceId);
  await Promise.all(tabs.map(({ tabId }) => viewsMessenger.sendMessage('itemTotals', totals, tabId).catch(() => undefined)));
}
