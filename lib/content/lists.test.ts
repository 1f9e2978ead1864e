/**
 * Start timer on list rows and board cards (lists.ts), on the fixture pages of every era: one
 * control per row, named for its item, Stop timer with the elapsed time on the running item, and
 * GitLab's client-side changes followed through added nodes only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ViewState } from '../model/protocol';
import { LIST_HOST_TAG, startListControls, TIMES_DEBOUNCE_MS, TIMES_PER_VIEW, type ListControls } from './lists';

function load(file: string): void {
  const html = readFileSync(path.join(import.meta.dirname, '../../tests/fixtures/pages', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.innerHTML = parsed.body.innerHTML;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** Past the wait for more added rows before their numbers are asked. */
const settled = () => frame().then(() => new Promise((resolve) => setTimeout(resolve, TIMES_DEBOUNCE_MS + 100)));
const buttons = () => [...document.getElementsByTagName(LIST_HOST_TAG)].filter((host) => host.shadowRoot).map((host) => host.shadowRoot!.querySelector('button')!);
const click = (button: HTMLElement) => button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
const names = () => buttons().map((b) => b.getAttribute('aria-label'));

let controls: ListControls | null = null;
afterEach(() => {
  controls?.stop();
  controls = null;
  document.body.innerHTML = '';
});

function start(send: ReturnType<typeof vi.fn> = vi.fn(async (name: string) => (name === 'listTimes' ? { ok: true, times: [] } : { ok: true }))) {
  controls = startListControls(document, { basePath: '', send: send as never, now: () => 1_000_000 + 83_000, trusted: () => true });
  return send;
}

const running = (projectPath: string, kind: 'issue' | 'merge_request', iid: number): ViewState => ({
  timer: { id: 't1', item: { instanceId: 'https://gitlab.example.com', projectPath, kind, iid }, segments: [], runningSince: 1_000_000, startedAt: 1_000_000 },
  outbox: [],
  notice: null,
});

