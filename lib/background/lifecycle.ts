/**
 * What the background does whenever its worker starts, apart from answering messages: alarms,
 * content scripts, pending logs, idle time, shortcuts, and telling views of every change.
 */
import { instancesItem, outboxItem, removeRetiredKeys, timerItem } from '../model/storage';
import { BADGE_ALARM, updateBadge } from './badge';
import { registerCommands } from './commands';
import { accessAdded, accessRemoved, keepStorageFromPages } from './connections';
import { syncContentScripts } from './content-scripts';
import type { BackgroundDeps } from './deps';
import { askWithNotification, registerIdle } from './idle';
import { watchLoggedTime } from './lists';
import { flushOutbox, OUTBOX_ALARM } from './outbox';
import { noticeForDelivered, watchClock } from './timer';
import { onNoticeChanged, publishState } from './views';
import { t } from '@/lib/model/i18n';

async function lookAtClock(deps: BackgroundDeps): Promise<void> {
  if (await watchClock(deps)) await askWithNotification(deps, t('timerRanUnseen'));
}

async function flushAndTell(deps: BackgroundDeps): Promise<void> {
  noticeForDelivered(await flushOutbox(deps));
}

/** What earlier versions left in storage goes once, when the extension is installed or updated (not at every worker start). */
export function registerStorageCleanup(deps: BackgroundDeps): void {
  deps.browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void removeRetiredKeys();
  });
}

export function registerLifecycle(deps: BackgroundDeps): void {
  deps.browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void flushAndTell(deps);
    if (alarm.name === BADGE_ALARM) void lookAtClock(deps).then(() => updateBadge(deps));
  });
  // A worker starting after a sleep, a closed browser or a moved clock sees the running timer at once.
  void lookAtClock(deps);
  registerIdle(deps);
  const runCommand = registerCommands(deps);
  if (import.meta.env.TK_TEST_BUILD) {
    // Test builds only: the path a shortcut takes, for automation that cannot press
    // browser-level keys. The store build has no such door (a built-extension check proves it).
    Object.assign(globalThis, { timekeeperCommand: runCommand });
  }
  watchLoggedTime();
  void updateBadge(deps);
  const resync = async () => {
    const instances = await instancesItem.getValue();
    await syncContentScripts(deps.browser, instances.map((i) => i.baseUrl)).catch(() => []);
  };
  deps.browser.runtime.onStartup.addListener(() => void resync());
  deps.browser.runtime.onInstalled.addListener(() => void resync());
  registerStorageCleanup(deps);
  // Access removed in the browser disconnects the GitLabs it covered; access given back reconnects them.
  deps.browser.permissions.onAdded?.addListener((added) => void accessAdded(deps, added));
  deps.browser.permissions.onRemoved?.addListener((removed) => void accessRemoved(deps, removed));
  void keepStorageFromPages(deps);
  // Logs left pending by a worker that was stopped mid-flight.
  void outboxItem.getValue().then((logs) => {
    if (logs.some((l) => l.status === 'pending')) void flushAndTell(deps);
  });
  // Views follow storage: whatever changed the timer or the outbox, each view hears what it may see.
  let queued = false;
  const announce = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void publishState(deps);
      void updateBadge(deps);
    });
  };
  timerItem.watch(announce);
  outboxItem.watch(announce);
  onNoticeChanged(announce);
}
