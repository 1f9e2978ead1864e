/**
 * Start timer on every row of an issue or merge request list and every card of a board. Injected
 * by the background only on those pages (lib/background/item-actions.ts); at most 5 KB gzipped.
 *
 * - Each row or card gets one small control in a shadow root of its own (GitLab's CSS cannot
 *   reach in, ours cannot leak out), right after the row's title. Its accessible name is
 *   `Start timer for <reference>`, or `Stop timer for <reference>` with the elapsed time on the
 *   item whose timer runs (the UI contract's names).
 * - The item comes from the title's link, read like a page URL with the GitLab's sub-path, so
 *   group lists (items of many projects) and every era work alike.
 * - GitLab changes these pages client-side (filters, pages of results, cards dragged between
 *   lists, boards switched). A MutationObserver looks only at the nodes added, once per animation
 *   frame; a row that already holds a control keeps it (a moved card carries its control along).
 * - Start and Stop are the background's messages (startTimer, stopTimer): it takes the GitLab
 *   from this tab, and switching from another item's timer follows the user's setting.
 */
import { formatClock, formatGitLabDuration } from '../gitlab/duration';
import { parseIssueUrl, itemKindOf } from '../gitlab/page';
import { LIST_ITEMS, listItemTitle } from '../gitlab/selectors';
import { itemReference, sameItemHere } from '../model/item';
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
  /** What the control shows now: a repaint that would change nothing writes nothing. */
  tkShown?: string;
}

/** At most this many rows' numbers are asked for, in the page view's one request. */
export const TIMES_PER_VIEW = 200;

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
  /** Called after each batch of rows got their controls (the benchmark and tests count). */
  onBatch?: (added: number) => void;
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

/** The item a row or card shows, from its title's link; null for a row we do not understand. */
export function rowItem(row: Element, basePath: string): RowItem | null {
  const found = listItemTitle(row);
  if (!found) return null;
  const ref = parseIssueUrl(new URL(found.link.getAttribute('href')!, row.ownerDocument.baseURI), { basePath });
  if (!ref || ref.drawer) return null;
  const title = (found.link.getAttribute('title') || found.link.textContent || '').trim().slice(0, 1024);
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

  const running = (item: RowItem) => {
    const timer = state?.timer;
    return timer && sameItemHere(timer.item, item) ? timer : null;
  };

  const paint = (host: Host) => {
    const item = host.tkItem!;
    const button = host.shadowRoot!.querySelector('button')!;
    const timer = running(item);
    const label = timer ? t('stopTimerFor', itemReference(item)) : t('startTimerFor', itemReference(item));
    const text = timer ? `■ ${formatClock(elapsedMs(timer, now()))}` : '▶';
    if (host.tkShown === label + text) return;
    host.tkShown = label + text;
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-pressed', String(Boolean(timer)));
    button.textContent = text;
    button.title = label;
  };

  const paintAll = () => {
    for (const host of hosts) if (host.tkItem) paint(host);
    clearInterval(tick);
    tick = state?.timer?.runningSince != null ? setInterval(() => {
      for (const host of hosts) if (host.tkItem && running(host.tkItem)) paint(host);
    }, 1000) : undefined;
  };

  const act = async (host: Host) => {
    const item = host.tkItem!;
    const note = host.shadowRoot!.querySelector('span')!;
    const button = host.shadowRoot!.querySelector('button')!;
    button.disabled = true;
    try {
      const answer = (running(item)
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

  const makeHost = (item: RowItem): Host => {
    const host = doc.createElement(LIST_HOST_TAG) as Host;
    host.tkItem = item;
    const shadow = host.attachShadow({ mode: 'open' });
    const button = doc.createElement('button');
    button.type = 'button';
    const note = doc.createElement('span');
    note.setAttribute('role', 'status');
    // Time at a glance, filled by the page view's one request (showTimes).
    const badge = doc.createElement('i');
    // One style sheet shared by every control where the browser can (a board may hold thousands).
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    else {
      const style = doc.createElement('style');
      style.textContent = CSS;
      shadow.append(style);
    }
    shadow.append(badge, button, note);
    return host;
  };

  let sheet: CSSStyleSheet | null = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch {
    sheet = null; // Firefox before 101, or a content script world that may not adopt it
  }

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

  /** One control per row: a row that has one keeps it (updated if the row now shows another item). */
  const attach = (row: Element) => {
    const item = rowItem(row, basePath);
    let existing = row.querySelector<Host>(LIST_HOST_TAG);
    // A copy of a card (a drag's ghost, a clone) carries our element but not its shadow root.
    if (existing && !existing.tkItem) {
      existing.remove();
      existing = null;
    }
    if (!item) return existing?.remove();
    if (existing) {
      if (!sameItemHere(existing.tkItem!, item)) {
        existing.tkItem = item;
        paint(existing);
      }
      return;
    }
    const host = makeHost(item);
    listItemTitle(row)!.title.after(host);
    paint(host);
    added++;
  };

  /** The rows in or around an added node: itself, its own rows, or the row it was added into. */
  const rowsOf = (node: Element, into: Set<Element>) => {
    const around = node.closest(LIST_ITEMS);
    if (around) into.add(around);
    for (const row of node.querySelectorAll(LIST_ITEMS)) into.add(row);
  };

  let pending: Element[] = [];
  let frame = 0;
  const flush = () => {
    frame = 0;
    const rows = new Set<Element>();
    for (const node of pending) if (node.isConnected) rowsOf(node, rows);
    pending = [];
    const before = added;
    for (const row of rows) attach(row);
    options.onBatch?.(added - before);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && (node as Element).localName !== LIST_HOST_TAG) pending.push(node as Element);
      }
    }
    if (pending.length && !frame) frame = requestAnimationFrame(flush);
  });

  /**
   * Time at a glance: the numbers of the rows on the page when it opened, in one request per page
   * view (never one per row); rows GitLab adds later show none.
   */
  const showTimes = async () => {
    const seen = new Set<string>();
    const items: Array<Omit<RowItem, 'title'>> = [];
    for (const host of hosts) {
      const { projectPath, kind, iid } = host.tkItem ?? {};
      const key = `${projectPath}${kind}${iid}`;
      if (!projectPath || !kind || !iid || seen.has(key) || items.length >= TIMES_PER_VIEW) continue;
      seen.add(key);
      items.push({ projectPath, kind, iid });
    }
    if (!items.length) return;
    let answer: Awaited<ReturnType<typeof send<'listTimes'>>> | null = null;
    try {
      answer = await send('listTimes', { items });
    } catch {
      return;
    }
    if (!answer?.ok || !Array.isArray(answer.times)) return;
    for (const host of hosts) {
      const time = host.tkItem && answer.times.find((t) => sameItemHere(t, host.tkItem!));
      const text = time ? timeAtAGlance(time) : '';
      const badge = host.shadowRoot!.querySelector('i')!;
      badge.textContent = text;
      badge.title = text && (text.includes(' / ') ? t('spentOfAnEstimate', text.split(' / ')) : t('spentTitle', text));
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
      cancelAnimationFrame(frame);
      clearInterval(tick);
      for (const host of [...hosts]) host.remove();
    },
  };

  pending.push(doc.body);
  flush();
  observer.observe(doc.body, { childList: true, subtree: true });
  if (options.times !== false) void showTimes();
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
