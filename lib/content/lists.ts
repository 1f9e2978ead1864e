/**
 * Start timer on every row of an issue or merge request list and every card of a board. Injected
 * by the background only on those pages (lib/background/item-actions.ts); at most 5 KB gzipped.
 *
 * - Each row or card gets one small control in a shadow root of its own (GitLab's CSS cannot
 *   reach in, ours cannot leak out), right after the row's title. Its accessible name is
 *   `Start timer for <reference>`, or `Stop timer for <reference>` with the elapsed time on the
 *   item whose timer runs (the UI contract's names).
 * - The item comes from the path of the title's link, read with the GitLab's sub-path, so
 *   group lists (items of many projects) and every era work alike.
 * - GitLab changes these pages client-side (filters, pages of results, cards dragged between
 *   lists, boards switched). A MutationObserver looks only at the nodes added, in its own
 *   callback, and never reads layout: a card that still holds its live control for the same link
 *   is left alone (a moved card carries its control along), a copy of a card reuses the copy of
 *   our element it carries, and a link is read once per address.
 * - Time at a glance: one request for the rows on the page when it opens, then one per batch of
 *   rows GitLab adds (debounced), each for items not asked for before, at most 200 at a time.
 * - Start and Stop are the background's messages (startTimer, stopTimer): it takes the GitLab
 *   from this tab, and switching from another item's timer follows the user's setting.
 */
import { formatClock, formatGitLabDuration } from '../gitlab/duration';
import { itemKindOf, parseItemPath } from '../gitlab/page';
import { LIST_ITEMS, listItemTitle } from '../gitlab/selectors';
import { itemReference } from '../model/item';
import type { backgroundMessenger, ListTime, Result, ViewState } from '../model/protocol';
import { elapsedMs } from '../model/timer';
import { t } from '../model/i18n';
import { isTrusted, type Trusted } from './user-input';

export const LIST_HOST_TAG = 'timekeeper-list-timer';

type Send = (typeof backgroundMessenger)['sendMessage'];

interface RowItem {
  projectPath: string;
  kind: 'issue' | 'merge_request';
  iid: number;
  title?: string;
}

/** The same string for the same item on this GitLab (project paths are case-insensitive). */
const keyOf = (item: Omit<RowItem, 'title'>) => itemReference(item).toLowerCase();

/** The control's shadow root: the GitLab look, small, on any background (light or dark). */
const CSS =
  ':host{all:initial;display:inline-flex;position:relative;z-index:2;vertical-align:middle;margin-inline-start:6px}' +
  'button{font:500 12px/16px system-ui,sans-serif;display:inline-flex;gap:4px;align-items:center;cursor:pointer;' +
  'border:1px solid #89888d;border-radius:4px;background:transparent;color:inherit;padding:1px 6px;color:#626168}' +
  'button:hover{background:#ececef}button:focus-visible{outline:2px solid #1f75cb}' +
  'button[aria-pressed=true]{border-color:#1f75cb;color:#1f75cb}' +
  'span,i{font:12px/16px system-ui,sans-serif;color:#737278;margin-inline-start:4px}i{font-style:normal;margin:0 4px 0 0}i:empty{display:none}';

interface Host extends HTMLElement {
  tkItem?: RowItem;
  tkKey?: string;
  /** The title link's address the item was read from. */
  tkHref?: string;
}

/** At most this many rows' numbers are asked for in one request (the page view's, or a batch's). */
export const TIMES_PER_VIEW = 200;
/** Rows GitLab adds are asked for once it has stopped adding them for this long. */
export const TIMES_DEBOUNCE_MS = 250;

/** Spent against estimate, as GitLab writes durations (`1h 30m / 3h 30m`); nothing when neither is set. */
export function timeAtAGlance(time: Pick<ListTime, 'timeEstimate' | 'totalTimeSpent'>): string {
  if (!time.totalTimeSpent && !time.timeEstimate) return '';
  const spent = time.totalTimeSpent ? formatGitLabDuration(time.totalTimeSpent) : '0h';
  return time.timeEstimate ? `${spent} / ${formatGitLabDuration(time.timeEstimate)}` : spent;
}

