/**
 * Every GitLab DOM hook the extension relies on, each with the eras it serves (in a comment:
 * this module ships inside the widget, where every byte counts). GitLab redesigns its
 * pages often, so: prefer `data-testid` and `js-*` hooks over styling classes, rank several
 * anchors per era, and always fall back to a floating panel so the widget never disappears.
 * Fixture pages per era live in tests/fixtures/pages/ and lib/content/placement.test.ts proves
 * each anchor on them. Everything here reads the DOM; nothing writes to it.
 */

/**
 * GitLab's own time tracking block, on issue and merge request pages: the widget goes right after
 * it (a sibling, which Vue leaves alone). Inside the legacy sidebar the hooks sit on Vue's inner
 * div, so the widget goes after its `.block` (the Vue root, a child of server HTML).
 */
const WORK_ITEM_TIME_TRACKING = '[data-testid="work-item-time-tracking"]'; // 17.10+ work items, page and drawer
const TIME_TRACKING_ANCHORS: readonly string[] = [
  WORK_ITEM_TIME_TRACKING,
  // 13-18 legacy and merge request sidebar (Vue), also inside 16+'s `.block.time-tracking`
  '[data-testid="time-tracker"]',
  '.time_tracker', // 8.16-12.x; the only hook 9.5-12.x, where Vue replaced the mount point
  // The mount point Vue replaces with its component; a sibling inserted before that survives it.
  '#issuable-time-tracker', // 8.16-12.8
];

/** No time tracking block (collapsed, feature off, not rendered yet): the top of the sidebar. */
const SIDEBAR_ANCHORS: readonly string[] = [
  '[data-testid="work-item-overview-right-sidebar"]', // 17.10+ work items, page and drawer
  'aside.js-issuable-sidebar .issuable-sidebar', // 9-16 legacy sidebar
  'aside.right-sidebar', // 8.x-16
];

/**
 * A drawer or side panel that shows one issue over a list, a board or another issue (`?show=`).
 * While one is open, the widget belongs inside it, never beside the page's own issue.
 */
const DRAWER_ROOTS: readonly string[] = [
  '[data-testid="work-item-drawer"]', // 17.x+ drawer on issue lists, boards and issues
];

/**
 * The item's title: named in the timer so the popup and the badge can say what runs. 8.x-13.x
 * headers have an `h1.title` too (the logo, or the project's name), so `h2.title` comes first.
 */
const TITLE_SELECTORS: readonly string[] = [
  '[data-testid="work-item-title"]', // 17.x+ work items, page and drawer
  '[data-testid="issue-title"]', // 13-16
  'h2.title', // 8.x-15.x issues and merge requests
  'h1.title', // 16+ merge requests (data-testid="title-content"), 12.x-16 issues
];

/** The legacy sidebar's options (JSON), holding `timeTrackingLimitToHours` and `canCreateTimelogs`. */
const SIDEBAR_OPTIONS = 'script.js-sidebar-options[type="application/json"]';

/**
 * Where GitLab tells a visitor the project is archived. The banner has no stable hook across
 * eras, so its text is read, but only from these few alert-like elements, never the whole page:
 * 13+ "This is an archived project. Repository and other project resources are read-only.",
 * 8-12 "Archived project! Repository and other project resources are read only" (verify).
 */
const ARCHIVED_NOTICES = '.flash-container .gl-alert, .flash-warning, .project-archived-banner, .text-warning';
const ARCHIVED_TEXT = /archived project/i;

/** Classes GitLab puts on `<html>` (13+) or `<body>` for its dark mode and explicit light mode. */
const DARK_CLASS = 'gl-dark';
const LIGHT_CLASS = 'gl-light';

export type Placement =
  | { kind: 'after'; element: Element }
  | { kind: 'prepend'; element: Element }
  /** `hidden`: GitLab's block is there but hidden (a merge request's Changes tab hides its sidebar since 16.9). */
  | { kind: 'floating'; hidden?: Element };

