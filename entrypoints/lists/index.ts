import { parseListUrl } from '@/lib/gitlab/page';
import { runListControls } from '@/lib/content/lists';
import { onBackgroundNotice, sendToBackground } from '@/lib/content/messenger';
import { claimFrame, onUrlChange } from '@/lib/content/page-events';

// Start timer on list rows and board cards: an unlisted script the background injects only into
// list and board pages of a connected GitLab (lib/background/item-actions.ts).
export default defineUnlistedScript(() => {
  void runListControls(
    sendToBackground,
    (listener) => onBackgroundNotice('stateChanged', (message) => listener(message.data as Parameters<typeof listener>[0])),
    claimFrame('lists'),
    onUrlChange,
    (url, basePath) => parseListUrl(url, { basePath }) !== null,
  );
});