export interface ListControlsOptions {
  /** The GitLab's sub-path (`''`, `/gitlab`), to read row links like page URLs. */
  basePath: string;
  send: Send;
  now?: () => number;
  trusted?: Trusted;
  /** false: no time at a glance (no request). */
  times?: boolean;
}

export interface ListControls {
  /** The state the background told (after an answer, or broadcast to every tab). */
  show(state: ViewState | null): void;
  /** Times rows got a control, in all. */
  readonly added: number;
  stop(): void;
}

/** The item a row's or card's title link names; null for a link we do not understand. */
function linkItem(link: HTMLAnchorElement, basePath: string): RowItem | null {
  const ref = /^https?:$/.test(link.protocol) ? parseItemPath(link.pathname, basePath) : null;
  if (!ref) return null;
  const title = (link.getAttribute('title') || link.textContent || '').trim().slice(0, 1024);
  return { projectPath: ref.fullPath, kind: itemKindOf(ref), iid: ref.iid, ...(title ? { title } : {}) };
}

export function startListControls(doc: Document, options: ListControlsOptions): ListControls {
  const { basePath, send } = options;
  const now = options.now ?? Date.now;
  const trusted = options.trusted ?? isTrusted;
  const hosts = doc.getElementsByTagName(LIST_HOST_TAG) as HTMLCollectionOf<Host>;
  let state: ViewState | null = null;
  let added = 0;
  let tick: ReturnType<typeof setInterval> | undefined;

  const runningKey = () => {
    const timer = state?.timer;
    return timer ? keyOf(timer.item) : '';
  };

  const paint = (host: Host, running = runningKey()) => {
    const item = host.tkItem!;
    const button = host.shadowRoot!.querySelector('button')!;
    const timer = host.tkKey === running ? state!.timer! : null;
    const label = timer ? t('stopTimerFor', itemReference(item)) : t('startTimerFor', itemReference(item));
    const text = timer ? `■ ${formatClock(elapsedMs(timer, now()))}` : '▶';
    // Only what changed is written (a copy of a card carries what its control showed).
    if (button.title !== label) {
      button.title = label;
      button.setAttribute('aria-label', label);
      button.setAttribute('aria-pressed', String(Boolean(timer)));
    }
    if (button.textContent !== text) button.textContent = text;
  };

  const paintAll = () => {
    const running = runningKey();
    for (const host of hosts) if (host.tkItem) paint(host, running);
    clearInterval(tick);
    tick = state?.timer?.runningSince != null ? setInterval(() => {
      for (const host of hosts) if (host.tkKey === running) paint(host, running);
    }, 1000) : undefined;
  };

  const act = async (host: Host) => {
    const item = host.tkItem!;
    const note = host.shadowRoot!.querySelector('span')!;
    const button = host.shadowRoot!.querySelector('button')!;
    button.disabled = true;
    try {
      const answer = (host.tkKey === runningKey()
        ? await send('stopTimer', undefined)
        : await send('startTimer', { target: { page: item } })) as Result<{ state?: ViewState }>;
      note.textContent = answer.ok ? '' : answer.error;
      if (answer.ok && answer.state) controls.show(answer.state);
    } catch {
      note.textContent = t('unreachable');
    } finally {
      button.disabled = false;
    }
  };

  let sheet: CSSStyleSheet | null = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch {
    sheet = null; // Firefox before 101, or a content script world that may not adopt it
  }
  // What every control's shadow root holds, made once and copied: the time at a glance (filled by
  // showTimes), the button, and a status line for what went wrong.
  const parts = doc.createDocumentFragment();
  if (!sheet) parts.append(Object.assign(doc.createElement('style'), { textContent: CSS }));
  const press = doc.createElement('button');
  press.type = 'button';
  press.textContent = '▶';
  const status = doc.createElement('span');
  status.setAttribute('role', 'status');
  parts.append(doc.createElement('i'), press, status);

  /**
   * The controls' events, for all of them at once (no listeners per card): at the document, before
   * GitLab's card sees them, so a press on our control neither opens the card's drawer nor starts
   * a drag. Only the user starts or stops the timer: a click a page script made is not trusted.
   */
  const onEvent = (event: Event) => {
    const path = event.composedPath();
    const host = path.find((node) => (node as Element).localName === LIST_HOST_TAG) as Host | undefined;
    if (!host?.tkItem) return;
    event.stopPropagation();
    if (event.type !== 'click') return;
    event.preventDefault();
    if (trusted(event) && path.some((node) => (node as Element).localName === 'button')) void act(host);
  };
  const EVENTS = ['click', 'mousedown', 'pointerdown', 'touchstart', 'mouseup', 'pointerup'];
  for (const type of EVENTS) doc.addEventListener(type, onEvent, true);

  /**
   * Items read from title links, by their address as written (GitLab writes them from the root or
   * in full): a card moved, copied or rendered again is not read twice.
   */
  const read = new Map<string, RowItem | null>();

  /** One control per row: a row that has one keeps it (updated if the row now shows another item). */
  const attach = (row: Element) => {
    const found = listItemTitle(row);
    const href = found?.link.getAttribute('href') ?? '';
    let host = row.querySelector<Host>(LIST_HOST_TAG);
    // A card moved between lists carries its live control along: nothing to do.
    if (host?.tkItem && host.tkHref === href) return;
    let item = read.get(href);
    if (item === undefined) read.set(href, (item = found && linkItem(found.link, basePath)));
    if (!item) return host?.remove();
    if (!host?.tkItem) {
      if (!host) found!.title.after((host = doc.createElement(LIST_HOST_TAG)));
      // A copy of a card (GitLab renders one again by cloning it, a drag's ghost) carries a copy of
      // our element, and of its shadow root (clonable) where the browser copies them: reused.
      const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open', clonable: true } as ShadowRootInit);
      // One style sheet shared by every control where the browser can (a board may hold thousands).
      if (sheet) shadow.adoptedStyleSheets = [sheet];
      if (!shadow.firstChild) shadow.append(parts.cloneNode(true));
      added++;
    }
    host.tkItem = item;
    host.tkHref = href;
    host.tkKey = keyOf(item);
    paint(host);
    wantTimes(host);
  };

  /** The rows in or around an added node: the row it is or was added into, else its own rows. */
  const rowsOf = (node: Element, into: Set<Element>) => {
    const around = node.closest(LIST_ITEMS);
    if (around) into.add(around);
    else for (const row of node.querySelectorAll(LIST_ITEMS)) into.add(row);
  };

  /**
   * The rows GitLab added, looked at in the observer's own callback (a microtask after GitLab's
   * change: no second callback per change); our own insertions are then dropped unread.
   */
  const look = (nodes: Iterable<Element>) => {
    const rows = new Set<Element>();
    for (const node of nodes) if (node.isConnected) rowsOf(node, rows);
    for (const row of rows) attach(row);
    observer.takeRecords();
    // While the page is still loading, its rows wait for the page view's first request.
    if (wanted.length && doc.readyState !== 'loading') {
      clearTimeout(timesTimer);
      timesTimer = setTimeout(showTimes, TIMES_DEBOUNCE_MS);
    }
  };

  const observer = new MutationObserver((records) => {
    const added: Element[] = [];
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && (node as Element).localName !== LIST_HOST_TAG) added.push(node as Element);
      }
    }
    look(added);
  });

  /**
   * Time at a glance: each item is asked for once, in one request per batch (never one per row):
   * the rows on the page when it opens at once, rows GitLab adds later once it has stopped adding
   * them for a moment; a batch asks for at most 200 items (the rest stay without).
   */
  const times = new Map<string, string>();
  const asked = new Set<string>();
  /** The controls of the items asked for and not answered yet. */
  const waiting = new Map<string, Host[]>();
  let wanted: Array<Omit<RowItem, 'title'>> = [];
  let timesTimer: ReturnType<typeof setTimeout> | undefined;
  const badge = (host: Host, text = '') => {
    const i = host.shadowRoot!.querySelector('i')!;
    if (i.textContent === text) return;
    i.textContent = text;
    i.title = text && (text.includes(' / ') ? t('spentOfAnEstimate', text.split(' / ')) : t('spentTitle', text));
  };
  const wantTimes = (host: Host) => {
    const key = host.tkKey!;
    badge(host, times.get(key));
    waiting.get(key)?.push(host);
    if (options.times === false || asked.has(key)) return;
    asked.add(key);
    const { projectPath, kind, iid } = host.tkItem!;
    if (wanted.length < TIMES_PER_VIEW) {
      wanted.push({ projectPath, kind, iid });
      waiting.set(key, [host]);
    }
  };
  const showTimes = async () => {
    const items = wanted;
    wanted = [];
    try {
      const answer = items.length ? await send('listTimes', { items }) : null;
      if (answer?.ok && Array.isArray(answer.times)) for (const time of answer.times) times.set(keyOf(time), timeAtAGlance(time));
    } catch {
      // No numbers this time; the controls work all the same.
    }
    // Only the controls waiting for this batch are touched (not every control of a big board).
    for (const item of items) {
      const key = keyOf(item);
      for (const host of waiting.get(key)!) if (host.tkKey === key) badge(host, times.get(key));
      waiting.delete(key);
    }
  };

  const controls: ListControls = {
    show(next) {
      state = next;
      paintAll();
    },
    get added() {
      return added;
    },
    stop() {
      for (const type of EVENTS) doc.removeEventListener(type, onEvent, true);
      observer.disconnect();
      clearInterval(tick);
      clearTimeout(timesTimer);
      wanted = [];
      for (const host of [...hosts]) host.remove();
    },
  };

  look([doc.body]);
  observer.observe(doc.body, { childList: true, subtree: true });
  // The page view's one request: the rows there are once the page is parsed (the script may start
  // while it loads).
  const first = () => {
    clearTimeout(timesTimer);
    void showTimes();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', first, { once: true });
  else first();
  return controls;
}

