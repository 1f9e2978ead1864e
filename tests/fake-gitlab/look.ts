/**
 * GitLab's look for the stand-in's pages (`look: true`: the demo, the README's screenshots and the
 * store images), so the widget is seen as a user will see it. The pages keep their markup (GitLab's
 * own, from tests/fixtures/pages/); this adds what each era's stylesheet gives that markup:
 *
 * - 16.x and 17.x: GitLab's design tokens (`--gl-*` custom properties, light, dark under
 *   `html.gl-dark`, and the system's choice under `html.gl-system`), GitLab Sans with its system
 *   fallbacks at 14 px, the super sidebar (added where the page's markup lacks it), the top bar
 *   with breadcrumbs and the right sidebar's blocks;
 * - 10.x: the Indigo theme's header (`ui-indigo`) and the contextual sidebar, no tokens and no
 *   dark mode (GitLab had none before 13.x);
 * - 8.x and GitSwarm: the Charcoal theme (`ui_charcoal`) of the fixed header and its sidebar.
 *
 * The styles are written for the stand-in from what GitLab's pages show (its design system's
 * published token values); none is GitLab's stylesheet itself. Nothing here changes what the
 * extension reads: the selectors it uses keep their elements.
 */
import type { EraName } from './eras';

export type Theme = 'light' | 'dark' | 'system';

export const THEMES: readonly Theme[] = ['light', 'dark', 'system'];

export function themeOf(value: string | null | undefined): Theme | null {
  return THEMES.includes(value as Theme) ? (value as Theme) : null;
}

type Generation = 'v8' | 'v10' | 'modern';

function generationOf(era: EraName): Generation {
  if (era === '8.12' || era === 'gitswarm' || era === '8.16') return 'v8';
  if (era === '10.x') return 'v10';
  return 'modern';
}

const FONT = `"GitLab Sans", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", sans-serif`;

/** The tokens the pages (and the widget) use, with the values of GitLab's design system. */
const LIGHT_TOKENS = `
  --gl-background-color-default: #fff; --gl-background-color-subtle: #fbfafd; --gl-background-color-strong: #ececef;
  --gl-background-color-overlap: #fff; --gl-text-color-default: #3a383f; --gl-text-color-subtle: #626168;
  --gl-text-color-heading: #18171d; --gl-text-color-link: #0b5cad; --gl-text-color-danger: #c91c00;
  --gl-border-color-default: #dcdcde; --gl-border-color-subtle: #ececef; --gl-focus-ring-outer-color: #428fdc;
  --gl-button-confirm-primary-background-color-default: #1f75cb; --gl-button-confirm-primary-foreground-color-default: #fff;
  --gl-control-background-color-default: #fff; --gl-control-border-color-default: #89888d;
  --super-sidebar-bg: #f1f1f6; --super-sidebar-text: #3a383f;`;
const DARK_TOKENS = `
  --gl-background-color-default: #18171d; --gl-background-color-subtle: #1f1e24; --gl-background-color-strong: #333238;
  --gl-background-color-overlap: #28272d; --gl-text-color-default: #ececef; --gl-text-color-subtle: #bfbfc3;
  --gl-text-color-heading: #fff; --gl-text-color-link: #63a6e9; --gl-text-color-danger: #f57f6c;
  --gl-border-color-default: #3a383f; --gl-border-color-subtle: #333238; --gl-focus-ring-outer-color: #63a6e9;
  --gl-button-confirm-primary-background-color-default: #1068bf; --gl-button-confirm-primary-foreground-color-default: #fff;
  --gl-control-background-color-default: #28272d; --gl-control-border-color-default: #89888d;
  --super-sidebar-bg: #1f1e24; --super-sidebar-text: #ececef;`;

