// HTML pages of the stand-in: issue pages rendered from the era fixtures, issue lists and
// boards that open issues in a drawer (`?show=`, as GitLab 17 does), and plain "other GitLab
// pages" (dashboard, project, group, user) where the extension must not mount its issue widget.
// A small script (STAND_IN_SCRIPT) gives the pages GitLab 17's client-side behaviour: drawers
// that open, switch and close with pushState, work items that navigate to each other without a
// page load, and a sidebar that re-renders on demand (`standIn.rerenderSidebar()`).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { humanDuration } from './duration';
import { commentCount, withComments } from './comments';
import { findProject, issueWebPath, mergeRequestWebPath, type ApiState } from './api';
import type { IssueRecord, StandInProject, StandInUser } from './seed';
import type { EraName } from './eras';

export interface PageResult {
  status: number;
  contentType?: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface PageContext {
  /** relative_url_root, '' or e.g. '/gitlab'. */
  basePath: string;
  /** The page URL's query (`show` opens a drawer on lists and boards). */
  query?: URLSearchParams;
}

// Paths, not URLs: under a DOM test environment the global URL is not Node's and mis-resolves file: URLs.
const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures/pages', name);
const TEMPLATES: Record<StandInProject['pageStyle'], string> = {
  'work-items': fixture('work-items-17.html'),
  legacy: fixture('legacy-sidebar-16.html'),
};
const DRAWER_TEMPLATE = fixture('work-item-drawer-17.html');

const HTML = 'text/html; charset=utf-8';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  // Unknown keys stay visible, so a fixture edit that adds a placeholder is noticed.
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : escapeHtml(value);
  });
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

type IssueRoute = { kind: 'issues' | 'work_items'; incident: boolean };

