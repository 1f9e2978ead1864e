/**
 * The wrapper every message handler goes through: classify the sender, check it may call this
 * handler, validate the payload, and only then act. Handlers never see an unchecked message.
 */
import type * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import type { Result } from '../model/protocol';
import { instancesItem, timerItem } from '../model/storage';
import type { IssueKey } from '../model/timer';
import type { PageIssue } from '../model/protocol';
import { findInstance } from './token-client';
import type { BackgroundDeps } from './token-client';
import { classifySender, parsePayload, type SenderKind } from './senders';

export const REFUSED = 'This request was refused: it did not come from Timekeeper on a connected GitLab page.';

export const FROM_ANYWHERE: Array<SenderKind['kind']> = ['extension-page', 'content-script'];
export const FROM_PAGES: Array<SenderKind['kind']> = ['extension-page'];

export async function senderOf(deps: BackgroundDeps, sender: Runtime.MessageSender): Promise<SenderKind | null> {
  const instances = await instancesItem.getValue();
  return classifySender(sender, {
    extensionId: deps.browser.runtime.id,
    extensionBaseUrl: deps.browser.runtime.getURL('/'),
    // A GitLab whose page access was removed is disconnected: its pages speak for nobody.
    connectedBaseUrls: instances.filter((i) => i.problem?.kind !== 'disconnected').map((i) => i.baseUrl),
  });
}

export type Handler<S extends v.GenericSchema, R> = (input: v.InferOutput<S>, from: SenderKind) => Promise<R>;

/**
 * Wraps a handler with the sender and payload checks. `allow` says which senders may call it;
 * `refusal` is what a refused or malformed call answers.
 */
export function guarded<S extends v.GenericSchema, R>(
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

export function fail(error: string): Result<never> {
  return { ok: false, error, code: 'refused' };
}

/** A content script may only touch the timer when it belongs to the GitLab its tab is on. */
export async function timerBelongsTo(from: SenderKind): Promise<boolean> {
  if (from.kind !== 'content-script') return true;
  const current = await timerItem.getValue();
  return !current || current.issue.instanceId === from.instanceId;
}

/**
 * The issue a message acts on. A content script names an issue by page and the instance comes
 * from its tab (it can act only on its own GitLab); an extension page names the instance itself,
 * which must be connected. Every caller changes the issue in GitLab (or starts a timer that
 * will), so a read-only connection is refused here, with its reason, before anything is queued.
 */
export async function issueFromTarget(
  target: { page: PageIssue } | { issue: IssueKey },
  from: SenderKind,
): Promise<{ ok: true; issue: IssueKey } | { ok: false; error: string; code: 'refused' | 'not-connected' | 'forbidden' }> {
  let issue: IssueKey;
  if ('page' in target) {
    if (from.kind !== 'content-script') return { ok: false, error: REFUSED, code: 'refused' };
    issue = { instanceId: from.instanceId, projectPath: target.page.projectPath, iid: target.page.iid, title: target.page.title };
  } else {
    if (from.kind !== 'extension-page') return { ok: false, error: REFUSED, code: 'refused' };
    issue = target.issue;
  }
  const instance = await findInstance(issue.instanceId);
  if (!instance || instance.problem?.kind === 'disconnected') return { ok: false, error: 'That GitLab is not connected.', code: 'not-connected' };
  if (instance.readOnlyReason) return { ok: false, error: instance.readOnlyReason, code: 'forbidden' };
  return { ok: true, issue };
}
