/**
 * Keyboard shortcuts (the manifest's `commands`). The browser delivers them to the background
 * with the active tab, whose URL we can read on a connected GitLab (host permission):
 * - toggle-timer: on an issue or merge request, start its timer, or stop and log it when it is its
 *   (running or paused); elsewhere, stop the running timer, or say that an issue must be open.
 * - pause-timer: pause or resume the timer, wherever it runs.
 * - open-timesheet: open the Timesheet page in a new tab (it is its own answer: no notification).
 * Every outcome is said in a notification, since a shortcut has no view of its own.
 */
import { basePathFromBase, instanceBaseFromUrl, itemKindOf, parseIssueUrl } from '../gitlab/page';
import { instancesItem, timerItem } from '../model/storage';
import { itemReference, sameItem, type ItemInfo } from '../model/item';
import type { BackgroundDeps } from './deps';
import * as timer from './timer';
import { findInstance } from './token-client';
import { t } from '../model/i18n';

export const COMMAND_NOTIFICATION = 'timekeeper-command';

export interface CommandOutcome {
  /** What happened, in words for the notification. */
  message: string;
  ok: boolean;
}

/** The issue or merge request a tab shows, on a connected GitLab; the title comes from GitLab's page title. */
export async function itemInTab(tab: { url?: string; title?: string } | undefined): Promise<ItemInfo | null> {
  if (!tab?.url) return null;
  const instances = await instancesItem.getValue();
  const instanceId = instanceBaseFromUrl(tab.url, instances.map((i) => i.baseUrl));
  if (!instanceId) return null;
  const ref = parseIssueUrl(tab.url, { basePath: basePathFromBase(instanceId) });
  if (!ref) return null;
  const item = { instanceId, projectPath: ref.fullPath, kind: itemKindOf(ref), iid: ref.iid };
  // "Fix login redirect loop (#1) · Issues · acme / web · GitLab", "Fix: login works again! (!7) · Merge requests · …":
  // cut at this item's own reference, since a title may hold "!" or "(#3)" itself.
  const sigil = itemReference(item).slice(ref.fullPath.length);
  const [title, rest] = tab.title?.split(` (${sigil}) · `) ?? [];
  return { ...item, ...(title?.trim() && rest !== undefined && !ref.drawer ? { title: title.trim() } : {}) };
}

function said(result: { ok: boolean; error?: string; state?: { notice: string | null } }, fallback: string): CommandOutcome {
  return result.ok ? { ok: true, message: result.state?.notice ?? fallback } : { ok: false, message: result.error ?? fallback };
}

export async function handleCommand(deps: BackgroundDeps, command: string, tab?: { url?: string; title?: string }): Promise<CommandOutcome | null> {
  if (command === 'toggle-timer') {
    const [item, current] = await Promise.all([itemInTab(tab), timerItem.getValue()]);
    if (item) {
      if (current && sameItem(current.item, item)) return said(await timer.stop(deps, null), t('timerStopped'));
      // A connection GitLab takes no changes through would only collect time that cannot land.
      const readOnly = (await findInstance(item.instanceId))?.readOnlyReason;
      if (readOnly) return { ok: false, message: readOnly };
      return said(await timer.start(deps, item, null), t('timerStarted'));
    }
    if (current) return said(await timer.stop(deps, null), t('timerStopped'));
    return { ok: false, message: t('commandNoItem') };
  }
  if (command === 'open-timesheet') {
    await openTimesheet(deps);
    return null;
  }
  if (command === 'pause-timer') {
    const current = await timerItem.getValue();
    if (!current) return { ok: false, message: t('commandNoTimer') };
    return current.runningSince === null ? said(await timer.resume(deps, null), t('timerResumed')) : said(await timer.pause(deps, null), t('timerPaused'));
  }
  return null;
}

/** The Timesheet page, in a new tab. */
export async function openTimesheet(deps: BackgroundDeps): Promise<void> {
  await deps.browser.tabs.create({ url: deps.browser.runtime.getURL('/timesheet.html') });
}

async function notify(deps: BackgroundDeps, outcome: CommandOutcome): Promise<void> {
  await deps.browser.notifications
    ?.create(COMMAND_NOTIFICATION, {
      type: 'basic',
      iconUrl: deps.browser.runtime.getURL('/icon/128.png'),
      title: outcome.ok ? 'Timekeeper' : t('nothingDoneTitle'),
      message: outcome.message,
    })
    .catch(() => undefined);
}

export function registerCommands(deps: BackgroundDeps): (command: string, tab?: { url?: string; title?: string }) => Promise<CommandOutcome | null> {
  const run = async (command: string, tab?: { url?: string; title?: string }) => {
    const outcome = await handleCommand(deps, command, tab);
    if (outcome) await notify(deps, outcome);
    return outcome;
  };
  deps.browser.commands?.onCommand.addListener((command, tab) => void run(command, tab));
  return run;
}