export async function renderPage(state: ApiState, rawPath: string, ctx: PageContext): Promise<PageResult> {
  const path = safeDecode(rawPath);
  if (path === null) return notFoundPage(ctx);

  if (path === '/' || path === '') return rootPage(state, ctx);

  const avatar = /^\/uploads\/-\/system\/user\/avatar\/(\d+)\/avatar\.png$/.exec(path);
  if (avatar) return avatarImage(state, Number(avatar[1]));

  // Before 12.9 issue pages had no `/-/`; the stand-in of such an era serves only those.
  const oldEra = state.era?.oldIssueUrls === true;
  const oldEraIssue = oldEra ? /^\/(.+?)\/issues\/(\d+)\/?$/.exec(path) : null;
  if (oldEraIssue) return renderIssuePage(state, oldEraIssue[1] ?? '', Number(oldEraIssue[2]), { kind: 'issues', incident: false }, ctx);
  const issuePage = oldEra ? null : /^\/(.+?)\/-\/(issues|work_items)\/(incident\/)?(\d+)\/?$/.exec(path);
  if (issuePage) {
    const [, fullPath = '', kind = 'issues', incident, iid = ''] = issuePage;
    return renderIssuePage(state, fullPath, Number(iid), { kind: kind === 'work_items' ? 'work_items' : 'issues', incident: incident !== undefined }, ctx);
  }

  // Merge requests: `/<project>/merge_requests/<iid>` before 12.x, `/-/merge_requests/<iid>` since; the tabs too.
  const mergeRequestPage = (oldEra ? /^\/(.+?)\/merge_requests\/(\d+)(?:\/(commits|pipelines|diffs|builds))?\/?$/ : /^\/(.+?)\/-\/merge_requests\/(\d+)(?:\/(commits|pipelines|diffs))?\/?$/).exec(path);
  if (mergeRequestPage) return renderMergeRequestPage(state, mergeRequestPage[1] ?? '', Number(mergeRequestPage[2]), ctx, mergeRequestPage[3] ?? 'show');

  const groupList = /^\/groups\/(.+?)\/-\/issues\/?$/.exec(path);
  if (groupList) {
    const namespace = state.data.projects.map((p) => p.namespace).find((n) => n.fullPath === groupList[1]);
    if (!namespace) return notFoundPage(ctx);
    const inGroup = (p: StandInProject | undefined) => !!p && (p.namespace.fullPath === namespace.fullPath || p.namespace.fullPath.startsWith(`${namespace.fullPath}/`));
    // Fixed issues first (one per project), so subgroups show too.
    const issues = state.data.issues.filter((i) => i.state === 'opened' && inGroup(projectOf(state, i))).sort((a, b) => a.iid - b.iid).slice(0, 8);
    return issueListPage(state, ctx, { title: `Issues · ${namespace.name}`, dataPage: 'groups:issues', bodyAttributes: { 'data-group': namespace.path, 'data-group-full-path': namespace.fullPath }, issues });
  }

  // Merge request lists, project and group, in the Vue list's row markup (mr-list-17.html).
  const mergeRequestList = /^\/(groups\/)?(.+?)\/-\/merge_requests\/?$/.exec(path);
  if (mergeRequestList) {
    const group = mergeRequestList[1] !== undefined;
    const owner = mergeRequestList[2] ?? '';
    const projects = state.data.projects.filter((p) => (group ? p.namespace.fullPath === owner || p.namespace.fullPath.startsWith(`${owner}/`) : p.fullPath === owner));
    if (!projects.length) return notFoundPage(ctx);
    const rows = state.data.mergeRequests
      .filter((m) => m.state === 'opened' && projects.some((p) => p.id === m.projectId))
      .slice(0, 8)
      .map((m) => {
        const project = projects.find((p) => p.id === m.projectId)!;
        const link = `<a href="${escapeHtml(`${ctx.basePath}${mergeRequestWebPath(project, m, state.era)}`)}">${escapeHtml(m.title)}</a>`;
        return listRow('list', link, `${escapeHtml(project.fullPath)}!${m.iid}`, m.id, m.iid);
      })
      .join('\n');
    const content = `<h1>Merge requests</h1>\n<ul class="content-list issuable-list" data-testid="issuable-list">\n${rows}\n</ul>`;
    return { status: 200, contentType: HTML, body: layout(ctx, { title: `Merge requests · ${owner}`, dataPage: group ? 'groups:merge_requests' : 'projects:merge_requests:index', content }) };
  }

  const projectList = /^\/(.+?)\/-\/(issues|boards)(?:\/(\d+))?\/?$/.exec(path);
  if (projectList && (projectList[2] === 'boards' || projectList[3] === undefined)) {
    const project = findProject(state.data, projectList[1] ?? '');
    if (!project) return notFoundPage(ctx);
    const issues = state.data.issues.filter((i) => i.projectId === project.id && i.state === 'opened').slice(0, 8);
    const board = projectList[2] === 'boards';
    return issueListPage(state, ctx, {
      title: `${board ? 'Issue boards' : 'Issues'} · ${project.fullPath}`,
      dataPage: board ? 'projects:boards:show' : 'projects:issues:index',
      bodyAttributes: projectBodyAttributes(project),
      issues,
      board,
    });
  }

  // Pre-13.0 issue URLs; GitLab 13-15 redirected them to the `/-/` form.
  const oldIssue = /^\/(.+?)\/issues\/(\d+)\/?$/.exec(path);
  if (oldIssue) {
    const project = findProject(state.data, oldIssue[1] ?? '');
    if (project) {
      return { status: 302, headers: { Location: `${ctx.basePath}/${project.fullPath}/-/issues/${oldIssue[2] ?? ''}` }, body: '' };
    }
  }

  const plain = /^\/(?:groups\/)?(.+?)\/?$/.exec(path)?.[1] ?? '';
  const project = findProject(state.data, plain);
  if (project && !/^\d+$/.test(plain)) return projectPage(state, project, ctx);
  const namespace = state.data.projects.map((p) => p.namespace).find((n) => n.fullPath.toLowerCase() === plain.toLowerCase());
  if (namespace) return groupPage(state, namespace.fullPath, namespace.name, ctx);
  const user = state.data.users.find((u) => u.username === plain);
  if (user) return userPage(user, ctx);
  return notFoundPage(ctx);
}

