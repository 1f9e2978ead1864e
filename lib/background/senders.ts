/**
 * Who is asking. Every message is checked before anything happens: its sender (one of our
 * extension pages, our content script in a tab on a connected GitLab, or our script on
 * gitlab.com before it is connected) against what lib/model/protocol.ts allows for it, and its
 * payload against the message's schema. Anything else is refused, and a refusal never reveals a
 * token. The item a message acts on is taken from the sender where it can be: a page acts only
 * on its own GitLab.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { instanceBaseFromUrl } from '../gitlab/page';
import type { ItemInfo } from '../model/item';
import type { ErrorCode, SenderKind, Target } from '../model/protocol';
import { instancesItem, timerItem } from '../model/storage';
import { GITLAB_COM } from './content-scripts';
import type { BackgroundDeps } from './deps';
import { findInstance } from './token-client';
import { t } from '../model/i18n';

export type Sender =
  | { kind: 'page'; url: string }
  | { kind: 'content'; instanceId: string; tabId: number; frameId: number; url: string }
  | { kind: 'unconnected'; tabId: number; frameId: number; url: string };

export interface SenderEnv {
  extensionId: string;
  /** The extension's own origin with trailing slash, e.g. `chrome-extension://abc/`. */
  extensionBaseUrl: string;
  connectedBaseUrls: string[];
}

export const REFUSED = t('requestRefused');

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Classifies a sender, or returns null when it is nobody we talk to. */
export function classifySender(sender: Runtime.MessageSender, env: SenderEnv): Sender | null {
  if (sender.id !== env.extensionId) return null;
  const url = sender.url ?? sender.tab?.url;
  if (!url) return null;
  if (url.startsWith(env.extensionBaseUrl)) return { kind: 'page', url };
  // Anything else must be our script, in a tab, on a GitLab the user connected...
  if (!sender.tab || typeof sender.tab.id !== 'number') return null;
  const frameId = sender.frameId ?? 0;
  const instanceId = instanceBaseFromUrl(url, env.connectedBaseUrls);
  if (instanceId) return { kind: 'content', instanceId, tabId: sender.tab.id, frameId, url };
  // ...or on gitlab.com, where the manifest injects it before it is connected.
  if (originOf(url) === GITLAB_COM) return { kind: 'unconnected', tabId: sender.tab.id, frameId, url };
  return null;
}

export async function senderOf(deps: BackgroundDeps, sender: Runtime.MessageSender): Promise<Sender | null> {
  const instances = await instancesItem.getValue();
  return classifySender(sender, {
    extensionId: deps.browser.runtime.id,
    extensionBaseUrl: deps.browser.runtime.getURL('/'),
    // A GitLab whose page access was removed is disconnected: its pages speak for nobody.
    connectedBaseUrls: instances.filter((i) => i.problem?.kind !== 'disconnected').map((i) => i.baseUrl),
  });
}

/** A message's payload checked against its schema; the first problem in words where the schema has them. */
export function parsePayload<S extends v.GenericSchema>(schema: S, data: unknown): { ok: true; value: v.InferOutput<S> } | { ok: false; error: string } {
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  const first = result.issues[0];
  return { ok: false, error: first?.message && !first.message.startsWith('Invalid') ? first.message : t('requestMalformed') };
}

/** What a view may see: everything (null) for an extension page, its own GitLab's for a page on it. */
export function viewerOf(from: Sender): string | null {
  return from.kind === 'content' ? from.instanceId : null;
}

/** A content script may only touch the timer when it belongs to the GitLab its tab is on. */
export async function timerBelongsTo(from: Sender): Promise<boolean> {
  if (from.kind === 'page') return true;
  if (from.kind === 'unconnected') return false;
  const current = await timerItem.getValue();
  return !current || current.item.instanceId === from.instanceId;
}

/**
 * The item a message acts on. A content script names it by page and the GitLab comes from its
 * tab (it can act only on its own GitLab); an extension page names the GitLab itself, which must
 * be connected. Every caller changes the item in GitLab (or starts a timer that will), so a
 * read-only connection is refused here, with its reason, before anything is queued.
 */
export async function targetItem(target: Target, from: Sender): Promise<{ ok: true; item: ItemInfo } | { ok: false; error: string; code: ErrorCode }> {
  let item: ItemInfo;
  if ('page' in target) {
    if (from.kind !== 'content') return { ok: false, error: REFUSED, code: 'refused' };
    const { title, ...key } = target.page;
    item = { instanceId: from.instanceId, ...key, ...(title === undefined ? {} : { title }) };
  } else {
    if (from.kind !== 'page') return { ok: false, error: REFUSED, code: 'refused' };
    item = target.item;
  }
  const instance = await findInstance(item.instanceId);
  if (!instance || instance.problem?.kind === 'disconnected') return { ok: false, error: t('gitLabNotConnected'), code: 'not-connected' };
  if (instance.readOnlyReason) return { ok: false, error: instance.readOnlyReason, code: 'forbidden' };
  return { ok: true, item };
}
