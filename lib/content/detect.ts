/**
 * Which issue, if any, this page shows: the URL says it, the page's own attributes confirm or
 * correct the project path (a sub-path install, a renamed project).
 */
import { parseIssueUrl } from '../gitlab/page';
import { declaredProjectPath } from '../gitlab/selectors';
import type { PageIssue } from '../messaging';

export function detectIssue(doc: Document, href: string): PageIssue | null {
  const ref = parseIssueUrl(href);
  if (!ref) return null;
  const declared = ref.drawer ? null : declaredProjectPath(doc);
  // Under a sub-path (relative_url_root) the URL path carries a prefix the page's own declaration lacks.
  const projectPath = declared && ref.fullPath.toLowerCase().endsWith(declared.toLowerCase()) ? declared : ref.fullPath;
  const title = doc.querySelector('[data-testid="work-item-title"], [data-testid="issue-title"], h1.title')?.textContent?.trim();
  return { projectPath, iid: ref.iid, title: title || undefined };
}
