/**
 * What WXT's fake browser lacks for the background's services: host permission (as if the user
 * granted it at Connect) and the scripting API. Call after `fakeBrowser.reset()`.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export function stubBackgroundApis(): void {
  Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => true) });
  Object.assign(fakeBrowser.scripting, {
    registerContentScripts: vi.fn(async () => undefined),
    unregisterContentScripts: vi.fn(async () => undefined),
    getRegisteredContentScripts: vi.fn(async () => []),
    executeScript: vi.fn(async () => []),
  });
}
