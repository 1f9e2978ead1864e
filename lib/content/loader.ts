/**
 * The loader: the only script on every GitLab page, so it stays tiny (a URL test and one
 * message). When the URL may show an issue (or is a list or board, for their Start timer controls), now or after client-side navigation, it asks the
 * background, which reads the URL exactly (it knows the instance's sub-path) and injects the
 * widget into this frame if it does. Once injected, the widget takes over.
 */
import { mayShowIssue, mayShowList } from '../gitlab/page';
import type { Result } from '../model/protocol';
import { claimed, onUrlChange } from './page-events';

export function watchForIssueViews(requestWidget: (url: string) => Promise<Result<{ injected: boolean }>>): void {
  const done = new AbortController();
  let asking = false;
  const check = () => {
    // The widget runs here already (declared on item pages): it follows the page from now on.
    if (claimed('widget')) return done.abort();
    const url = location.href;
    // A list or board gets its script once (it follows the page itself from then on).
    if (asking || !(mayShowIssue(url) || (!claimed('lists') && mayShowList(url)))) return;
    asking = true;
    requestWidget(url)
      .then((result) => result.ok && result.injected && done.abort(), () => undefined)
      .finally(() => (asking = false));
  };
  onUrlChange(check, done.signal);
  // After the scripts that start with this one (the widget on an item page) have run.
  setTimeout(check, 0);
}