const MODERN_CSS = `
:root {${LIGHT_TOKENS} color-scheme: light; }
html.gl-dark {${DARK_TOKENS} color-scheme: dark; }
@media (prefers-color-scheme: dark) { html.gl-system {${DARK_TOKENS} color-scheme: dark; } }
html, body { background: var(--gl-background-color-default); color: var(--gl-text-color-default); }
body { margin: 0; font: 400 14px/20px ${FONT}; padding-left: 256px; }
a { color: var(--gl-text-color-link); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3, .gl-heading-1 { color: var(--gl-text-color-heading); font-weight: 600; }
h1, .gl-heading-1 { font-size: 28px; line-height: 36px; margin: 8px 0 4px; }
h3 { font-size: 14px; line-height: 20px; margin: 0 0 4px; }
.super-sidebar { position: fixed; inset: 0 auto 0 0; width: 256px; box-sizing: border-box; padding: 8px; overflow: auto;
  background: var(--super-sidebar-bg); color: var(--super-sidebar-text); border-right: 1px solid var(--gl-border-color-default); z-index: 10; }
.super-sidebar a { display: flex; align-items: center; gap: 8px; min-height: 32px; padding: 0 8px; border-radius: 4px; color: inherit; }
.super-sidebar a:hover { background: var(--gl-background-color-strong); text-decoration: none; }
.super-sidebar .tk-look-logo { font-weight: 600; margin-bottom: 8px; }
.super-sidebar .tk-look-logo::before { content: ""; width: 24px; height: 24px; border-radius: 4px; background: linear-gradient(135deg, #fc6d26, #e24329 55%, #fca326); }
.super-sidebar .tk-look-project { margin: 8px 0 4px; padding: 8px; font-weight: 600; border-top: 1px solid var(--gl-border-color-default); }
.super-sidebar [aria-current="page"] { background: var(--gl-background-color-strong); font-weight: 600; }
header.header-logged-in, .top-bar-fixed, header.navbar-gitlab, header.super-topbar { display: flex; align-items: center; gap: 8px; min-height: 48px; padding: 0 24px;
  box-sizing: border-box; border-bottom: 1px solid var(--gl-border-color-default); background: var(--gl-background-color-default); }
header.header-logged-in > a:first-child, header.navbar-gitlab > a:first-child { color: var(--gl-text-color-subtle); }
.gl-breadcrumb-item { display: inline; color: var(--gl-text-color-subtle); }
.gl-breadcrumb-item + .gl-breadcrumb-item::before { content: "/"; margin: 0 6px; color: var(--gl-text-color-subtle); }
.layout, .layout-page, .content-wrapper { background: var(--gl-background-color-default); }
.layout { padding: 16px 24px; }
.work-item-view, .content-wrapper { gap: 32px; }
[data-testid="work-item-overview-right-sidebar"] { width: 290px; flex: none; padding: 0 0 0 16px; border-left: 1px solid var(--gl-border-color-default); }
aside.right-sidebar { position: fixed; top: 48px; right: 0; bottom: 0; width: 290px; box-sizing: border-box; overflow-y: auto; padding: 0 16px;
  background: var(--gl-background-color-default); border-left: 1px solid var(--gl-border-color-default); }
body:has(aside.right-sidebar) .content-wrapper { display: block; padding: 0 306px 0 16px; }
.detail-page-header, .detail-page-header-body { display: flex; align-items: center; gap: 8px; }
.block { border-bottom: 1px solid var(--gl-border-color-default); padding: 16px 0; color: var(--gl-text-color-default); }
.block .title, .block h3 { font-weight: 600; color: var(--gl-text-color-heading); }
[data-testid="work-item-created"], .gl-text-subtle, .no-value, .note-headline-light { color: var(--gl-text-color-subtle); }
button, .btn { font: inherit; min-height: 32px; padding: 6px 12px; border-radius: 4px; border: 1px solid var(--gl-control-border-color-default);
  background: var(--gl-background-color-default); color: var(--gl-text-color-default); cursor: pointer; }
.description, .md { margin: 16px 0; }
.gl-badge { display: inline-block; padding: 2px 8px; border-radius: 12px; font-size: 12px; background: var(--gl-background-color-strong); }
.gl-flex { display: flex; } .gl-items-center { align-items: center; } .gl-gap-2 { gap: 8px; } .gl-gap-3 { gap: 12px; } .gl-flex-1 { flex: 1; }
.nav-tabs { display: flex; gap: 16px; list-style: none; margin: 0; padding: 0; border-bottom: 1px solid var(--gl-border-color-default); }
.nav-tabs li > a { display: block; padding: 12px 0; color: var(--gl-text-color-default); }
.nav-tabs li.active > a { box-shadow: inset 0 -2px 0 #1f75cb; font-weight: 600; }
.notes { list-style: none; padding: 0; }
.timeline-entry { border-bottom: 1px solid var(--gl-border-color-subtle); padding: 12px 0; }
.issue, [data-testid="issuable-item"] { padding: 12px 0; border-bottom: 1px solid var(--gl-border-color-default); list-style: none; }
`;

