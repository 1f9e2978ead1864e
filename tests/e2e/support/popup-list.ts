/**
 * Reaching every issue of the popup's windowed list, as a user scrolling would: the list draws
 * only the rows in view, so a test scrolls it from top to bottom and collects what was drawn.
 * `collectListItems` runs inside the page (Playwright `evaluate`, puppeteer `evaluate`); it may
 * use nothing from outside its own body.
 */
import type { StandIn, StandInIssue } from '../../fake-gitlab/server';

export interface DrawnItem {
  name: string;
  position: number;
  size: number;
}

export async function collectListItems(list: Element): Promise<DrawnItem[]> {
  let scroller: HTMLElement | null = list.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) {
    scroller = scroller.parentElement;
  }
  if (!scroller) throw new Error('the list does not scroll');
  const seen = new Map<number, { name: string; position: number; size: number }>();
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const collect = () => {
    for (const li of list.querySelectorAll(':scope > li:not([role])')) {
      const position = Number(li.getAttribute('aria-posinset'));
      seen.set(position, { name: li.getAttribute('aria-label') ?? '', position, size: Number(li.getAttribute('aria-setsize')) });
    }
  };
  scroller.scrollTop = 0;
  await frame();
  collect();
  const step = Math.max(50, Math.floor(scroller.clientHeight * 0.8));
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    scroller.scrollTop += step;
    await frame();
    collect();
  }
  return [...seen.values()].sort((a, b) => a.position - b.position);
}

/** The open issues a stand-in has assigned to its user: what the popup should list for it. */
export function assignedIssuesOf(standIn: StandIn): StandInIssue[] {
  const out: StandInIssue[] = [];
  for (const path of ['acme/web', 'acme/api', 'acme/platform/infra', 'partners/guest-portal']) {
    for (let iid = 1; ; iid++) {
      const issue = standIn.issue(path, iid);
      if (!issue) break;
      if (issue.state === 'opened' && issue.assigneeIds.includes(standIn.user.id)) out.push(issue);
    }
  }
  return out;
}

/**
 * The requests of the popup's issue and merge request lists that a GitLab of 15.6+ received: one
 * GraphQL query (`PopupLists`) per page of the longest list (lib/gitlab/client.ts, listMyWork).
 */
export function popupListRequests(s: Pick<StandIn, 'requests'>): StandIn['requests'] {
  return s.requests.filter((r) => r.method === 'POST' && r.path === '/api/graphql' && r.body.operationName === 'PopupLists');
}

/** An answer to `PopupLists` with nothing in it: nothing assigned, no merge requests. */
export const NOTHING_LISTED = (() => {
  const none = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
  return { data: { issues: none, currentUser: { assignedMergeRequests: none, reviewRequestedMergeRequests: none } } };
})();

/**
 * What a GitLab received that could change something: every POST, PUT and DELETE but GraphQL
 * queries (the popup's lists are read by POST, so all their pages share one CORS preflight; a
 * mutation or a REST write is listed).
 */
export function writesTo(s: Pick<StandIn, 'requests'>): StandIn['requests'] {
  const isQuery = (r: StandIn['requests'][number]) => r.path === '/api/graphql' && /^\s*query\b/.test(String(r.body.query ?? ''));
  return s.requests.filter((r) => ['POST', 'PUT', 'DELETE'].includes(r.method) && !isQuery(r));
}
