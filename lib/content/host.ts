/**
 * The widget's element on the page: a shadow root of its own (GitLab's CSS cannot reach in, ours
 * cannot leak out), following GitLab's colour mode as it changes.
 */
import { pageIsDark } from '../gitlab/selectors';
import { acceptOnlyUserInput } from './user-input';

export const HOST_TAG = 'timekeeper-widget';

export interface WidgetHost {
  host: HTMLElement;
  /** Where the view renders, inside the shadow root. */
  container: HTMLElement;
  dispose(): void;
}

export function createWidgetHost(doc: Document, css: string): WidgetHost {
  const host = doc.createElement(HOST_TAG);
  // Open, so assistive technology and tests see inside like anywhere else on the page.
  const shadow = host.attachShadow({ mode: 'open' });
  acceptOnlyUserInput(shadow);
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  container.className = 'tk';
  shadow.append(style, container);

  const media = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  const applyTheme = () => container.classList.toggle('tk-dark', pageIsDark(doc, media?.matches === true));
  applyTheme();
  // GitLab switches modes by class on <html> or <body> (and in "auto" mode follows the system).
  const themeWatch = new MutationObserver(applyTheme);
  for (const element of [doc.documentElement, doc.body]) {
    if (element) themeWatch.observe(element, { attributes: true, attributeFilter: ['class'] });
  }
  media?.addEventListener?.('change', applyTheme);

  return {
    host,
    container,
    dispose() {
      themeWatch.disconnect();
      media?.removeEventListener?.('change', applyTheme);
      host.remove();
    },
  };
}
