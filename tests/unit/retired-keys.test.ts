// @vitest-environment node
/**
 * Keys earlier versions kept and nothing reads any more leave storage when the extension is
 * installed or updated, and only then; the keys in use stay.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import { registerStorageCleanup } from '@/lib/background/lifecycle';
import { RETIRED_KEYS } from '@/lib/model/storage';

const deps = { browser: fakeBrowser as unknown as WxtBrowser, now: () => Date.now(), mono: () => performance.now(), fetch: (...a: Parameters<typeof fetch>) => fetch(...a) };
const issues = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`https://gitlab.com ${i}`, { title: `Issue ${i}`, time_stats: { total_time_spent: i } }]));

/** What a user of the version before the JSON caches has, plus today's keys. */
const LEFT_BEHIND = {
  assignedCache: { 'https://gitlab.com': { issues, fetchedAt: 1 } },
  assignedCache$: { v: 1 },
  todosCache: { 'https://gitlab.com': { todos: [], fetchedAt: 1 } },
  todosCache$: { v: 1 },
  popupFirstScreen: { view: { mode: 'updated' }, entries: [], total: 0, showHost: false, todos: [], todoCount: 0, fetchedAt: 1 },
};
const IN_USE = {
  assignedCacheJson: JSON.stringify({ 'https://gitlab.com': { issues: [], fetchedAt: 2 } }),
  todosCacheJson: '{}',
  popupView: { mode: 'grouped' },
  outbox: [],
  settings: { rounding: 5 },
};

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ ...LEFT_BEHIND, ...IN_USE });
  registerStorageCleanup(deps);
});

const stored = () => fakeBrowser.storage.local.get(null);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('retired storage keys', () => {
  it('names the popup caches that became JSON text, and the first screen that moved to localStorage', () => {
    expect(RETIRED_KEYS).toEqual(['local:assignedCache', 'local:todosCache', 'local:popupFirstScreen']);
  });

  it.each(['update', 'install'] as const)('on %s: gone with their metadata, the keys in use kept', async (reason) => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason, previousVersion: '0.0.9', temporary: false });
    await settle();
    const after = await stored();
    for (const key of Object.keys(LEFT_BEHIND)) expect(after, key).not.toHaveProperty(key);
    expect(after).toMatchObject(IN_USE);
  });

  it('a browser update leaves storage alone', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update', temporary: false });
    await settle();
    expect(await stored()).toMatchObject(LEFT_BEHIND);
  });
});
