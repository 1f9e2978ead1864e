import { runWidget } from '@/components/widget/mount';

// An unlisted script, not a declared content script: the background injects it into the frames
// where the loader found an issue view (lib/background/item-actions.ts), so other GitLab pages
// never load it, and it carries no content-script runtime it does not use.
export default defineUnlistedScript(() => runWidget());
