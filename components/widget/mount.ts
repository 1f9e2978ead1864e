/**
 * The widget on an issue view: injected by the background where the loader found one. It
 * follows client-side navigation (pushState, popstate, drawers opening, switching and closing,
 * Turbolinks) with one widget per tab, moved and re-rendered for each issue view, never a second.
 */
import { renderWidget } from './view';
import css from './widget.css?inline';
import { drawerRoot } from '@/lib/gitlab/selectors';
import { createIssueWidgetStore, type IssueWidgetStore } from '@/lib/content/widget-store';
import { createTimerStore } from '@/lib/model/timer-view';
import { issueKey, shownTitle, withPageFacts } from '@/lib/content/page-facts';
import { createWidgetHost, HOST_TAG } from '@/lib/content/host';
import { contentMessenger, contentViews, sendToBackground } from '@/lib/content/messenger';
import { claimFrame, onUrlChange } from '@/lib/content/page-events';
import { keepInPlace, type PlacementKeeper } from '@/lib/content/placement';
import type { ReplyOf } from '@/lib/model/protocol';
import { awaitForms, type WidgetForms } from './forms-kit';

/**
 * The forms behind "More time tracking", asked of the background once (it injects
 * widget-forms.js into this frame, which hands them over through forms-kit.ts), with their
 * styles and input checks added to the shadow root before they first render. A failure can be
 * tried again.
 */
function formsOpener(shadow: ShadowRoot, issueStore: IssueWidgetStore): (into: HTMLElement) => Promise<void> {
  let loading: Promise<WidgetForms> | null = null;
  const load = () =>
    (loading ??= new Promise<WidgetForms>((resolve, reject) => {
      awaitForms((forms) => {
        forms.guard(shadow);
        const style = document.createElement('style');
        style.textContent = forms.css;
        shadow.append(style);
        resolve(forms);
      });
      // The script has run when the background answers: no forms by then means none are coming.
      sendToBackground('openWidgetForms', undefined).then(() => reject(new Error('no forms')), reject);
    }).catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  return async (into) => (await load()).mount(into, issueStore);
}

export async function runWidget(): Promise<void> {
  const ended = claimFrame('widget');
  // What the URL shows is asked at once, while the page is still loading: by DOMContentLoaded
  // the answer is usually here, and the widget appears with the page.
  const firstUrl = location.href;
  let early: Promise<ReplyOf<'itemAt'> | null> | null = sendToBackground('itemAt', { url: firstUrl }).catch(() => null);
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  if (ended.aborted) return;
  // A widget whose script is gone (the extension was reloaded) would otherwise be a second one.
  for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();

  const timerStore = createTimerStore(contentMessenger, contentViews);
  const issueStore = createIssueWidgetStore(contentMessenger, (state, log) => timerStore.setState({ state, lastLog: log }));
  // A timer stopped here answers with GitLab's new numbers; time logged anywhere else (the popup,
  // a shortcut, a retry) arrives as itemTotals. Neither costs a request.
  timerStore.subscribe(({ lastLog }, before) => {
    if (lastLog && lastLog !== before.lastLog && lastLog.timeStats) issueStore.getState().totals(lastLog.item, lastLog.timeStats);
  });
  const stopTotals = contentViews.onMessage('itemTotals', ({ data }) => issueStore.getState().totals(data.item, data.timeStats));
  const { host, container, dispose } = createWidgetHost(document, css);
  const unrender = renderWidget(container, {
    issueStore,
    timerStore,
    titleOf: (issue) => shownTitle(document, issue.drawer),
    connect: () => void sendToBackground('openConnectPage', undefined).catch(() => undefined),
    openForms: formsOpener(host.shadowRoot!, issueStore),
  });

  let shown: { key: string; keeper: PlacementKeeper } | null = null;
  let asked = 0;
  const show = async () => {
    const question = ++asked;
    const asking = early && location.href === firstUrl ? early : sendToBackground('itemAt', { url: location.href }).catch(() => null);
    early = null;
    const reply = await asking;
    const answer = reply?.ok ? reply : null;
    // A newer navigation asked meanwhile: its answer is the one that counts.
    if (question !== asked || ended.aborted) return;
    const issue = answer?.item ? withPageFacts(document, answer.item) : null;
    const key = issue ? issueKey(issue) : null;
    if (shown && shown.key === key) return shown.keeper.place();
    shown?.keeper.stop();
    shown = null;
    void issueStore.getState().show(issue, answer?.connected ?? true);
    if (!issue || !key) return;
    shown = { key, keeper: keepInPlace(document, host, issue.drawer ? () => drawerRoot(document) : () => document) };
  };

  onUrlChange(() => void show(), ended);
  ended.addEventListener('abort', () => {
    shown?.keeper.stop();
    unrender();
    dispose();
    timerStore.dispose();
    stopTotals();
  });
  await show();
}