async function renderIssuePage(state: ApiState, fullPath: string, iid: number, route: IssueRoute, ctx: PageContext): Promise<PageResult> {
  const project = findProject(state.data, fullPath);
  // A numeric "full path" is a project id, which GitLab never accepts in page URLs.
  if (!project || /^\d+$/.test(fullPath)) return notFoundPage(ctx);
  const issue = state.data.issues.find((i) => i.projectId === project.id && i.iid === iid);
  if (!issue) return notFoundPage(ctx);

  const template = await readFile(state.era?.pageTemplate ? fixture(state.era.pageTemplate) : TEMPLATES[project.pageStyle], 'utf8');
  const assignee = issue.assigneeIds.map((id) => state.data.users.find((u) => u.id === id)?.name).filter(Boolean).join(', ');
  const author = state.data.users.find((u) => u.id === issue.authorId);
  let html = fillTemplate(template, {
    TITLE: issue.title,
    IID: String(issue.iid),
    FULL_PATH: project.fullPath,
    PROJECT_NAME: project.path,
    PROJECT_ID: String(project.id),
    GROUP_NAME: project.namespace.path,
    GROUP_PATH: project.namespace.fullPath,
    NAMESPACE_ID: String(project.namespace.id),
    BASE_PATH: ctx.basePath,
    AUTHOR: author?.username ?? 'ghost',
    DESCRIPTION: issue.description,
    ASSIGNEE: assignee || 'None',
    HUMAN_SPENT: humanDuration(issue.totalTimeSpent) ?? '0h',
    HUMAN_ESTIMATE: humanDuration(issue.timeEstimate) ?? '0h',
    ISSUE_ID: String(issue.id),
    CAN_CREATE_TIMELOGS: project.accessLevel >= 20 ? 'true' : 'false',
    TIME_ESTIMATE: String(issue.timeEstimate),
    TIME_SPENT: String(issue.totalTimeSpent),
    PRODUCT: state.era?.product ?? 'GitLab',
  });
  // The fixtures are issue pages; GitLab names the other routes differently.
  const dataPage = route.kind === 'work_items' ? 'projects:work_items:show' : route.incident ? 'projects:incidents:show' : null;
  if (dataPage) html = html.replace('data-page="projects:issues:show"', `data-page="${dataPage}"`);
  if (project.archived) html = html.replace('</header>', `</header>\n${ARCHIVED_BANNER}`);
  // GitLab 17 lists linked items in the work item; following one does not load a page.
  if (project.pageStyle === 'work-items' && !state.era?.pageTemplate) html = html.replace('<section id="notes-list"', `${linkedItems(state, issue, ctx)}\n<section id="notes-list"`);
  // The benchmark's busy issue: `?comments=2000` (comments.ts).
  const comments = commentCount(ctx.query);
  if (comments) html = withComments(html, comments);
  return { status: 200, contentType: HTML, body: withStandInScript(html) };
}

/** GitLab's merge request page of the era played (tests/fixtures/pages/mr-*.html, GitLab's markup as it is). */
const MERGE_REQUEST_TEMPLATES: Record<EraName, string> = {
  '8.12': 'mr-8-16.html',
  gitswarm: 'mr-8-16.html',
  '8.16': 'mr-8-16.html',
  '10.x': 'mr-10.html',
  '16.x': 'mr-legacy-16.html',
  '17.x': 'mr-17.html',
};

/**
 * A merge request page: the era's fixture, which shows acme/web!7 (global id 1007) "Fix: login
 * works again!", made to show this merge request instead. Its sidebar's own numbers stay the
 * fixture's; the widget reads the API.
 */
/**
 * The tab a merge request page opens on (GitLab renders it active from the URL), and the pane
 * each tab shows: since 16.9 the sidebar sits inside the Overview pane (#notes), so the other
 * tabs hide it. Bootstrap's rule shows only the active pane.
 */
