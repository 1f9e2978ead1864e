// HTML pages of the stand-in: issue pages rendered from the era fixtures, and plain
// "other GitLab pages" (dashboard, project, issue list, group, user) where the
// extension must not mount its issue widget.

import { readFile } from 'node:fs/promises';
import { humanDuration } from './duration';
import { findProject, issueWebPath, type ApiState } from './api';
import type { IssueRecord, StandInProject, StandInUser } from './seed';

export interface PageResult {
  status: number;
  contentType?: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface PageContext {
  /** relative_url_root, '' or e.g. '/gitlab'. */
  basePath: string;
}

const TEMPLATES: Record<StandInProject['pageStyle'], URL> = {
  'work-items': new URL('../fixtures/pages/work-items-17.html', import.meta.url),
  legacy: new URL('../fixtures/pages/legacy-sidebar-16.html', import.meta.url),
};

const HTML = 'text/html; charset=utf-8';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function fillTemplate(template: string, values: Record<string, string>): string {
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

  const issuePage = /^\/(.+?)\/-\/(issues|work_items)\/(incident\/)?(\d+)\/?$/.exec(path);
  if (issuePage) {
    const [, fullPath = '', kind = 'issues', incident, iid = ''] = issuePage;
    return renderIssuePage(state, fullPath, Number(iid), { kind: kind === 'work_items' ? 'work_items' : 'issues', incident: incident !== undefined }, ctx);
  }

  const issueList = /^\/(.+?)\/-\/issues\/?$/.exec(path);
  if (issueList) {
    const project = findProject(state.data, issueList[1] ?? '');
    return project ? issueListPage(state, project, ctx) : notFoundPage(ctx);
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

  const template = await readFile(TEMPLATES[project.pageStyle], 'utf8');
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
  });
  // The fixtures are issue pages; GitLab names the other routes differently.
  const dataPage = route.kind === 'work_items' ? 'projects:work_items:show' : route.incident ? 'projects:incidents:show' : null;
  if (dataPage) html = html.replace('data-page="projects:issues:show"', `data-page="${dataPage}"`);
  return { status: 200, contentType: HTML, body: html };
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
<style>body { font-family: system-ui, sans-serif; margin: 0; } main { padding: 16px 24px; } li { margin: 4px 0; }</style>
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

function issueLink(state: ApiState, issue: IssueRecord, ctx: PageContext): string {
  const project = state.data.projects.find((p) => p.id === issue.projectId);
  if (!project) return '';
  const href = `${ctx.basePath}${issueWebPath(project, issue)}`;
  return `<li class="issue" data-testid="issuable-item"><a href="${escapeHtml(href)}">${escapeHtml(issue.title)}</a> <span class="issuable-reference">${escapeHtml(project.fullPath)}#${issue.iid}</span></li>`;
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

function issueListPage(state: ApiState, project: StandInProject, ctx: PageContext): PageResult {
  const issues = state.data.issues.filter((i) => i.projectId === project.id && i.state === 'opened');
  return {
    status: 200,
    contentType: HTML,
    body: layout(ctx, {
      title: `Issues · ${project.fullPath}`,
      dataPage: 'projects:issues:index',
      bodyAttributes: projectBodyAttributes(project),
      content: `<h1>Issues</h1>\n<ul class="content-list issues-list" data-testid="issuable-list">\n${issues.map((i) => issueLink(state, i, ctx)).join('\n')}\n</ul>`,
    }),
  };
}

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