/** Whether the page shows the element (not inside something `display: none`); a browser without the check: yes. */
function rendered(element: Element): boolean {
  return typeof element.checkVisibility !== 'function' || element.checkVisibility();
}

function first(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return null;
}

/** The open drawer that shows an issue, if any. */
export function drawerRoot(doc: Document): Element | null {
  return first(doc, DRAWER_ROOTS);
}

/**
 * Where the widget goes inside `root` (the page, or an open drawer): after GitLab's own time
 * tracking block, else at the top of the sidebar, else floating. A block or sidebar the page
 * hides (a merge request's other tabs hide the Overview pane and the sidebar in it) is no place
 * to be seen: the widget floats until it shows again.
 */
export function findPlacement(root: ParentNode): Placement {
  const block = first(root, TIME_TRACKING_ANCHORS);
  const anchor = block?.closest(`${WORK_ITEM_TIME_TRACKING},.block`) ?? block;
  if (anchor && rendered(anchor)) return { kind: 'after', element: anchor };
  const sidebar = first(root, SIDEBAR_ANCHORS);
  if (sidebar && rendered(sidebar)) return { kind: 'prepend', element: sidebar };
  const hidden = anchor ?? sidebar;
  return hidden ? { kind: 'floating', hidden } : { kind: 'floating' };
}

export function issueTitle(root: ParentNode): string | undefined {
  return first(root, TITLE_SELECTORS)?.textContent?.trim() || undefined;
}

export interface SidebarOptions {
  timeTrackingLimitToHours?: boolean;
  canCreateTimelogs?: boolean;
}

/** The legacy sidebar's JSON options (13-17); null where the page has none or they do not parse. */
export function sidebarOptions(doc: Document): SidebarOptions | null {
  const text = doc.querySelector(SIDEBAR_OPTIONS)?.textContent;
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return null;
    const record = parsed as Record<string, unknown>;
    const options: SidebarOptions = {};
    if (typeof record.timeTrackingLimitToHours === 'boolean') options.timeTrackingLimitToHours = record.timeTrackingLimitToHours;
    if (typeof record.canCreateTimelogs === 'boolean') options.canCreateTimelogs = record.canCreateTimelogs;
    return options;
  } catch {
    // A page we do not understand: the URL is enough.
    return null;
  }
}

/**
 * GitLab's application layout sets `<body data-page>` on every page it renders (its own layout
 * specs test it); its static error pages do not. Which value it has is no help: after
 * client-side navigation or in a drawer it still names the page first loaded.
 */
export function isGitLabAppPage(doc: Document): boolean {
  return doc.body?.hasAttribute('data-page') === true;
}

export function isArchivedProjectPage(doc: Document): boolean {
  for (const notice of doc.querySelectorAll(ARCHIVED_NOTICES)) {
    if (ARCHIVED_TEXT.test(notice.textContent ?? '')) return true;
  }
  return false;
}

/**
 * GitLab's colour mode: dark or light when it says so with a class; otherwise (its "auto" mode, or
 * an era without dark mode) whatever the page's background is, and the system's preference when
 * the page paints none.
 */
export function pageIsDark(doc: Document, prefersDark: boolean): boolean {
  const classes = [doc.documentElement?.classList, doc.body?.classList];
  if (classes.some((c) => c?.contains(DARK_CLASS))) return true;
  if (classes.some((c) => c?.contains(LIGHT_CLASS))) return false;
  const background = doc.body ? doc.defaultView?.getComputedStyle(doc.body).backgroundColor : undefined;
  const rgba = background?.match(/[\d.]+/g)?.map(Number);
  if (rgba && rgba.length >= 3 && (rgba.length < 4 || rgba[3]! > 0)) {
    const [r = 0, g = 0, b = 0] = rgba;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  }
  return prefersDark;
}
