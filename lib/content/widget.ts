/**
 * The widget on an issue view: injected by the background where the loader found one. It
 * follows client-side navigation (pushState, popstate, drawers opening, switching and closing,
 * Turbolinks) with one widget per tab, moved and re-rendered for each issue view, never a second.
 */
import { h, render } from 'preact';
import { TimerWidget } from '@/components/widget/TimerWidget';
import css from '@/components/widget/widget.css?inline';
import { drawerRoot } from '../gitlab/selectors';
import { createIssueWidgetStore, timeMayHaveLanded } from './widget-store';
import { createTimerStore } from '../model/timer-view';
import { issueKey, shownTitle, withPageFacts } from './page-facts';
import { createWidgetHost, HOST_TAG } from './host';
import { contentMessenger, contentViews, sendToBackground } from './messenger';
import { claimFrame, onUrlChange } from './page-events';
import { keepInPlace, type PlacementKeeper } from './placement';

export async function runWidget(): Promise<void> {
  const ended = claimFrame('widget');
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  if (ended.aborted) return;
  // A widget whose script is gone (the extension was reloaded) would otherwise be a second one.
  for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();

  const timerStore = createTimerStore(contentMessenger, contentViews);
  const issueStore = createIssueWidgetStore(contentMessenger, (state) => timerStore.setState({ state }));
  // Time logged from anywhere (this widget, the popup, a shortcut) shows here once GitLab has it.
  timerStore.subscribe(({ state }, { state: before }) => {
    const { issue, busy } = issueStore.getState();
    // A time log typed here reads the numbers itself, once.
    if (issue && busy !== 'logTime' && state !== before && timeMayHaveLanded(before, state, issue)) void issueStore.getState().refresh();
  });
  const { host, container, dispose } = createWidgetHost(document, css);
  render(
    h(TimerWidget, {
      issueStore,
      timerStore,
      titleOf: (issue) => shownTitle(document, issue.drawer),
      connect: () => void sendToBackground('openConnectPage', undefined).catch(() => undefined),
    }),
    container,
  );

  let shown: { key: string; keeper: PlacementKeeper } | null = null;
  let asked = 0;
  const show = async () => {
    const question = ++asked;
    const answer = await sendToBackground('issueAt', { url: location.href }).catch(() => null);
    // A newer navigation asked meanwhile: its answer is the one that counts.
    if (question !== asked || ended.aborted) return;
    const issue = answer?.issue ? withPageFacts(document, answer.issue) : null;
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
    render(null, container);
    dispose();
    timerStore.dispose();
  });
  await show();
}