/** What 8.x-10.x pages share: a fixed right sidebar beside the content, the status box. */
const OLD_COMMON = (headerHeight: number, sidebarBg: string) => `
.content-wrapper { display: block; }
.right-sidebar-expanded .content-wrapper, .page-with-sidebar.right-sidebar-expanded > .content-wrapper { padding-right: 290px; }
aside.right-sidebar { position: fixed; top: ${headerHeight}px; right: 0; bottom: 0; width: 290px; box-sizing: border-box; overflow-y: auto;
  padding: 0 16px; background: ${sidebarBg}; border-left: 1px solid #e5e5e5; }
.detail-page-header, .detail-page-header-body { display: flex; align-items: center; gap: 8px; }
.detail-page-header { padding: 10px 16px; border-bottom: 1px solid #e5e5e5; }
.status-box { display: inline-block; padding: 2px 8px; border-radius: 3px; color: #fff; }
.status-box-open { background: #1aaa55; }
.hidden, .hide { display: none; }
.notes { list-style: none; padding: 0 16px; }
`;

const V10_CSS = `
body { margin: 0; font: 400 14px/20px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen-Sans, Ubuntu, Cantarell, "Helvetica Neue", sans-serif;
  color: #2e2e2e; background: #fff; padding-left: 220px; }
a { color: #1b69b6; text-decoration: none; }
header.navbar-gitlab { position: fixed; inset: 0 0 auto 0; height: 40px; display: flex; align-items: center; gap: 16px; padding: 0 16px; background: #292961; z-index: 10; }
header.navbar-gitlab a, header.navbar-gitlab .brand-logo { color: #fff; font-weight: 600; }
.tk-look-nav { position: fixed; top: 40px; bottom: 0; left: 0; width: 220px; box-sizing: border-box; padding: 8px 0; background: #fafafa; border-right: 1px solid #e5e5e5; }
.tk-look-nav a { display: block; padding: 8px 16px; color: #2e2e2e; }
.tk-look-nav [aria-current="page"] { background: #e9e9f2; color: #292961; font-weight: 600; box-shadow: inset 3px 0 0 #4b4ba3; }
.layout-page { margin-top: 40px; }
${OLD_COMMON(40, '#fafafa')}
.issue-details, .merge-request-details { padding: 0 16px; }
h1, h2.title, h1.title { font-size: 20px; font-weight: 600; margin: 12px 0; color: #2e2e2e; }
.block { border-bottom: 1px solid #e5e5e5; padding: 12px 0; }
.block .title { color: #2e2e2e; font-weight: 600; }
.btn { font: inherit; padding: 6px 10px; border: 1px solid #e5e5e5; border-radius: 3px; background: #fff; }
`;

const V8_CSS = `
body { margin: 0; font: 400 13px/1.42857 "Source Sans Pro", "Helvetica Neue", Helvetica, Arial, sans-serif; color: #5c5c5c; background: #fff; padding-left: 220px; }
a { color: #3084bb; text-decoration: none; }
header.navbar-gitlab { position: fixed; inset: 0 0 auto 220px; height: 50px; display: flex; align-items: center; gap: 16px; padding: 0 16px; background: #fff;
  border-bottom: 1px solid #e5e5e5; z-index: 10; }
header.navbar-gitlab a { color: #5c5c5c; font-weight: 600; }
.tk-look-nav { position: fixed; top: 0; bottom: 0; left: 0; width: 220px; box-sizing: border-box; padding: 58px 0 8px; background: #2b2b2b; }
.tk-look-nav a { display: block; padding: 8px 16px; color: #979797; }
.tk-look-nav [aria-current="page"] { background: #383838; color: #fff; }
.tk-look-nav .tk-look-logo { position: absolute; top: 0; left: 0; right: 0; height: 50px; padding: 14px 16px; box-sizing: border-box; color: #fff; background: #1f1f1f; }
.page-with-sidebar { margin-top: 50px; }
${OLD_COMMON(50, '#f2f2f2')}
.issue-details, .merge-request-details { padding: 0 16px; }
h2.title, h1.title { font-size: 23px; font-weight: 600; color: #333; margin: 12px 0; }
.block { border-bottom: 1px solid #e5e5e5; padding: 10px 0; }
.block .title { color: #323232; font-weight: 600; }
.btn { font: inherit; padding: 6px 10px; border: 1px solid #e5e5e5; border-radius: 3px; background: #fff; }
`;

