/**
 * The content scripts' side of lib/messaging.ts, for the two calls they make: send a request to
 * the background, and hear its notifications. It speaks @webext-core/messaging's wire format
 * (`{ id, type, data, timestamp }` out, `{ res }` or `{ err }` back), which messenger.test.ts
 * checks against the library itself, without the library's own weight (its generic core and
 * error serialisation, about 1 KB gzipped on every GitLab page). Protocol types stay in
 * lib/messaging.ts, so a message changed there is a type error here.
 */
import { browser } from 'wxt/browser';
import type { backgroundMessenger, viewsMessenger } from '../model/protocol';

type Send = (typeof backgroundMessenger)['sendMessage'];
type Listen = (typeof viewsMessenger)['onMessage'];

interface WireMessage {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

let nextId = Math.floor(Math.random() * 10_000);

/** Sends one request to the background and resolves with its answer, or rejects like the library would. */
export const sendToBackground = (async (type: string, data?: unknown) => {
  const message: WireMessage = { id: nextId++, type, data, timestamp: Date.now() };
  const answer = (await browser.runtime.sendMessage(message)) as { res?: unknown; err?: { message?: string } } | undefined;
  if (!answer) throw new Error('No response');
  if (answer.err) throw new Error(answer.err.message ?? 'The background failed to answer.');
  return answer.res;
}) as Send;

/** Calls `onReceived` for each notification of `type` from the background; returns the way to stop. */
export const onBackgroundNotice = ((type: string, onReceived: (message: WireMessage) => void) => {
  const listener = (message: unknown) => {
    const wire = message as Partial<WireMessage> | null;
    if (wire && wire.type === type && typeof wire.timestamp === 'number') onReceived(wire as WireMessage);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}) as Listen;

export const contentMessenger = { sendMessage: sendToBackground };
export const contentViews = { onMessage: onBackgroundNotice };