const TAB_PANES: Record<string, string> = { show: 'notes', commits: 'commits', pipelines: 'pipelines', diffs: 'js-diffs-app' };
const TAB_PANE_RULE = '<style>.tab-content > .tab-pane { display: none; } .tab-content > .tab-pane.active { display: block; }</style>';

function withActiveTab(html: string, tab: string): string {
  if (tab === 'show' || !html.includes('id="notes"')) return html;
  return html
    .replace(/(<li class="[^"]*)\bactive\b/, '$1')
    .replace(/(<div class="tab-pane[^"]*)\bactive\b/, '$1')
    .replace(new RegExp(`(<li class="${tab}-tab[^"]*)"`), '$1 active"')
    .replace(new RegExp(`(<div class="tab-pane[^"]*)("[^>]*id="${TAB_PANES[tab] ?? 'notes'}")`), '$1 active$2');
}

async function renderMergeRequestPage(state: ApiState, fullPath: string, iid: number, ctx: PageContext, tab = 'show'): Promise<PageResult> {
  const project = findProject(state.data, fullPath);
  if (!project || /^\d+$/.test(fullPath)) return notFoundPage(ctx);
  const mr = state.data.mergeRequests.find((m) => m.projectId === project.id && m.iid === iid);
  if (!mr) return notFoundPage(ctx);
  const template = await readFile(fixture(MERGE_REQUEST_TEMPLATES[state.era?.name ?? '17.x']), 'utf8');
  const html = template
    .replace(/<!--[\s\S]*?-->/, '')
    .replaceAll('Fix: login works again!', escapeHtml(mr.title))
    .replaceAll('acme/web', project.fullPath)
    .replaceAll('acme / web', escapeHtml(namespaceTitle(project)))
    .replace(/(merge_requests\/|!|MergeRequest\/)(7|1007)\b/g, (_, prefix: string, n: string) => `${prefix}${n === '1007' ? mr.id : mr.iid}`)
    .replaceAll('href="/', `href="${escapeHtml(ctx.basePath)}/`)
    .replace('</head>', `${TAB_PANE_RULE}\n</head>`);
  return { status: 200, contentType: HTML, body: withStandInScript(withActiveTab(html, tab === 'builds' ? 'pipelines' : tab)) };
}

function namespaceTitle(project: StandInProject): string {
  return `${project.namespace.fullPath.split('/').join(' / ')} / ${project.path}`;
}

const ARCHIVED_BANNER =
  '<div class="flash-container"><div class="gl-alert gl-alert-warning" role="alert"><div class="gl-alert-body">This is an archived project. Repository and other project resources are read-only.</div></div></div>';

function projectOf(state: ApiState, issue: IssueRecord): StandInProject | undefined {
  return state.data.projects.find((p) => p.id === issue.projectId);
}

/** The next two open issues of the same project and the first of another, as client-side links. */
function linkedItems(state: ApiState, issue: IssueRecord, ctx: PageContext): string {
  const open = state.data.issues.filter((i) => i.state === 'opened' && i.id !== issue.id);
  const sameProject = open.filter((i) => i.projectId === issue.projectId).slice(0, 2);
  const trackable = (p: StandInProject | undefined) => p?.pageStyle === 'work-items' && p.accessLevel >= 20 && !p.archived;
  const otherProject = open.find((i) => i.projectId !== issue.projectId && trackable(projectOf(state, i)));
  const links = [...sameProject, ...(otherProject ? [otherProject] : [])].map((linked) => {
    const project = projectOf(state, linked);
    if (!project) return '';
    const href = `${ctx.basePath}${issueWebPath(project, linked, state.era)}`;
    return `<li><a href="${escapeHtml(href)}" data-testid="work-item-link" data-client-side>${escapeHtml(linked.title)}</a> <span>${escapeHtml(project.fullPath)}#${linked.iid}</span></li>`;
  });
  return `<section data-testid="work-item-relationships"><h3>Linked items</h3><ul>\n${links.join('\n')}\n</ul></section>`;
}

