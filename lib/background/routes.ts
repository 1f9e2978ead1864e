/**
 * The background's front door: one handler per message of lib/model/protocol.ts (a message
 * without a handler, or a handler for no message, does not compile). `route` checks each
 * message's sender and payload against the protocol before its handler runs; the handlers only
 * say which service does the work.
 */
import type { Runtime } from 'webextension-polyfill';
import {
  backgroundMessenger,
  protocol,
  type InputOf,
  type MessageName,
  type ReplyOf,
  type SenderKind,
  type SendersOf,
} from '../model/protocol';
import { instancesItem, settingsItem } from '../model/storage';
import { beginSignIn, connect, disconnect, finishSignIn, restoreAccess } from './connections';
import type { BackgroundDeps } from './deps';
import { itemOfTab, itemView, listPage, listTimes, openConnectPage, openItemWidget, openWidgetForms, writeTimeStats, writeToItem } from './item-actions';
import { assignedIssues, markTodoDone, myMergeRequests, todos } from './lists';
import { discardLog, retryLog, sendPendingNow } from './outbox';
import { parsePayload, REFUSED, senderOf, targetItem, timerBelongsTo, viewerOf, type Sender } from './senders';
import * as timer from './timer';
import { deleteTimelog, timesheetWeek } from './timesheet';
import { viewState } from './views';
import { t } from '../model/i18n';

type From<K extends MessageName> = Extract<Sender, { kind: SendersOf<K> }>;
export type Handlers = { [K in MessageName]: (input: InputOf<K>, from: From<K>) => Promise<ReplyOf<K>> };

const refused = (error: string) => ({ ok: false as const, error, code: 'refused' as const });
const gone = refused(t('logNoLongerWaiting'));

export function handlers(deps: BackgroundDeps) {
  /** A timer action, for a sender the running timer belongs to. */
  const onTimer =
    <R,>(action: (viewer: string | null) => Promise<R>) =>
    async (_input: unknown, from: Sender) =>
      (await timerBelongsTo(from)) ? action(viewerOf(from)) : refused(REFUSED);

  return {
    openItemWidget: ({ url }, tab) => openItemWidget(deps, tab, url),
    openWidgetForms: (_input, tab) => openWidgetForms(deps, tab),
    listPage: async ({ url }, tab) => listPage(tab, url),
    listTimes: ({ items }, tab) => listTimes(deps, tab, items),
    itemAt: async ({ url }, tab) => ({ ok: true, connected: tab.kind === 'content', item: itemOfTab(tab, url) }),
    openConnectPage: (_input, tab) => openConnectPage(deps, tab),
    itemView: (page, tab) => itemView(deps, tab, page),

    setEstimate: ({ target, seconds }, from) => writeTimeStats(deps, target, from, (client, item) => client.setTimeEstimate(item, seconds)),
    resetEstimate: ({ target }, from) => writeTimeStats(deps, target, from, (client, item) => client.resetTimeEstimate(item)),
    resetSpentTime: ({ target }, from) => writeTimeStats(deps, target, from, (client, item) => client.resetSpentTime(item)),
    addTodo: ({ target }, from) => writeToItem(deps, target, from, false, (client, item) => client.addTodo(item)),
    logTime: async ({ target, seconds, summary, spentAt, instead }, from) => {
      const resolved = await targetItem(target, from);
      if (!resolved.ok) return resolved;
      // Work is never done in the future; a date picked as "today" in another time zone is now.
      const when = spentAt === undefined ? {} : { spentAt: Math.min(spentAt, deps.now()) };
      return timer.logTime(deps, resolved.item, { seconds, ...(summary ? { summary } : {}), ...when, ...(instead ? { instead } : {}) }, viewerOf(from));
    },

    getState: async (_input, from) => ({ ok: true, state: await viewState(viewerOf(from)) }),
    startTimer: async ({ target }, from) => {
      const resolved = await targetItem(target, from);
      return resolved.ok ? timer.start(deps, resolved.item, viewerOf(from)) : resolved;
    },
    pauseTimer: onTimer((viewer) => timer.pause(deps, viewer)),
    resumeTimer: onTimer((viewer) => timer.resume(deps, viewer)),
    stopTimer: onTimer((viewer) => timer.stop(deps, viewer)),
    discardTimer: onTimer((viewer) => timer.discard(viewer)),
    keepIdle: onTimer((viewer) => timer.resolveIdle(true, viewer)),
    discardIdle: onTimer((viewer) => timer.resolveIdle(false, viewer)),

    retryLog: async ({ id }) => ((await retryLog(deps, id)) ? { ok: true, state: await viewState(null) } : gone),
    discardLog: async ({ id }) => ((await discardLog(id)) ? { ok: true, state: await viewState(null) } : gone),
    sendPendingNow: async () => {
      timer.noticeForDelivered(await sendPendingNow(deps));
      return { ok: true, state: await viewState(null) };
    },

    getSettings: async () => ({ ok: true, settings: await settingsItem.getValue() }),
    saveSettings: async (settings) => {
      await settingsItem.setValue(settings);
      return { ok: true, settings };
    },
    listInstances: async () => ({ ok: true, instances: await instancesItem.getValue() }),
    connectInstance: (input) => connect(deps, input),
    disconnectInstance: ({ baseUrl }) => disconnect(deps, baseUrl),
    beginSignIn: (input) => beginSignIn(deps, input),
    finishSignIn: (input) => finishSignIn(deps, input),
    restoreAccess: ({ baseUrl }) => restoreAccess(deps, baseUrl),

    assignedIssues: async ({ refresh }) => ({ ok: true, lists: await assignedIssues(deps, refresh) }),
    todos: async ({ refresh }) => ({ ok: true, lists: await todos(deps, refresh) }),
    myMergeRequests: async ({ refresh }) => ({ ok: true, lists: await myMergeRequests(deps, refresh) }),
    markTodoDone: ({ instanceId, id }) => markTodoDone(deps, instanceId, id),

    timesheetWeek: async (range) => ({ ok: true, ...(await timesheetWeek(deps, range)) }),
    deleteTimelog: ({ instanceId, id }) => deleteTimelog(deps, instanceId, id),
    replaceTimelog: async ({ id, item, seconds, summary, spentAt }, from) => {
      const resolved = await targetItem({ item }, from);
      if (!resolved.ok) return resolved;
      return timer.logTime(deps, resolved.item, { seconds, ...(summary ? { summary } : {}), spentAt: Math.min(spentAt, deps.now()), replaces: id }, viewerOf(from));
    },
  } satisfies Handlers;
}

/** Checks a message's sender and payload against the protocol, then runs its handler. */
export async function route<K extends MessageName>(deps: BackgroundDeps, table: Handlers, name: K, data: unknown, sender: Runtime.MessageSender): Promise<ReplyOf<K>> {
  const spec = protocol[name];
  const from = await senderOf(deps, sender);
  if (!from || !(spec.from as readonly SenderKind[]).includes(from.kind)) return refused(REFUSED);
  const parsed = parsePayload(spec.input, data);
  if (!parsed.ok) return refused(parsed.error);
  const handler = table[name] as (input: InputOf<K>, from: Sender) => Promise<ReplyOf<K>>;
  return handler(parsed.value as InputOf<K>, from);
}

export function registerRoutes(deps: BackgroundDeps): void {
  const table: Handlers = handlers(deps);
  for (const name of Object.keys(protocol) as MessageName[]) {
    backgroundMessenger.onMessage(name, ({ data, sender }) => route(deps, table, name, data, sender));
  }
}
