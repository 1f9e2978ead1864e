/**
 * Every GitLab DOM hook the extension relies on, with the eras it serves. GitLab redesigns its
 * pages often, so: prefer `data-testid` and `js-*` hooks over styling classes, rank several
 * anchors per era, and always fall back to a floating panel so the widget never disappears.
 * Fixture pages per era live in tests/fixtures/pages/.
 */

export interface Anchor {
  selector: string;
  eras: string;
}

/** GitLab's own time tracking block: the widget goes right after it (a sibling, which Vue leaves alone). */
export const TIME_TRACKING_ANCHORS: readonly Anchor[] = [
  { selector: '[data-testid="work-item-time-tracking"]', eras: '17.10+ work items' },
  { selector: '[data-testid="time-tracker"]', eras: '13-16 legacy sidebar (Vue)' },
  { selector: 'aside.js-issuable-sidebar .block.time-tracking', eras: '12.9-16 legacy sidebar' },
  { selector: '#issuable-time-tracker', eras: '8.16-12.8' },
];

/** No time tracking block (e.g. collapsed or feature off): the top of the sidebar. */
export const SIDEBAR_ANCHORS: readonly Anchor[] = [
  { selector: '[data-testid="work-item-overview-right-sidebar"]', eras: '17.10+ work items' },
  { selector: 'aside.js-issuable-sidebar .issuable-sidebar', eras: '12.9-16 legacy sidebar' },
  { selector: 'aside.right-sidebar', eras: '8.x-16' },
];

/** `<body data-page>` values of issue views; GitLab's own layout specs test this attribute. */
export const ISSUE_PAGE_IDS: readonly string[] = ['projects:issues:show', 'projects:incidents:show', 'projects:work_items:show'];

export type Placement = { kind: 'after'; element: Element } | { kind: 'prepend'; element: Element } | { kind: 'floating' };

export function findPlacement(root: ParentNode): Placement {
  for (const anchor of TIME_TRACKING_ANCHORS) {
    const element = root.querySelector(anchor.selector);
    if (element) return { kind: 'after', element };
  }
  for (const anchor of SIDEBAR_ANCHORS) {
    const element = root.querySelector(anchor.selector);
    if (element) return { kind: 'prepend', element };
  }
  return { kind: 'floating' };
}

/** The project full path the page itself declares (17.x+ body attribute, 16.x sidebar options). */
export function declaredProjectPath(doc: Document): string | null {
  const fromBody = doc.body?.dataset.projectFullPath;
  if (fromBody) return fromBody;
  const options = doc.querySelector('script.js-sidebar-options[type="application/json"]');
  if (options?.textContent) {
    try {
      const parsed: unknown = JSON.parse(options.textContent);
      if (parsed && typeof parsed === 'object' && 'fullPath' in parsed && typeof parsed.fullPath === 'string') return parsed.fullPath;
    } catch {
      // A page we do not understand: fall back to the URL.
    }
  }
  return null;
}

export function pageId(doc: Document): string | null {
  return doc.body?.dataset.page ?? null;
}