/** GitLab 17's `?show=` value: base64 of `{"iid":"12","full_path":"group/project","id":123}`. */
export function showParam(project: StandInProject, issue: IssueRecord): string {
  return Buffer.from(JSON.stringify({ iid: String(issue.iid), full_path: project.fullPath, id: issue.id })).toString('base64');
}

function decodeShowParam(state: ApiState, value: string): IssueRecord | undefined {
  try {
    const data = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { iid?: unknown; full_path?: unknown };
    const project = typeof data.full_path === 'string' ? findProject(state.data, data.full_path) : undefined;
    return state.data.issues.find((i) => i.projectId === project?.id && String(i.iid) === String(data.iid));
  } catch {
    return undefined;
  }
}

async function drawerHtml(state: ApiState, issue: IssueRecord, ctx: PageContext): Promise<string> {
  const project = projectOf(state, issue);
  if (!project) return '';
  const assignee = issue.assigneeIds.map((id) => state.data.users.find((u) => u.id === id)?.name).filter(Boolean).join(', ');
  return fillTemplate(await readFile(DRAWER_TEMPLATE, 'utf8'), {
    BASE_PATH: ctx.basePath,
    FULL_PATH: project.fullPath,
    IID: String(issue.iid),
    TITLE: issue.title,
    DESCRIPTION: issue.description,
    ASSIGNEE: assignee || 'None',
    HUMAN_SPENT: humanDuration(issue.totalTimeSpent) ?? '0h',
    HUMAN_ESTIMATE: humanDuration(issue.timeEstimate) ?? '0h',
  });
}

/**
 * GitLab 17's client-side behaviour, enough for the extension to meet it: list and board items
 * open their issue in a drawer (pushState `?show=`), the drawer's close button closes it, linked
 * work items load without a page load, popstate follows, and `standIn.rerenderSidebar()` re-renders
 * the sidebar from the server as Vue would.
 */
const STAND_IN_SCRIPT = `<script>
(() => {
  const show = () => new URLSearchParams(location.search).get('show');
  const syncDrawer = () => {
    document.querySelector('[data-testid="work-item-drawer"]')?.remove();
    const template = show() && [...document.querySelectorAll('template[data-show]')].find((t) => t.dataset.show === show());
    if (template) document.body.append(template.content.cloneNode(true));
  };
  const go = (url) => { history.pushState({}, '', url); };
  const fresh = async () => new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
  const swapWorkItem = async () => {
    const next = await fresh();
    const app = document.querySelector('#js-work-items');
    const incoming = next.querySelector('#js-work-items');
    if (app && incoming) { app.replaceWith(incoming); document.title = next.title; }
  };
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const item = target?.closest('a[data-show]');
    const close = target?.closest('[data-testid="close-drawer"]');
    const link = target?.closest('a[data-client-side]');
    const tab = target?.closest('a[data-toggle="tabvue"]');
    if (tab) {
      // merge_request_tabs.js: the tab's pane shows, the others hide, the URL follows (pushState).
      event.preventDefault();
      const panes = ${JSON.stringify(TAB_PANES)};
      document.querySelectorAll('.merge-request-tabs li').forEach((li) => li.classList.toggle('active', li.contains(tab)));
      document.querySelectorAll('.tab-content > .tab-pane').forEach((pane) => pane.classList.toggle('active', pane.id === panes[tab.dataset.action]));
      // hideSidebar / showSidebar: the sidebar's inline width.
      const sidebar = document.querySelector('aside.js-right-sidebar');
      if (sidebar) sidebar.style.width = tab.dataset.action === 'show' ? '' : '0px';
      go(tab.href);
      return;
    }
    if (item || close) {
      event.preventDefault();
      const url = new URL(location.href);
      if (item) url.searchParams.set('show', item.dataset.show); else url.searchParams.delete('show');
      go(url);
      syncDrawer();
    } else if (link) {
      event.preventDefault();
      go(link.href);
      swapWorkItem();
    }
  });
  addEventListener('popstate', () => { if (document.querySelector('#js-work-items')) swapWorkItem(); syncDrawer(); });
  window.standIn = {
    async rerenderSidebar() {
      const selector = '[data-testid="work-item-overview-right-sidebar"], .issuable-sidebar';
      const sidebar = document.querySelector(selector);
      const incoming = (await fresh()).querySelector(selector);
      if (sidebar && incoming) sidebar.innerHTML = incoming.innerHTML;
    },
  };
})();
</script>`;

