/**
 * Keeps the widget where it belongs while GitLab re-renders around it. GitLab's Vue apps render
 * late and replace whole blocks, so a one-time insertion is not enough; but watching the whole
 * document would cost time on every comment added. So:
 * - anchored: watch the direct children of the widget's parent and of each of its ancestors (no
 *   subtree): whatever re-render takes the widget or its anchor away changes one of those lists,
 *   while comments and the rest of the page change none of them;
 * - floating (no anchor yet): watch the scope for an anchor to appear, for a while, throttled;
 * - a slow heartbeat as the last resort.
 */
import { findPlacement, type Placement } from '../gitlab/selectors';

/** GitLab's sidebar can take a few seconds to render on a slow connection. */
export const ANCHOR_WAIT_MS = 15_000;
const HEARTBEAT_MS = 2_000;
const THROTTLE_MS = 50;
/** More moves than this in a second means something fights over the spot: float instead. */
const MAX_MOVES_PER_SECOND = 10;

export interface PlacementKeeper {
  /** Puts the widget in place now (idempotent: no DOM change when it already is). */
  place(): void;
  stop(): void;
}

/**
 * `scope` says where to look: the document, or an open drawer (null while the drawer has not
 * rendered yet, which floats the widget until it has).
 */
export function keepInPlace(doc: Document, host: HTMLElement, scope: () => ParentNode | null, waitMs = ANCHOR_WAIT_MS): PlacementKeeper {
  let observers: MutationObserver[] = [];
  let throttle: ReturnType<typeof setTimeout> | null = null;
  let waitUntil = 0;
  let moves: number[] = [];
  let givenUp = false;
  let stopped = false;

  const unobserve = () => {
    for (const observer of observers) observer.disconnect();
    observers = [];
  };
  const onMutations = () => {
    throttle ??= setTimeout(() => {
      throttle = null;
      place();
    }, THROTTLE_MS);
  };
  const observe = (target: Node, init: MutationObserverInit) => {
    const observer = new MutationObserver(onMutations);
    observer.observe(target, init);
    observers.push(observer);
  };

  const moved = () => {
    const now = Date.now();
    moves = moves.filter((t) => now - t < 1000);
    moves.push(now);
    if (moves.length > MAX_MOVES_PER_SECOND) givenUp = true;
  };

  /** Moves the host only when it is not already there: every move is a mutation others may see. */
  const put = (placement: Placement) => {
    if (placement.kind === 'after') {
      if (host.previousElementSibling === placement.element) return;
      placement.element.after(host);
    } else if (placement.kind === 'prepend') {
      if (placement.element.firstElementChild === host) return;
      placement.element.prepend(host);
    } else {
      if (host.parentNode === doc.body) return;
      doc.body.append(host);
    }
    moved();
  };

  function place(): void {
    if (stopped || !doc.body) return;
    const root = scope();
    const placement: Placement = root && !givenUp ? findPlacement(root) : { kind: 'floating' };
    unobserve();
    put(placement);
    if (placement.kind === 'floating') {
      host.setAttribute('data-floating', '');
      // GitLab's block is there but hidden: back beside it when it shows (a tab switch toggles classes).
      if (placement.hidden) {
        for (let node: Node | null = placement.hidden; node && node !== doc; node = node.parentNode) {
          observe(node, { attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
        }
      }
      if (givenUp) return;
      waitUntil ||= Date.now() + waitMs;
      if (Date.now() < waitUntil) observe(root instanceof Element ? root : doc.body, { childList: true, subtree: true });
      return;
    }
    host.removeAttribute('data-floating');
    waitUntil = 0;
    // The lists that hold the widget, and whether its place is hidden (a tab switch toggles classes).
    for (let node = host.parentNode; node && node !== doc; node = node.parentNode) {
      observe(node, { childList: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
    }
  }

  const heartbeat = setInterval(() => {
    if (!host.isConnected) place();
  }, HEARTBEAT_MS);

  place();
  return {
    place,
    stop() {
      stopped = true;
      unobserve();
      clearInterval(heartbeat);
      if (throttle) clearTimeout(throttle);
      host.remove();
    },
  };
}
