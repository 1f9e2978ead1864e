/**
 * The popup's requests: the lists of assigned issues and to-dos, and marking a to-do done.
 * Extension pages only; a content script has no business reading the user's work across GitLabs.
 */
import * as v from 'valibot';
import { backgroundMessenger } from '../../model/protocol';
import { assignedIssues, markTodoDone, todos, watchLoggedTime } from '../lists';
import type { BackgroundDeps } from '../token-client';
import { RefreshSchema } from '../senders';
import { fail, FROM_PAGES, guarded } from '../guarded';

const TodoDoneSchema = v.strictObject({
  instanceId: v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/)),
  id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
});

export function registerPopupHandlers(deps: BackgroundDeps): void {
  watchLoggedTime();
  backgroundMessenger.onMessage(
    'assignedIssues',
    guarded(deps, FROM_PAGES, RefreshSchema, () => [], async ({ refresh }) => assignedIssues(deps, refresh)),
  );
  backgroundMessenger.onMessage(
    'todos',
    guarded(deps, FROM_PAGES, RefreshSchema, () => [], async ({ refresh }) => todos(deps, refresh)),
  );
  backgroundMessenger.onMessage(
    'markTodoDone',
    guarded(deps, FROM_PAGES, TodoDoneSchema, fail, async ({ instanceId, id }) => markTodoDone(deps, instanceId, id)),
  );
}
