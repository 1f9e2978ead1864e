/**
 * The two page events the widget lives by, in a few lines rather than WXT's content script
 * runtime (a KB the widget's budget cannot spare).
 */

/**
 * Ends an older copy of the same script in this frame: a re-injection, or a copy left behind by
 * an extension update. The returned signal aborts when a newer copy starts.
 */
export function claimFrame(name: string): AbortSignal {
  const event = `timekeeper:${name}-started`;
  document.dispatchEvent(new CustomEvent(event));
  started().add(name);
  const controller = new AbortController();
  document.addEventListener(event, () => controller.abort(), { signal: controller.signal });
  return controller.signal;
}

/** The scripts started in this frame, in our isolated world (the page sees none of it). */
function started(): Set<string> {
  const world = globalThis as { [STARTED]?: Set<string> };
  return (world[STARTED] ??= new Set());
}
const STARTED = Symbol.for('timekeeper.started');

/** Whether a script of ours claimed this frame already (the widget, declared on item pages). */
export function claimed(name: string): boolean {
  return started().has(name);
}

type NavigationApi = EventTarget & { currentEntry?: unknown };

/**
 * Calls `onChange` after the URL may have changed. GitLab navigates without page loads
 * (pushState in 17.x, drawers, Turbolinks in 8.x), which pages cannot observe from a content
 * script except through the Navigation API; where a browser lacks it, the URL is polled.
 */
export function onUrlChange(onChange: () => void, signal: AbortSignal): void {
  const navigation = (globalThis as { navigation?: NavigationApi }).navigation;
  if (navigation?.addEventListener) {
    // Fires after the new entry is committed, for pushState and replaceState too.
    navigation.addEventListener('currententrychange', onChange, { signal });
  } else {
    let last = location.href;
    const poll = setInterval(() => {
      if (location.href === last) return;
      last = location.href;
      onChange();
    }, 300);
    signal.addEventListener('abort', () => clearInterval(poll));
  }
  addEventListener('popstate', onChange, { signal });
  // GitLab 8.x: Turbolinks swaps <body> (and the widget with it) and says so with this event.
  document.addEventListener('page:change', onChange, { signal });
}