export interface LookOptions {
  era: EraName;
  theme: Theme;
  basePath: string;
  /** The page's path (without basePath), for the navigation's current entry. */
  path: string;
}

/** The project of an issue, merge request, list or board page, from its path. */
function projectOf(path: string): string | null {
  const found = /^\/(.+?)(?:\/-)?\/(?:issues|work_items|merge_requests|boards)(?:\/|$)/.exec(path)?.[1];
  return found && !found.startsWith('groups/') ? decodeURIComponent(found) : null;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function navigation(opts: LookOptions, project: string | null, cls: string): string {
  const base = opts.basePath;
  const section = /\/(?:-\/)?(issues|work_items|merge_requests|boards)(?:\/|$)/.exec(opts.path)?.[1] ?? '';
  const current = (name: string) => (section === name || (name === 'issues' && section === 'work_items') ? ' aria-current="page"' : '');
  const dash = generationOf(opts.era) === 'modern' ? '/-' : '';
  const projectLinks = project
    ? `<div class="tk-look-project">${escape(project)}</div>
<a href="${escape(`${base}/${project}${dash}/issues`)}"${current('issues')}>Issues</a>
<a href="${escape(`${base}/${project}${dash}/merge_requests`)}"${current('merge_requests')}>Merge requests</a>
<a href="${escape(`${base}/${project}${dash}/boards`)}"${current('boards')}>Issue boards</a>`
    : '';
  return `<nav class="${cls}" aria-label="Primary navigation (stand-in)"><a class="tk-look-logo" href="${escape(`${base}/`)}">GitLab</a>${projectLinks}</nav>`;
}

/** The page with the era's look: its stylesheet, its theme class, and the navigation its markup leaves out. */
export function dressLikeGitLab(html: string, opts: LookOptions): string {
  if (!/<\/head>/i.test(html) || !/<body[^>]*>/i.test(html)) return html;
  const generation = generationOf(opts.era);
  const css = generation === 'modern' ? MODERN_CSS : generation === 'v10' ? V10_CSS : V8_CSS;
  let out = html.replace(/<\/head>/i, `<style id="stand-in-look">${css}</style>\n</head>`);
  // Dark mode arrived in 13.x: older eras are light whatever is asked.
  if (generation === 'modern' && opts.theme !== 'light') {
    const themeClass = opts.theme === 'dark' ? 'gl-dark' : 'gl-system';
    out = out.replace(/<html([^>]*)>/i, (tag, attributes: string) => {
      const withClass = /\bclass="/.test(attributes)
        ? attributes.replace(/\bclass="([^"]*)"/, (_m, classes: string) => `class="${`${classes.replace(/\bgl-light\b/, '')} ${themeClass}`.trim()}"`)
        : `${attributes} class="${themeClass}"`;
      return `<html${withClass}>`;
    });
  }
  // GitLab mounts its super sidebar into an empty element of the page (`page-with-super-sidebar`
  // is the layout's class, not that element): the stand-in fills it; a page without one gets it.
  const project = projectOf(opts.path);
  const mount = generation === 'modern' ? /<(aside|div)\b[^>]*class="(?:[^"]*\s)?super-sidebar[\s"][^>]*>/.exec(out) : null;
  if (mount) {
    const at = mount.index + mount[0].length;
    return `${out.slice(0, at)}${navigation(opts, project, 'tk-look-inner')}${out.slice(at)}`;
  }
  const nav = navigation(opts, project, generation === 'modern' ? 'super-sidebar' : 'tk-look-nav');
  return out.replace(/<body([^>]*)>/i, (tag) => `${tag}\n${nav}`);
}