function withStandInScript(html: string): string {
  return html.replace('</body>', `${STAND_IN_SCRIPT}\n</body>`);
}

// ---------------------------------------------------------------------------
// Plain pages

interface LayoutOptions {
  title: string;
  dataPage: string;
  bodyAttributes?: Record<string, string>;
  content: string;
}

function layout(ctx: PageContext, opts: LayoutOptions): string {
  const attributes = Object.entries({ 'data-page': opts.dataPage, ...opts.bodyAttributes })
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(opts.title)} · GitLab</title>
<meta content="GitLab" property="og:site_name">
<meta name="csrf-token" content="stand-in-csrf">
<style>body { font-family: system-ui, sans-serif; margin: 0; } main { padding: 16px 24px; } li { margin: 4px 0; }
.work-item-drawer { position: fixed; top: 0; right: 0; bottom: 0; width: min(520px, 90vw); overflow: auto; padding: 16px; background: #fff; box-shadow: -4px 0 16px rgba(0,0,0,.15); }</style>
</head>
<body class="gl-browser-chrome ui-neutral"${attributes}>
<header class="header-logged-in" data-testid="navbar"><a href="${escapeHtml(ctx.basePath)}/">GitLab</a></header>
<main class="content-wrapper" id="content-body">
${opts.content}
</main>
</body>
</html>
`;
}

function issueLink(state: ApiState, issue: IssueRecord, ctx: PageContext, opts: { drawer?: boolean; row?: 'list' | 'board' } = {}): string {
  const project = state.data.projects.find((p) => p.id === issue.projectId);
  if (!project) return '';
  const href = `${ctx.basePath}${issueWebPath(project, issue, state.era)}`;
  const drawer = opts.drawer ? ` data-show="${escapeHtml(showParam(project, issue))}"` : '';
  const link = `<a href="${escapeHtml(href)}"${drawer}>${escapeHtml(issue.title)}</a>`;
  const reference = `${escapeHtml(project.fullPath)}#${issue.iid}`;
  return listRow(opts.row, link, reference, issue.id, issue.iid);
}

/**
 * A row or card in the markup of GitLab's lists and boards (tests/fixtures/pages/issue-list-17.html,
 * board-17.html: the hooks the extension reads, without GitLab's styling classes); plain elsewhere.
 */
function listRow(row: 'list' | 'board' | undefined, link: string, reference: string, id: number, iid: number): string {
  if (row === 'board') {
    return `<li class="board-card" data-testid="board-card" data-item-id="${id}" data-item-iid="${iid}" data-item-path="${reference}"><h3 class="board-card-title">${link}</h3> <span class="board-card-number">${reference}</span></li>`;
  }
  if (row === 'list') {
    return `<li class="issue" data-testid="issuable-container" id="issuable_${id}"><div class="issue-title title" data-testid="issuable-title">${link}</div> <span class="issuable-reference" data-testid="issuable-reference">${reference}</span></li>`;
  }
  return `<li class="issue" data-testid="issuable-item">${link} <span class="issuable-reference">${reference}</span></li>`;
}

function projectBodyAttributes(project: StandInProject): Record<string, string> {
  return {
    'data-project': project.path,
    'data-project-id': String(project.id),
    'data-project-full-path': project.fullPath,
    'data-group': project.namespace.path,
    'data-group-full-path': project.namespace.fullPath,
    'data-namespace-id': String(project.namespace.id),
  };
}

