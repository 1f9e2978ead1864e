/**
 * The content scripts' light messenger must speak @webext-core/messaging's wire format exactly:
 * requests the library's background side accepts, answers and errors it sends back, and its
 * notifications. Checked against the library itself, over WXT's fake browser.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ToBackground, ToViews } from '../model/protocol';
import { onBackgroundNotice, sendToBackground } from './messenger';

beforeEach(() => fakeBrowser.reset());

describe('content messenger and @webext-core/messaging', () => {
  it('a request reaches the library\'s handler with its data, and the answer comes back', async () => {
    const background = defineExtensionMessaging<ToBackground>();
    background.onMessage('itemAt', ({ data }) => ({
      ok: true,
      connected: true,
      item: { projectPath: 'acme/web', kind: data.url.includes('/merge_requests/') ? 'merge_request' : 'issue', iid: Number(data.url.split('/').pop()), drawer: false },
    }));
    await expect(sendToBackground('itemAt', { url: 'https://gitlab.com/acme/web/-/merge_requests/7' })).resolves.toEqual({
      ok: true,
      connected: true,
      item: { projectPath: 'acme/web', kind: 'merge_request', iid: 7, drawer: false },
    });
    background.removeAllListeners();
  });

  it('a refusal is an answer, not a rejection', async () => {
    const background = defineExtensionMessaging<ToBackground>();
    background.onMessage('getState', () => ({ ok: false, error: 'Not connected.', code: 'not-connected' }));
    await expect(sendToBackground('getState', undefined)).resolves.toEqual({ ok: false, error: 'Not connected.', code: 'not-connected' });
    background.removeAllListeners();
  });

  it('a handler that throws rejects the request with its message', async () => {
    const background = defineExtensionMessaging<ToBackground>();
    background.onMessage('openConnectPage', () => {
      throw new Error('no tabs here');
    });
    await expect(sendToBackground('openConnectPage', undefined)).rejects.toThrow('no tabs here');
    background.removeAllListeners();
  });

  it('no answer rejects, as the library does', async () => {
    await expect(sendToBackground('openConnectPage', undefined)).rejects.toThrow();
    const background = defineExtensionMessaging<ToBackground>();
    // A listener of another type does not answer this one.
    background.onMessage('itemAt', () => ({ ok: true, connected: false, item: null }));
    await expect(sendToBackground('openConnectPage', undefined)).rejects.toThrow();
    background.removeAllListeners();
  });

  it('hears the library\'s notifications of its type only, and stops when asked', async () => {
    const views = defineExtensionMessaging<ToViews>();
    const heard = vi.fn();
    const stop = onBackgroundNotice('stateChanged', ({ data }) => heard(data));
    const state = { timer: null, outbox: [], notice: 'Logged 5m to acme/web#1.' };
    await views.sendMessage('stateChanged', state).catch(() => undefined);
    await fakeBrowser.runtime.sendMessage({ type: 'somethingElse', data: 1, timestamp: 1, id: 1 }).catch(() => undefined);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith(state);
    stop();
    await views.sendMessage('stateChanged', state).catch(() => undefined);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
