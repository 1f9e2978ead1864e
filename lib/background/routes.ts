/**
 * The background's front door: every message is classified by sender, validated, and only then
 * handed to a service. Every state change is pushed to all widgets and popups.
 */
import { backgroundMessenger, viewsMessenger, type Result, type UiState } from '../model/protocol';
import { DEFAULT_SETTINGS, instancesItem, outboxItem, removeRetiredKeys, settingsItem, timerItem, type Settings } from '../model/storage';
import type { BackgroundDeps } from './token-client';
import { syncContentScripts } from './content-scripts';
import { fail, FROM_ANYWHERE, FROM_PAGES, guarded, issueFromTarget, REFUSED, timerBelongsTo } from './guarded';
import {
  ConnectSchema,
  DisconnectSchema,
  BeginSignInSchema,
  FinishSignInSchema,
  NoPayloadSchema,
  StartTimerSchema,
  LogTimeSchema,
  LogIdSchema,
  SettingsSchema,
} from './senders';
import { accessAdded, accessRemoved, beginSignIn, connect, disconnect, finishSignIn, keepStorageFromPages, restoreAccess } from './connections';
import { registerPopupHandlers } from './handlers/popup';
import { registerIssueHandlers } from './item-actions';
import { discardLog, flushOutbox, OUTBOX_ALARM, retryLog, sendPendingNow } from './outbox';
import { BADGE_ALARM, updateBadge } from './badge';
import { registerIdle } from './idle';
import { registerCommands } from './commands';
import { parseGitLabDuration } from '../gitlab/duration';
import * as timer from './timer';

export async function broadcastState(deps: BackgroundDeps): Promise<void> {
  const state = await timer.readState();
  // Popup and options pages listen on the runtime; widgets listen in their tabs.
  viewsMessenger.sendMessage('stateChanged', state).catch(() => undefined);
  const tabs = await deps.browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.filter((t) => typeof t.id === 'number').map((t) => viewsMessenger.sendMessage('stateChanged', state, t.id!).catch(() => undefined)),
  );
}

