import { sendToBackground } from '@/lib/content/messenger';
import { watchForIssueViews } from '@/lib/content/loader';

// The loader, on every GitLab page: declared for gitlab.com in wxt.config.ts, registered at run
// time for self-hosted GitLabs (lib/background/content-scripts.ts). An unlisted script rather
// than a WXT content script, to carry no runtime it does not use on every page.
export default defineUnlistedScript(() => watchForIssueViews((url) => sendToBackground('openItemWidget', { url })));
