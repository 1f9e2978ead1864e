/**
 * The background's front door: every message is classified by sender, validated, and only then
 * handed to a service. Every state change is pushed to all widgets and popups.
 */
import type * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { backgroundMessenger, viewsMessenger, type Result, type UiState } from '../messaging';
import { instancesItem, outboxItem, timerItem } from '../storage';
import type { IssueKey } from '../timer/model';
import { clientFor, errorCode, errorMessage, findInstance, type BackgroundDeps } from './context';
import { syncContentScripts } from './content-scripts';
import {
  classifySender,
  ConnectSchema,
  DisconnectSchema,
  NoPayloadSchema,
  PageIssueSchema,
  parsePayload,
  RefreshSchema,
  StartTimerSchema,
  type SenderKind,
} from './guard';
import { assignedIssues, connect, disconnect } from './instances';
import { flushOutbox, OUTBOX_ALARM } from './outbox';
import * as timer from './timer-service';

const REFUSED = 'This request was refused: it did not come from Timekeeper on a connected GitLab page.';

export async function broadcastState(deps: BackgroundDeps): Promise<void> {
  const state = await timer.readState();
  // Popup and options pages listen on the runtime; widgets listen in their tabs.
  viewsMessenger.sendMessage('stateChanged', state).catch(() => undefined);
  const tabs = await deps.browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.filter((t) => typeof t.id === 'number').map((t) => viewsMessenger.sendMessage('stateChanged', state, t.id!).catch(() => undefined)),
  );
}

async function senderOf(deps: BackgroundDeps, sender: Runtime.MessageSender): Promise<SenderKind | null> {
  const instances = await instancesItem.getValue();
  return classifySender(sender, {
    extensionId: deps.browser.runtime.id,
    extensionBaseUrl: deps.browser.runtime.getURL('/'),
    connectedBaseUrls: instances.map((i) => i.baseUrl),
  });
}

type Handler<S extends v.GenericSchema, R> = (input: v.InferOutput<S>, from: SenderKind) => Promise<R>;

/**
 * Wraps a handler with the sender and payload checks. `allow` says which senders may call it;
 * `refusal` is what a refused or malformed call answers.
 */
function guarded<S extends v.GenericSchema, R>(
  deps: BackgroundDeps,
  allow: Array<SenderKind['kind']>,
  schema: S,
  refusal: (error: string) => R,
  handler: Handler<S, R>,
) {
  return async ({ data, sender }: { data: unknown; sender: Runtime.MessageSender }): Promise<R> => {
    const from = await senderOf(deps, sender);
    if (!from || !allow.includes(from.kind)) return refusal(REFUSED);
    const parsed = parsePayload(schema, data);
    if (!parsed.ok) return refusal(parsed.error);
    return handler(parsed.value, from);
  };
}

function fail(error: string): Result<never> {
  return { ok: false, error, code: 'refused' };
}

/** A content script may only touch the timer when it belongs to the GitLab its tab is on. */
async function timerBelongsTo(from: SenderKind): Promise<boolean> {
  if (from.kind !== 'content-script') return true;
  const current = await timerItem.getValue();
  return !current || current.issue.instanceId === from.instanceId;
}

export function registerRouter(deps: BackgroundDeps): void {
  const both: Array<SenderKind['kind']> = ['extension-page', 'content-script'];
  const pagesOnly: Array<SenderKind['kind']> = ['extension-page'];

  backgroundMessenger.onMessage(
    'getIssueView',
    guarded(deps, ['content-script'], PageIssueSchema, fail, async (issue, from) => {
      if (from.kind !== 'content-script') return fail(REFUSED);
      const instance = await findInstance(from.instanceId);
      const client = await clientFor(deps, from.instanceId);
      if (!instance || !client) return { ok: false, error: 'This GitLab is not connected.', code: 'not-connected' };
      try {
        const timeStats = await client.getTimeStats(issue.projectPath, issue.iid);
        return { ok: true, instance: { baseUrl: instance.baseUrl, username: instance.username }, timeStats };
      } catch (error) {
        return { ok: false, error: errorMessage(error), code: errorCode(error) };
      }
    }),
  );

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
      let issue: IssueKey;
      if ('page' in target) {
        if (from.kind !== 'content-script') return fail(REFUSED);
        issue = { instanceId: from.instanceId, projectPath: target.page.projectPath, iid: target.page.iid, title: target.page.title };
      } else {
        if (from.kind !== 'extension-page') return fail(REFUSED);
        if (!(await findInstance(target.issue.instanceId))) return { ok: false, error: 'That GitLab is not connected.', code: 'not-connected' };
        issue = target.issue;
      }
      return timer.start(deps, issue);
    }),
  );

  const timerAction = (action: () => Promise<Result<{ state: UiState }>>) =>
    guarded(deps, both, NoPayloadSchema, fail, async (_input, from) => {
      if (!(await timerBelongsTo(from))) return fail(REFUSED);
      return action();
    });
  backgroundMessenger.onMessage('pauseTimer', timerAction(() => timer.pause(deps)));
  backgroundMessenger.onMessage('resumeTimer', timerAction(() => timer.resume(deps)));
  backgroundMessenger.onMessage('discardTimer', timerAction(() => timer.discard()));
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
  backgroundMessenger.onMessage(
    'assignedIssues',
    guarded(deps, pagesOnly, RefreshSchema, () => [], async (input) => assignedIssues(deps, input.refresh)),
  );
}

/** Work the background does whenever its worker starts: alarms, scripts, pending logs. */
export function registerLifecycle(deps: BackgroundDeps): void {
  deps.browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void flushOutbox(deps);
  });
  const resync = async () => {
    const instances = await instancesItem.getValue();
    await syncContentScripts(deps.browser, instances.map((i) => i.baseUrl)).catch(() => []);
  };
  deps.browser.runtime.onStartup.addListener(() => void resync());
  deps.browser.runtime.onInstalled.addListener(() => void resync());
  deps.browser.permissions.onAdded?.addListener(() => void resync());
  deps.browser.permissions.onRemoved?.addListener(() => void resync());
  // Logs left pending by a worker that was stopped mid-flight.
  void outboxItem.getValue().then((logs) => {
    if (logs.some((l) => l.status === 'pending')) void flushOutbox(deps);
  });
  // Views follow storage: whatever changed the timer or the outbox, every widget and popup hears it.
  let queued = false;
  const announce = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      void broadcastState(deps);
    });
  };
  timerItem.watch(announce);
  outboxItem.watch(announce);
}
