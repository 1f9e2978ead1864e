/**
 * Start timer on list rows and board cards (lists.ts), on the fixture pages of every era: one
 * control per row, named for its item, Stop timer with the elapsed time on the running item, and
 * GitLab's client-side changes followed through added nodes only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ViewState } from '../model/protocol';
import { LIST_HOST_TAG, startListControls, type ListControls } from './lists';

function load(file: string): void {
  const html = readFileSync(path.join(import.meta.dirname, '../../tests/fixtures/pages', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.innerHTML = parsed.body.innerHTML;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
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

  it('new rows get a control in the next frame; a card GitLab renders again gets exactly one', async () => {
    load('board-17.html');
    const batches: number[] = [];
    controls = startListControls(document, { basePath: '', send: vi.fn() as never, trusted: () => true, onBatch: (n) => batches.push(n) });
    const area = document.querySelector('[data-testid="board-list-cards-area"]')!;
    const copy = area.querySelector('.board-card')!.cloneNode(true) as Element;
    copy.querySelector(LIST_HOST_TAG)!.remove();
    copy.querySelector('.board-card-title a')!.setAttribute('href', '/acme/web/-/issues/9');
    area.append(copy);
    const again = area.querySelector('.board-card')!;
    again.replaceWith(again.cloneNode(true)); // a clone carries our element but no shadow root
    expect(names()).toHaveLength(1);
    await frame();
    expect(names()).toHaveLength(3);
    expect(names()).toContain('Start timer for acme/web#9');
    for (const card of document.querySelectorAll('.board-card')) expect(card.querySelectorAll(LIST_HOST_TAG).length).toBeLessThanOrEqual(1);
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
    // Cards added later ask nothing more.
    document.querySelector('[data-testid="board-list-cards-area"]')!.append(document.querySelector('.board-card')!.cloneNode(true));
    await frame();
    expect(send.mock.calls.filter(([name]) => name === 'listTimes')).toHaveLength(1);
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
