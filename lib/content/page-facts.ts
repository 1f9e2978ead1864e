/**
 * What the page adds to the issue its URL shows (which the background reads, lib/gitlab/page.ts):
 * that it is a GitLab page at all, "limit display to hours", a role that cannot log time, an
 * archived project, and the title.
 */
import { drawerRoot, isArchivedProjectPage, isGitLabAppPage, issueTitle, sidebarOptions } from '../gitlab/selectors';
import { itemReference } from '../model/item';
import type { PageItem } from '../model/protocol';
import { t } from '../model/i18n';

export interface DetectedIssue extends PageItem {
  /** The instance writes durations in hours only (`26h`, not `3d 2h`). */
  limitToHours: boolean;
  /** Why the page says this issue's time tracking cannot be changed; null when it does not say. */
  readOnly: string | null;
}

export const ARCHIVED_REASON = t('archivedReadOnly');
export const ROLE_REASON = t('roleReadOnly');

/** A stable name for an issue view, to tell one from the next. */
export function issueKey(issue: Pick<PageItem, 'projectPath' | 'kind' | 'iid'> & { drawer?: boolean }): string {
  return `${itemReference({ ...issue, projectPath: issue.projectPath.toLowerCase() })}${issue.drawer ? ' in a drawer' : ''}`;
}

export function withPageFacts(doc: Document, issue: PageItem): DetectedIssue | null {
  // GitLab's own error pages (a 404 for an issue that does not exist) are not issue views.
  if (!isGitLabAppPage(doc)) return null;
  // The page's own facts describe the page's issue, never one open in a drawer over it.
  const options = issue.drawer ? null : sidebarOptions(doc);
  let readOnly: string | null = null;
  if (!issue.drawer && isArchivedProjectPage(doc)) readOnly = ARCHIVED_REASON;
  else if (options?.canCreateTimelogs === false) readOnly = ROLE_REASON;
  return { ...issue, limitToHours: options?.timeTrackingLimitToHours === true, readOnly };
}

/**
 * The title GitLab shows for the issue now. Read when needed (starting a timer), not at
 * detection: after client-side navigation the old title can still be on screen for a moment.
 */
export function shownTitle(doc: Document, drawer: boolean): string | undefined {
  const root = drawer ? drawerRoot(doc) : doc;
  return root ? issueTitle(root) : undefined;
}