function rootPage(state: ApiState, ctx: PageContext): PageResult {
  const me = state.data.users[0];
  const projects = state.data.projects
    .map((p) => `<li><a href="${escapeHtml(`${ctx.basePath}/${p.fullPath}`)}">${escapeHtml(p.fullPath)}</a></li>`)
    .join('\n');
  const assigned = state.data.issues
    .filter((i) => i.state === 'opened' && me !== undefined && i.assigneeIds.includes(me.id))
    .slice(0, 6)
    .map((i) => issueLink(state, i, ctx))
    .join('\n');
  return {
    status: 200,
    contentType: HTML,
    body: layout(ctx, {
      title: 'Projects',
      dataPage: 'root:index',
      content: `<h1>Projects</h1>\n<ul class="projects-list">\n${projects}\n</ul>\n<h2>Assigned issues</h2>\n<ul class="issues-list">\n${assigned}\n</ul>`,
    }),
  };
}

function projectPage(state: ApiState, project: StandInProject, ctx: PageContext): PageResult {
  const issues = state.data.issues.filter((i) => i.projectId === project.id && i.state === 'opened').slice(0, 5);
  return {
    status: 200,
    contentType: HTML,
    body: layout(ctx, {
      title: `${project.name} · ${project.fullPath}`,
      dataPage: 'projects:show',
      bodyAttributes: projectBodyAttributes(project),
      content: `<h1 class="project-title">${escapeHtml(project.name)}</h1>\n<p>${escapeHtml(project.description)}</p>\n` +
        `<p><a href="${escapeHtml(`${ctx.basePath}/${project.fullPath}/-/issues`)}">Issues</a></p>\n` +
        `<ul class="issues-list">\n${issues.map((i) => issueLink(state, i, ctx)).join('\n')}\n</ul>`,
    }),
  };
}

interface ListPage {
  title: string;
  dataPage: string;
  bodyAttributes: Record<string, string>;
  issues: IssueRecord[];
  board?: boolean;
}

/**
 * An issue list or a board whose items open in a drawer. Each item's drawer waits in a
 * <template>; a `?show=` in the URL (which may name an issue of another project) is rendered open.
 */
async function issueListPage(state: ApiState, ctx: PageContext, page: ListPage): Promise<PageResult> {
  const shown = ctx.query?.get('show');
  const open = shown ? decodeShowParam(state, shown) : undefined;
  const templates = await Promise.all(
    [...new Set([...page.issues, ...(open ? [open] : [])])].map(async (issue) => {
      const project = projectOf(state, issue);
      return project ? `<template data-show="${escapeHtml(showParam(project, issue))}">${await drawerHtml(state, issue, ctx)}</template>` : '';
    }),
  );
  const many = page.board ? Math.min(Number(ctx.query?.get('cards') ?? 0) || 0, 5000) : 0;
  const items = page.issues.map((i) => issueLink(state, i, ctx, { drawer: true, row: page.board ? 'board' : 'list' })).join('\n') + (many ? `\n${benchCards(ctx, page.issues[0], many)}` : '');
  // A board's second list starts empty: end-to-end tests drag cards there (as Sortable moves the node).
  const list = page.board
    ? `<div class="boards-list" data-testid="boards-list">` +
      `<div class="board" data-testid="board-list"><h2 data-testid="board-list-header">Open</h2><ul class="board-list" data-testid="board-list-cards-area">\n${items}\n</ul></div>` +
      `<div class="board" data-testid="board-list"><h2 data-testid="board-list-header">Doing</h2><ul class="board-list" data-testid="board-list-cards-area"></ul></div></div>`
    : `<ul class="content-list issues-list" data-testid="issuable-list">\n${items}\n</ul>`;
  const body = layout(ctx, {
    title: page.title,
    dataPage: page.dataPage,
    bodyAttributes: page.bodyAttributes,
    content: `<h1>${page.board ? 'Issue board' : 'Issues'}</h1>\n${list}\n${templates.join('\n')}\n${open ? await drawerHtml(state, open, ctx) : ''}`,
  });
  return { status: 200, contentType: HTML, body: withStandInScript(many ? body.replace('</body>', `${BOARD_CHANGES_SCRIPT}\n</body>`) : body) };
}