export function registerRouter(deps: BackgroundDeps): void {
  const both = FROM_ANYWHERE;
  const pagesOnly = FROM_PAGES;

  registerIssueHandlers(deps);

  backgroundMessenger.onMessage(
    'getState',
    guarded(deps, both, NoPayloadSchema, (): UiState => ({ timer: null, outbox: [], notice: null }), async (_input, from) => {
      const state = await timer.readState();
      if (from.kind === 'content-script') {
        // A page sees the timer only when it runs on its own GitLab, and only its own GitLab's logs.
        const timerHere = state.timer && state.timer.issue.instanceId === from.instanceId ? state.timer : null;
        return { ...state, timer: timerHere, outbox: state.outbox.filter((l) => l.instanceId === from.instanceId) };
      }
      return state;
    }),
  );

  backgroundMessenger.onMessage(
    'startTimer',
    guarded(deps, both, StartTimerSchema, fail, async (target, from) => {
      const resolved = await issueFromTarget(target, from);
      return resolved.ok ? timer.start(deps, resolved.issue) : resolved;
    }),
  );

  backgroundMessenger.onMessage(
    'logTime',
    guarded(deps, both, LogTimeSchema, fail, async (input, from) => {
      const resolved = await issueFromTarget(input.target, from);
      if (!resolved.ok) return resolved;
      const duration = parseGitLabDuration(input.duration, { allowNegative: true });
      if (!duration.ok) return { ok: false, error: duration.error, code: 'bad-input' };
      const seconds = duration.negative ? -duration.seconds : duration.seconds;
      // Work is never done in the future; a date picked as "today" in another time zone is now.
      const spentAt = input.spentAt === undefined ? undefined : Math.min(input.spentAt, deps.now());
      return timer.logTime(deps, resolved.issue, { seconds, summary: input.summary || undefined, spentAt });
    }),
  );
  backgroundMessenger.onMessage(
    'retryLog',
    guarded(deps, pagesOnly, LogIdSchema, fail, async ({ id }) =>
      (await retryLog(deps, id)) ? { ok: true, state: await timer.readState() } : fail('That time log is no longer waiting.'),
    ),
  );
  backgroundMessenger.onMessage(
    'sendPendingNow',
    guarded(deps, pagesOnly, NoPayloadSchema, fail, async (): Promise<Result<{ state: UiState }>> => {
      timer.noticeForDelivered((await sendPendingNow(deps)).delivered);
      return { ok: true, state: await timer.readState() };
    }),
  );
  backgroundMessenger.onMessage(
    'discardLog',
    guarded(deps, pagesOnly, LogIdSchema, fail, async ({ id }) =>
      (await discardLog(id)) ? { ok: true, state: await timer.readState() } : fail('That time log is no longer waiting.'),
    ),
  );

  const timerAction = (action: () => Promise<Result<{ state: UiState }>>) =>
    guarded(deps, both, NoPayloadSchema, fail, async (_input, from) => {
      if (!(await timerBelongsTo(from))) return fail(REFUSED);
      return action();
    });
  backgroundMessenger.onMessage('pauseTimer', timerAction(() => timer.pause(deps)));
  backgroundMessenger.onMessage('resumeTimer', timerAction(() => timer.resume(deps)));
  backgroundMessenger.onMessage('discardTimer', timerAction(() => timer.discard()));
  backgroundMessenger.onMessage('keepIdle', timerAction(() => timer.resolveIdle(true)));
  backgroundMessenger.onMessage('discardIdle', timerAction(() => timer.resolveIdle(false)));
  backgroundMessenger.onMessage(
    'getSettings',
    guarded(deps, pagesOnly, NoPayloadSchema, () => DEFAULT_SETTINGS, async () => settingsItem.getValue()),
  );
  backgroundMessenger.onMessage(
    'saveSettings',
    guarded(deps, pagesOnly, SettingsSchema, fail, async (settings): Promise<Result<{ settings: Settings }>> => {
      await settingsItem.setValue(settings);
      return { ok: true, settings };
    }),
  );
  backgroundMessenger.onMessage(
    'stopTimer',
    guarded(deps, both, NoPayloadSchema, fail, async (_input, from) => {
      if (!(await timerBelongsTo(from))) return fail(REFUSED);
      return timer.stop(deps);
    }),
  );

  backgroundMessenger.onMessage(
    'listInstances',
    guarded(deps, pagesOnly, NoPayloadSchema, () => [], async () => instancesItem.getValue()),
  );
  backgroundMessenger.onMessage(
    'connectInstance',
    guarded(deps, pagesOnly, ConnectSchema, fail, async (input) => connect(deps, input)),
  );
  backgroundMessenger.onMessage(
    'disconnectInstance',
    guarded(deps, pagesOnly, DisconnectSchema, fail, async (input) => disconnect(deps, input.baseUrl)),
  );
  backgroundMessenger.onMessage('beginSignIn', guarded(deps, pagesOnly, BeginSignInSchema, fail, async (input) => beginSignIn(deps, input)));
  backgroundMessenger.onMessage('finishSignIn', guarded(deps, pagesOnly, FinishSignInSchema, fail, async (input) => finishSignIn(deps, input)));
  backgroundMessenger.onMessage('restoreAccess', guarded(deps, pagesOnly, DisconnectSchema, fail, async (input) => restoreAccess(deps, input.baseUrl)));
  registerPopupHandlers(deps);
}

async function flushAndTell(deps: BackgroundDeps): Promise<void> {
  const report = await flushOutbox(deps);
  if (!report.delivered.length) return;
  timer.noticeForDelivered(report.delivered);
  await broadcastState(deps);
}

/** What earlier versions left in storage goes once, when the extension is installed or updated (not at every worker start). */
export function registerStorageCleanup(deps: BackgroundDeps): void {
  deps.browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void removeRetiredKeys();
  });
}

/** Work the background does whenever its worker starts: alarms, scripts, pending logs. */
export function registerLifecycle(deps: BackgroundDeps): void {
  deps.browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void flushAndTell(deps);
    if (alarm.name === BADGE_ALARM) void updateBadge(deps);
  });
  registerIdle(deps);
  const runCommand = registerCommands(deps);
  // The same path a shortcut takes, for automation that cannot press browser-level keys
  // (end-to-end tests); reachable only from inside this extension's own background.
  Object.assign(globalThis, { timekeeperCommand: runCommand });
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
  // Views follow storage: whatever changed the timer or the outbox, every widget and popup hears it.
  let queued = false;
  const announce = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void broadcastState(deps);
      void updateBadge(deps);
    });
  };
  timerItem.watch(announce);
  outboxItem.watch(announce);
  timer.onNoticeChanged(announce);
}