describe.each<[string, string[]]>([
  ['board-13.html', ['acme/web#1', 'acme/web#2']],
  ['board-16.html', ['acme/web#1', 'acme/web#2', 'acme/api#3']],
  ['board-17.html', ['acme/web#1', 'acme/web#2']],
  ['board-18.html', ['acme/web#1', 'acme/web#2']],
  ['issue-list-13.html', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-16.html', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-17.html', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-18.html', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-group-13.html', ['acme/web#1', 'acme/web#2', 'acme/api#3']],
  ['issue-list-group-17.html', ['acme/web#1', 'acme/web#2', 'acme/api#3']],
  ['mr-list-16.html', ['acme/web!7', 'acme/web!8', 'acme/web!5']],
  ['mr-list-17.html', ['acme/web!7', 'acme/web!8', 'acme/web!5']],
  ['mr-list-group-16.html', ['acme/web!7', 'acme/api!2', 'acme/web!8']],
  ['mr-list-group-17.html', ['acme/web!7', 'acme/api!2', 'acme/web!8']],
])('%s', (file, references) => {
  it('puts one Start timer control on each row, after its title', () => {
    load(file);
    start();
    expect(names()).toEqual(references.map((r) => `Start timer for ${r}`));
    for (const host of document.getElementsByTagName(LIST_HOST_TAG)) expect(host.previousElementSibling?.querySelector('a[href]')).not.toBeNull();
  });

  it('starts the timer on the row\'s item through the background, and shows Stop timer with the time there', async () => {
    load(file);
    const send = start(vi.fn(async () => ({ ok: true, state: running(references[1]!.split(/[#!]/)[0]!, references[1]!.includes('!') ? 'merge_request' : 'issue', Number(references[1]!.split(/[#!]/)[1])) })));
    click(buttons()[1]!);
    await frame();
    expect(send).toHaveBeenCalledWith('startTimer', { target: { page: expect.objectContaining({ projectPath: references[1]!.split(/[#!]/)[0], iid: Number(references[1]!.split(/[#!]/)[1]) }) } });
    expect(names()[1]).toBe(`Stop timer for ${references[1]}`);
    expect(buttons()[1]!.textContent).toContain('0:01:23');
    expect(names().filter((n) => n!.startsWith('Stop'))).toHaveLength(1);
    // Stop from the list: the stop message, nothing else.
    click(buttons()[1]!);
    await frame();
    expect(send).toHaveBeenLastCalledWith('stopTimer', undefined);
  });
});

describe('GitLab changing the page', () => {
  it('a card moved to another list keeps its one control', async () => {
    load('board-16.html');
    start();
    const [first, second] = document.querySelectorAll('[data-testid="board-list-cards-area"]');
    const card = first!.querySelector('.board-card')!;
    second!.append(card);
    await frame();
    expect(card.querySelectorAll(LIST_HOST_TAG)).toHaveLength(1);
    expect(names()).toHaveLength(3);
  });

  it('new rows get a control; a card GitLab renders again (a copy carrying ours) gets exactly one', async () => {
    load('board-17.html');
    controls = startListControls(document, { basePath: '', send: vi.fn() as never, trusted: () => true });
    const area = document.querySelector('[data-testid="board-list-cards-area"]')!;
    const copy = area.querySelector('.board-card')!.cloneNode(true) as Element;
    copy.querySelector(LIST_HOST_TAG)!.remove();
    copy.querySelector('.board-card-title a')!.setAttribute('href', '/acme/web/-/issues/9');
    area.append(copy);
    const again = area.querySelector('.board-card')!;
    again.replaceWith(again.cloneNode(true)); // the copy carries our element (and its clonable shadow root)
    await frame();
    expect(names()).toEqual(['Start timer for acme/web#1', 'Start timer for acme/web#2', 'Start timer for acme/web#9']);
    for (const card of document.querySelectorAll('.board-card')) expect(card.querySelectorAll(LIST_HOST_TAG)).toHaveLength(1);
    // Two at the start, the new card's, and the copy's (its copied element made a control again).
    expect(controls.added).toBe(4);
  });

  it('a copy of a card whose browser copied our element without its shadow root gets a working control there', async () => {
    load('board-17.html');
    const send = vi.fn(async (_name: string, _data?: unknown) => ({ ok: true }));
    controls = startListControls(document, { basePath: '', send: send as never, trusted: () => true });
    const card = document.querySelector('.board-card')!;
    const copy = card.cloneNode(true) as Element;
    copy.querySelector(LIST_HOST_TAG)!.replaceWith(document.createElement(LIST_HOST_TAG));
    card.replaceWith(copy);
    await frame();
    expect(copy.querySelectorAll(LIST_HOST_TAG)).toHaveLength(1);
    expect(names()).toEqual(['Start timer for acme/web#1', 'Start timer for acme/web#2']);
    click(buttons()[0]!);
    await frame();
    expect(send).toHaveBeenCalledWith('startTimer', { target: { page: expect.objectContaining({ projectPath: 'acme/web', iid: 1 }) } });
  });

  it('a row whose link changed to another item names the new item', async () => {
    load('issue-list-17.html');
    start();
    const link = document.querySelector('[data-testid="issuable-title-link"]')!;
    link.setAttribute('href', '/acme/web/-/issues/77');
    link.append(document.createElement('span'));
    await frame();
    expect(names()[0]).toBe('Start timer for acme/web#77');
  });

  it('rows whose links name no item get no control', () => {
    load('issue-list-17.html');
    for (const link of document.querySelectorAll('[data-testid="issuable-title-link"]')) link.setAttribute('href', '/acme/web/-/milestones/1');
    start();
    expect(names()).toEqual([]);
  });

  it('names in the page\'s markup are text: the control shows the reference from the link\'s path, the title travels as text', async () => {
    load('issue-list-17.html');
    const link = document.querySelector('[data-testid="issuable-title-link"]')!;
    const markup = '<img src=x onerror="window.hit=1"><b>Bold</b>';
    link.textContent = `  ${markup}${'x'.repeat(2000)}  `;
    link.removeAttribute('title');
    // A path segment that is markup is no project path: that row gets no control.
    document.querySelectorAll('[data-testid="issuable-title-link"]')[1]!.setAttribute('href', '/acme/%3Cimg%20src%3Dx%3E/-/issues/2');
    const send = vi.fn(async (_name: string, _data?: unknown) => ({ ok: true }));
    start(send as never);
    expect(names()).toEqual(['Start timer for acme/web#1', 'Start timer for acme/web#4']);
    for (const host of document.getElementsByTagName(LIST_HOST_TAG)) expect(host.shadowRoot!.querySelector('img, b, script')).toBeNull();
    click(buttons()[0]!);
    await frame();
    const title = (send.mock.calls.find(([name]) => name === 'startTimer')![1] as { target: { page: { title: string } } }).target.page.title;
    expect(title.startsWith(markup)).toBe(true);
    expect(title).toHaveLength(1024);
  });

  it('numbers from the background are written as text; items the page did not ask for are shown nowhere', async () => {
    load('board-17.html');
    start(vi.fn(async (name: string) =>
      name === 'listTimes'
        ? { ok: true, times: [{ projectPath: 'acme/web', kind: 'issue', iid: 1, timeEstimate: 3600, totalTimeSpent: 1800 }, { projectPath: 'other/project', kind: 'issue', iid: 2, timeEstimate: 60, totalTimeSpent: 60 }] }
        : { ok: true },
    ) as never);
    await frame();
    const badges = [...document.getElementsByTagName(LIST_HOST_TAG)].map((host) => host.shadowRoot!.querySelector('i')!);
    expect(badges.map((i) => i.textContent)).toEqual(['30m / 1h', '']);
    expect(badges.map((i) => i.children.length)).toEqual([0, 0]);
  });

  it('a click on the control does not reach the card (no drawer, no drag)', () => {
    load('board-18.html');
    start();
    const card = document.querySelector('.board-card')!;
    const heard = vi.fn();
    card.addEventListener('click', heard);
    card.addEventListener('mousedown', heard);
    buttons()[0]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
    click(buttons()[0]!);
    expect(heard).not.toHaveBeenCalled();
  });

  it('a click a page script made starts nothing', async () => {
    load('board-17.html');
    const send = vi.fn(async (_name: string) => ({ ok: true }));
    controls = startListControls(document, { basePath: '', send: send as never, trusted: (event) => event.isTrusted });
    click(buttons()[0]!);
    await frame();
    expect(send.mock.calls.map(([name]) => name)).not.toContain('startTimer');
  });

  it('shows spent against estimate from one request for the whole page, never one per row', async () => {
    load('board-16.html');
    const send = vi.fn(async (name: string) =>
      name === 'listTimes'
        ? { ok: true, times: [{ projectPath: 'acme/web', kind: 'issue', iid: 1, timeEstimate: 12600, totalTimeSpent: 5400 }, { projectPath: 'acme/api', kind: 'issue', iid: 3, timeEstimate: 0, totalTimeSpent: 1800 }] }
        : { ok: true },
    );
    start(send);
    await frame();
    await frame();
    expect(send.mock.calls.filter(([name]) => name === 'listTimes')).toEqual([
      ['listTimes', { items: [{ projectPath: 'acme/web', kind: 'issue', iid: 1 }, { projectPath: 'acme/web', kind: 'issue', iid: 2 }, { projectPath: 'acme/api', kind: 'issue', iid: 3 }] }],
    ]);
    const badges = [...document.getElementsByTagName(LIST_HOST_TAG)].map((host) => host.shadowRoot!.querySelector('i')!.textContent);
    expect(badges).toEqual(['1h 30m / 3h 30m', '', '30m']);
    // A card of an item asked for already (here rendered again) asks nothing more, and shows its numbers.
    const copy = document.querySelector('.board-card')!.cloneNode(true) as Element;
    document.querySelector('[data-testid="board-list-cards-area"]')!.append(copy);
    await settled();
    expect(send.mock.calls.filter(([name]) => name === 'listTimes')).toHaveLength(1);
    expect(copy.querySelector(LIST_HOST_TAG)!.shadowRoot!.querySelector('i')!.textContent).toBe('1h 30m / 3h 30m');
  });

  /** A board card of acme/web#iid, as GitLab adds them (a next page of a list, a board switched). */
  const newCard = (iid: number) => {
    const card = document.querySelector('.board-card')!.cloneNode(true) as Element;
    card.querySelector(LIST_HOST_TAG)?.remove();
    card.querySelector('.board-card-title a')!.setAttribute('href', `/acme/web/-/issues/${iid}`);
    return card;
  };
  /** Answers listTimes with numbers for every item asked (spent: iid minutes). */
  const timesForAll = () =>
    vi.fn(async (name: string, data?: { items: Array<{ projectPath: string; kind: string; iid: number }> }) =>
      name === 'listTimes' ? { ok: true, times: data!.items.map((item) => ({ ...item, timeEstimate: 0, totalTimeSpent: item.iid * 60 })) } : { ok: true },
    );
  const timesCalls = (send: ReturnType<typeof vi.fn>) => send.mock.calls.filter(([name]) => name === 'listTimes').map(([, data]) => (data as { items: Array<{ iid: number }> }).items.map((item) => item.iid));

  it('rows GitLab adds later get their numbers from one request per batch, never one per card, and known items are not asked again', async () => {
    load('board-17.html');
    const send = timesForAll();
    start(send);
    await frame();
    expect(timesCalls(send)).toEqual([[1, 2]]);
    // Cards arrive over several changes (each its own task), as a next page of results does.
    const area = document.querySelector('[data-testid="board-list-cards-area"]')!;
    for (const iid of [31, 32, 33, 34, 35]) {
      area.append(newCard(iid));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // A card of an item already asked for comes along: not asked again.
    area.append(newCard(2));
    await settled();
    expect(timesCalls(send)).toEqual([[1, 2], [31, 32, 33, 34, 35]]);
    const badges = [...area.querySelectorAll(LIST_HOST_TAG)].map((host) => host.shadowRoot!.querySelector('i')!.textContent);
    expect(badges).toEqual(['1m', '2m', '31m', '32m', '33m', '34m', '35m', '2m']);
    // The same cards rendered again, and a card moved to the other list: nothing asked.
    for (const card of [...area.querySelectorAll('.board-card')].slice(2, 5)) card.replaceWith(card.cloneNode(true));
    document.querySelectorAll('[data-testid="board-list-cards-area"]')[1]!.append(area.querySelector('.board-card')!);
    await settled();
    expect(timesCalls(send)).toHaveLength(2);
  });

  it('a page still loading asks once, when it is parsed, for every row it got meanwhile', async () => {
    load('board-17.html');
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const send = timesForAll();
    try {
      start(send);
      document.querySelector('[data-testid="board-list-cards-area"]')!.append(newCard(51));
      await settled();
      expect(timesCalls(send)).toEqual([]);
    } finally {
      delete (document as { readyState?: unknown }).readyState;
    }
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await settled();
    expect(timesCalls(send)).toEqual([[1, 2, 51]]);
  });

  it('a batch asks for at most 200 items, in one request', async () => {
    load('board-17.html');
    const send = timesForAll();
    start(send);
    await frame();
    const area = document.querySelector('[data-testid="board-list-cards-area"]')!;
    const cards = Array.from({ length: 250 }, (_, n) => newCard(100 + n));
    area.append(...cards);
    await settled();
    const calls = timesCalls(send);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(Array.from({ length: TIMES_PER_VIEW }, (_, n) => 100 + n));
    expect(cards.map((card) => card.querySelectorAll(LIST_HOST_TAG).length)).toEqual(cards.map(() => 1));
  });

  it('without time at a glance (times: false), nothing is asked, at the start or later', async () => {
    load('board-17.html');
    const send = timesForAll();
    controls = startListControls(document, { basePath: '', send: send as never, trusted: () => true, times: false });
    document.querySelector('[data-testid="board-list-cards-area"]')!.append(newCard(41));
    await settled();
    expect(names()).toHaveLength(3);
    expect(timesCalls(send)).toEqual([]);
  });

  it('a refused or failed request for the numbers leaves the controls as they are', async () => {
    load('issue-list-17.html');
    start(vi.fn(async (name: string) => (name === 'listTimes' ? { ok: false, code: 'not-connected', error: 'no' } : { ok: true })));
    await frame();
    expect(names()).toHaveLength(3);
    expect([...document.getElementsByTagName(LIST_HOST_TAG)].map((host) => host.shadowRoot!.querySelector('i')!.textContent)).toEqual(['', '', '']);
  });

  it('stop removes every control', () => {
    load('mr-list-17.html');
    start();
    controls!.stop();
    controls = null;
    expect(names()).toEqual([]);
  });
});