/**
 * The benchmark's big board (`?cards=2000`): that many more cards, of made-up issues of the
 * board's project (iids from 1001), in GitLab's card markup.
 */
function benchCards(ctx: PageContext, sample: IssueRecord | undefined, count: number): string {
  const href = (iid: number) => `${ctx.basePath}/acme/web/-/issues/${iid}`;
  const cards: string[] = [];
  for (let n = 0; n < count; n++) {
    const iid = 1001 + n;
    cards.push(listRow('board', `<a href="${escapeHtml(href(iid))}">${escapeHtml(sample?.title ?? 'Card')} ${iid}</a>`, `acme/web#${iid}`, 900000 + iid, iid));
  }
  return cards.join('\n');
}

/**
 * `standInBoard.change(n)`: n card changes, one per task, as GitLab's board makes them: a card
 * moved to the other list (Sortable moves the element), a new card, a card rendered again.
 */
const BOARD_CHANGES_SCRIPT = `<script>
window.standInBoard = {
  async change(n) {
    const areas = document.querySelectorAll('[data-testid="board-list-cards-area"]');
    let next = 90001;
    for (let i = 0; i < n; i++) {
      const cards = areas[0].children;
      const card = cards[(i * 37) % cards.length];
      if (i % 3 === 0) areas[1].prepend(card);
      else if (i % 3 === 1) {
        const copy = card.cloneNode(true);
        const link = copy.querySelector('.board-card-title a');
        link.setAttribute('href', link.getAttribute('href').replace(/\\d+$/, String(next++)));
        areas[0].prepend(copy);
      } else card.replaceWith(card.cloneNode(true));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  },
};
</script>`;

function groupPage(state: ApiState, fullPath: string, name: string, ctx: PageContext): PageResult {
  const projects = state.data.projects.filter((p) => p.namespace.fullPath === fullPath || p.namespace.fullPath.startsWith(`${fullPath}/`));
  return {
    status: 200,
    contentType: HTML,
    body: layout(ctx, {
      title: name,
      dataPage: 'groups:show',
      bodyAttributes: { 'data-group': fullPath.split('/').pop() ?? fullPath, 'data-group-full-path': fullPath },
      content: `<h1>${escapeHtml(name)}</h1>\n<ul>\n${projects
        .map((p) => `<li><a href="${escapeHtml(`${ctx.basePath}/${p.fullPath}`)}">${escapeHtml(p.fullPath)}</a></li>`)
        .join('\n')}\n</ul>`,
    }),
  };
}

function userPage(user: StandInUser, ctx: PageContext): PageResult {
  return {
    status: 200,
    contentType: HTML,
    body: layout(ctx, { title: user.name, dataPage: 'users:show', content: `<h1>${escapeHtml(user.name)}</h1>\n<p>@${escapeHtml(user.username)}</p>` }),
  };
}

function notFoundPage(ctx: PageContext): PageResult {
  // GitLab's 404 is a static page without the data-page attributes of the app layout.
  return {
    status: 404,
    contentType: HTML,
    body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>The page could not be found (404)</title></head>
<body>
<h1>404</h1>
<h3>Page not found</h3>
<p>Make sure the address is correct and the page hasn't moved.</p>
<p><a href="${escapeHtml(ctx.basePath)}/">Go to the GitLab home page</a></p>
</body>
</html>
`,
  };
}

function avatarImage(state: ApiState, userId: number): PageResult {
  const user = state.data.users.find((u) => u.id === userId);
  if (!user) return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not Found' };
  const initial = escapeHtml(user.name.charAt(0).toUpperCase());
  const hue = (userId * 67) % 360;
  // SVG under a .png name: browsers go by Content-Type, and real avatar URLs end in .png.
  return {
    status: 200,
    contentType: 'image/svg+xml',
    body: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue},45%,55%)"/><text x="32" y="42" font-family="sans-serif" font-size="30" text-anchor="middle" fill="#fff">${initial}</text></svg>`,
  };
}