/**
 * The script's life in a frame: asks the background for this GitLab's sub-path (the background
 * answers only on a connected GitLab's list page), then keeps controls on the rows while the URL
 * is a list or board, following the timer the background tells every tab of this GitLab.
 */
export async function runListControls(
  send: Send,
  onState: (listener: (state: ViewState) => void) => () => void,
  signal: AbortSignal,
  onUrlChange: (check: () => void, signal: AbortSignal) => void,
  isList: (url: string, basePath: string) => boolean,
): Promise<void> {
  const context = await send('listPage', { url: location.href }).catch(() => null);
  if (!context?.ok || signal.aborted) return;
  const { basePath } = context;
  let controls: ListControls | null = null;
  let last: ViewState | null = null;
  const refresh = () => {
    const wanted = isList(location.href, basePath);
    if (wanted && !controls) {
      controls = startListControls(document, { basePath, send });
      controls.show(last);
      void send('getState', undefined).then((answer) => answer.ok && controls?.show((last = answer.state)), () => undefined);
    } else if (!wanted && controls) {
      controls.stop();
      controls = null;
    }
  };
  const unlisten = onState((state) => controls?.show((last = state)));
  signal.addEventListener('abort', () => {
    unlisten();
    controls?.stop();
  });
  onUrlChange(refresh, signal);
  if (document.body) refresh();
  else document.addEventListener('DOMContentLoaded', refresh, { once: true, signal });
}
