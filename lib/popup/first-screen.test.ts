import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOptionsApi } from '../options/api';
import { firstScreenCopy } from './first-screen';
import { firstScreen, type FirstScreen } from './list-model';

const screen: FirstScreen = firstScreen([], [], { mode: 'due' });

function memoryArea(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('the first screen copy (localStorage)', () => {
  afterEach(() => localStorage.clear());

  it('gives back what was written, and nothing once cleared', () => {
    firstScreenCopy.write(screen);
    expect(firstScreenCopy.read()).toEqual(screen);
    firstScreenCopy.clear();
    expect(firstScreenCopy.read()).toBeNull();
  });

  it('anything but a first screen reads as none: broken JSON, another shape, an older layout', () => {
    for (const text of ['{not json', '"text"', '42', 'null', '[]', JSON.stringify({ ...screen, entries: 'x' }), JSON.stringify({ view: { mode: 'due' }, rows: [] })]) {
      const area = memoryArea();
      firstScreenCopy.write(screen, area);
      const [key] = [...area.items.keys()];
      area.items.set(key!, text);
      expect({ text, read: firstScreenCopy.read(area) }).toEqual({ text, read: null });
    }
  });

  it("keeps the GitLabs' notes through the round trip; a copy without notes, or a mangled one, has none", () => {
    const note = { baseUrl: 'https://gitlab.example.com', error: null, fetchedAt: 0, kept: 0, readOnly: 'x' };
    const area = memoryArea();
    const stored = (notes: unknown) => {
      firstScreenCopy.write({ ...screen, notes: notes as never }, area);
      return firstScreenCopy.read(area)?.notes;
    };
    expect(stored([note])).toEqual([note]);
    expect(stored(undefined)).toEqual([]);
    expect(stored('nonsense')).toEqual([]);
    expect(stored([null, note])).toEqual([note]);
  });

  it('keeps the merge requests through the round trip; a copy without them, or a mangled one, has none but keeps its issues', () => {
    const mr = {
      instanceId: 'https://gitlab.example.com', id: 7, iid: 3, projectPath: 'acme/web', reference: 'acme/web!3', title: 'Add rate limiting',
      webUrl: 'https://gitlab.example.com/acme/web/-/merge_requests/3', updatedAt: '2026-11-20T10:00:00Z', assigned: false, reviewing: true,
      timeEstimate: 0, totalTimeSpent: 0, humanTimeEstimate: null, humanTotalTimeSpent: null,
    };
    const instance = { baseUrl: 'https://gitlab.example.com', userId: 1, username: 'demo', name: 'Demo', avatarUrl: null, connectedAt: 0, gitlabVersion: null };
    const groups = [{ instance, mergeRequests: [mr], limit: null, error: null, fetchedAt: 5 }];
    const area = memoryArea();
    const stored = (mergeRequests: unknown, mergeRequestCount: unknown = 4) => {
      firstScreenCopy.write({ ...screen, mergeRequests: mergeRequests as never, mergeRequestCount: mergeRequestCount as never }, area);
      const read = firstScreenCopy.read(area);
      return read && { mergeRequests: read.mergeRequests, count: read.mergeRequestCount, view: read.view };
    };
    expect(stored(groups)).toEqual({ mergeRequests: groups, count: 4, view: { mode: 'due' } });
    for (const mangled of [undefined, 'nonsense', [null], [{ instance, mergeRequests: [{ ...mr, title: 5 }] }], [{ mergeRequests: [mr] }]]) {
      expect(stored(mangled)).toEqual({ mergeRequests: [], count: 0, view: { mode: 'due' } });
    }
    expect(stored(groups, 'four')).toEqual({ mergeRequests: [], count: 0, view: { mode: 'due' } });
  });

  it('a full or missing localStorage costs nothing but the copy', () => {
    const full = { ...memoryArea(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(() => firstScreenCopy.write(screen, full)).not.toThrow();
    expect(firstScreenCopy.read(full)).toBeNull();
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => undefined, removeItem: () => { throw new Error('denied'); } };
    expect(firstScreenCopy.read(broken)).toBeNull();
    expect(() => firstScreenCopy.clear(broken)).not.toThrow();
    expect(firstScreenCopy.read(undefined)).toBeNull();
  });

  it('disconnecting a GitLab from the options page drops the copy, which may show its issues', async () => {
    firstScreenCopy.write(screen);
    const sendMessage = vi.fn(async () => ({ ok: true }));
    await createOptionsApi({ sendMessage } as never).disconnect('https://gitlab.example.com');
    expect(sendMessage).toHaveBeenCalledWith('disconnectInstance', { baseUrl: 'https://gitlab.example.com' });
    expect(firstScreenCopy.read()).toBeNull();
  });
});
