/**
 * Puts the widget on the page: beside GitLab's own time tracking block when there is one, at the
 * top of the sidebar otherwise, floating as the last resort. Re-detects on client-side
 * navigation; mounting again for the same issue is a no-op, so there is never a second widget.
 */
import { h, render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { TimerWidget } from '@/components/TimerWidget';
import css from '@/components/widget.css?inline';
import { findPlacement } from '../gitlab/selectors';
import { backgroundMessenger, type PageIssue } from '../messaging';
import { createTimerStore } from '../views/timer-store';
import { detectIssue } from './detect';

const HOST_TAG = 'timekeeper-widget';

function isDark(doc: Document): boolean {
  return doc.documentElement.classList.contains('gl-dark') || doc.body?.classList.contains('gl-dark') === true;
}

export async function runContentScript(ctx: ContentScriptContext): Promise<void> {
  const store = createTimerStore();
  ctx.onInvalidated(() => store.dispose());
  let current: { key: string; remove: () => void } | null = null;

  const show = async () => {
    const issue = detectIssue(document, location.href);
    const key = issue ? `${issue.projectPath}#${issue.iid}` : '';
    if (current?.key === key) return;
    current?.remove();
    current = null;
    if (!issue) return;
    current = { key, remove: () => undefined };
    const mounted = await mountWidget(ctx, issue, store);
    if (current?.key === key) current.remove = mounted;
    else mounted();
  };

  ctx.addEventListener(window, 'wxt:locationchange', () => void show());
  await show();
}

async function mountWidget(ctx: ContentScriptContext, issue: PageIssue, store: ReturnType<typeof createTimerStore>): Promise<() => void> {
  const placement = findPlacement(document);
  const ui = await createShadowRootUi(ctx, {
    name: HOST_TAG,
    css,
    position: 'inline',
    anchor: placement.kind === 'floating' ? document.body : placement.element,
    append: placement.kind === 'after' ? 'after' : placement.kind === 'prepend' ? 'first' : 'last',
    onMount(container) {
      container.classList.add(isDark(document) ? 'tk-dark' : 'tk-auto');
      if (placement.kind === 'floating') container.classList.add('tk-floating');
      render(h(TimerWidget, { issue, store, loadView: (i: PageIssue) => backgroundMessenger.sendMessage('getIssueView', i) }), container);
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  ui.mount();
  return () => ui.remove();
}
