/**
 * The widget on every era's issue page: what the page adds to the URL's issue (detect.ts), where
 * the widget goes (selectors.ts), and that it stays there when GitLab re-renders (placement.ts).
 * Pages are the fixtures in tests/fixtures/pages/, filled the way the GitLab stand-in serves them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, fillTemplate, showParam } from '../../tests/fake-gitlab/pages';
import { seedData } from '../../tests/fake-gitlab/seed';
import { ERAS, type EraName } from '../../tests/fake-gitlab/eras';
import { drawerRoot, findPlacement } from '../gitlab/selectors';
import { parseIssueUrl } from '../gitlab/page';
import { itemReference } from '../model/item';
import { ARCHIVED_REASON, ROLE_REASON, issueKey, withPageFacts } from './page-facts';
import { HOST_TAG } from './host';
import { keepInPlace, type PlacementKeeper } from './placement';

const state = { data: seedData('demo', 20), timelogs: [] };

async function standInPage(path: string, query = ''): Promise<Document> {
  const page = await renderPage(state, path, { basePath: '', query: new URLSearchParams(query) });
  return new DOMParser().parseFromString(page.body ?? '', 'text/html');
}

function fixturePage(file: string): Document {
  const template = readFileSync(path.join(import.meta.dirname, '../../tests/fixtures/pages', file), 'utf8');
  const html = fillTemplate(template, {
    TITLE: 'Fix login redirect loop',
    IID: '1',
    FULL_PATH: 'acme/web',
    PROJECT_NAME: 'web',
    GROUP_NAME: 'acme',
    BASE_PATH: '',
    AUTHOR: 'alex.rivera',
    DESCRIPTION: 'Users bounce between pages.',
    ASSIGNEE: 'Demo User',
    TIME_ESTIMATE: '12600',
    TIME_SPENT: '5400',
  });
  return new DOMParser().parseFromString(html, 'text/html');
}

const settle = (ms = 120) => new Promise((resolve) => setTimeout(resolve, ms));
let keepers: PlacementKeeper[] = [];
afterEach(() => {
  keepers.forEach((k) => k.stop());
  keepers = [];
});
function keep(doc: Document, scope: () => ParentNode | null = () => doc, waitMs?: number) {
  const host = doc.createElement(HOST_TAG);
  const keeper = keepInPlace(doc, host, scope, waitMs);
  keepers.push(keeper);
  return host;
}

const eras: Array<{ era: string; load: () => Promise<Document> | Document; anchor: string; title: string }> = [
  { era: '8.16', load: () => fixturePage('sidebar-8-16.html'), anchor: '#issuable-time-tracker', title: 'Fix login redirect loop' },
  { era: '10.x', load: () => fixturePage('sidebar-10.html'), anchor: '#issuable-time-tracker', title: 'Fix login redirect loop' },
  { era: '13-16 legacy sidebar', load: () => standInPage('/acme/platform/infra/-/issues/1'), anchor: '[data-testid="time-tracker"]', title: 'Rotate TLS certificates' },
  { era: '17.10+ work items', load: () => standInPage('/acme/web/-/issues/1'), anchor: '[data-testid="work-item-time-tracking"]', title: 'Fix login redirect loop' },
];

describe.each(eras)('GitLab $era issue page', ({ load, anchor, title }) => {
  it('is an issue view, placed right after GitLab\'s own time tracking block', async () => {
    const doc = await load();
    expect(withPageFacts(doc, { projectPath: 'acme/web', kind: 'issue', iid: 1, drawer: false })).toMatchObject({ readOnly: null, limitToHours: false });
    const placement = findPlacement(doc);
    expect(placement).toEqual({ kind: 'after', element: doc.querySelector(anchor) });
    const host = keep(doc);
    expect(host.previousElementSibling).toBe(doc.querySelector(anchor));
    expect(host.hasAttribute('data-floating')).toBe(false);
    expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(1);
    const { shownTitle } = await import('./page-facts');
    expect(shownTitle(doc, false)).toBe(title);
  });

  it('comes back, once, when GitLab re-renders the sidebar', async () => {
    const doc = await load();
    const sidebar = doc.querySelector(anchor)!.parentElement!;
    const rendered = sidebar.innerHTML;
    const host = keep(doc);
    sidebar.innerHTML = rendered; // as Vue does: every block replaced by a fresh one
    expect(host.isConnected).toBe(false);
    await settle();
    expect(host.previousElementSibling).toBe(doc.querySelector(anchor));
    expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('follows its block when GitLab replaces just that block', async () => {
    const doc = await load();
    const host = keep(doc);
    const block = doc.querySelector(anchor)!;
    const replacement = block.cloneNode(true) as Element;
    block.before(replacement);
    block.remove();
    await settle();
    expect(host.previousElementSibling).toBe(replacement);
  });
});

// The merge request fixtures are GitLab's pages as they are (acme/web!7), one per era.
const mergeRequestEras: Array<{ era: string; file: string; url: string }> = [
  { era: '8.16', file: 'mr-8-16.html', url: 'https://gitlab.example.com/acme/web/merge_requests/7' },
  { era: '9.5-11.x', file: 'mr-10.html', url: 'https://gitlab.example.com/acme/web/merge_requests/7/diffs' },
  { era: '13.x legacy sidebar', file: 'mr-legacy-13.html', url: 'https://gitlab.example.com/acme/web/-/merge_requests/7' },
  { era: '16.x legacy sidebar', file: 'mr-legacy-16.html', url: 'https://gitlab.example.com/acme/web/-/merge_requests/7/commits' },
  { era: '17.x', file: 'mr-17.html', url: 'https://gitlab.example.com/acme/web/-/merge_requests/7/pipelines' },
  { era: '18.x', file: 'mr-18.html', url: 'https://gitlab.example.com/acme/web/-/merge_requests/7' },
];

describe.each(mergeRequestEras)('GitLab $era merge request page', ({ file, url }) => {
  const item = () => {
    const ref = parseIssueUrl(url)!;
    return { projectPath: ref.fullPath, kind: 'merge_request' as const, iid: ref.iid, drawer: ref.drawer };
  };

  it('its URL names the merge request GitLab\'s page names (the reference project!iid)', () => {
    const doc = fixturePage(file);
    expect(item()).toEqual({ projectPath: 'acme/web', kind: 'merge_request', iid: 7, drawer: false });
    const gitlabsOwn = doc.querySelector('[data-clipboard-text*="!"]')?.getAttribute('data-clipboard-text');
    expect(itemReference(item())).toBe(gitlabsOwn);
    expect(withPageFacts(doc, item())).toMatchObject({ kind: 'merge_request', iid: 7, readOnly: null, limitToHours: false });
    expect(issueKey(item())).toBe('acme/web!7');
  });

  it('its title, never the header\'s logo or project name', async () => {
    const { shownTitle } = await import('./page-facts');
    expect(shownTitle(fixturePage(file), false)).toBe('Fix: login works again!');
  });

  it('placed right after GitLab\'s own time tracking block in the sidebar, outside Vue\'s component', () => {
    const doc = fixturePage(file);
    const host = keep(doc);
    const block = host.previousElementSibling!;
    expect(block.matches('.block')).toBe(true);
    expect(block.querySelector('.time-tracking-component-wrap, [data-testid="time-tracker"]')).not.toBeNull();
    expect(block.closest('aside.right-sidebar')).not.toBeNull();
    expect(block.parentElement!.closest('.time-tracking-component-wrap, [data-testid="time-tracker"]')).toBeNull();
    expect(host.hasAttribute('data-floating')).toBe(false);
    expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('follows the block when GitLab re-renders it (after /spend, say), once', async () => {
    const doc = fixturePage(file);
    const host = keep(doc);
    const block = host.previousElementSibling!;
    const replacement = block.cloneNode(true) as Element;
    block.before(replacement);
    block.remove();
    await settle();
    expect(host.previousElementSibling).toBe(replacement);
    expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('the top of the sidebar when the block is missing (time tracking off)', () => {
    const doc = fixturePage(file);
    const block = findPlacement(doc);
    expect(block.kind).toBe('after');
    if (block.kind === 'after') block.element.remove();
    const placement = findPlacement(doc);
    expect(placement.kind).toBe('prepend');
    if (placement.kind === 'prepend') expect(placement.element.closest('aside.right-sidebar')).not.toBeNull();
  });
});

describe.each<[EraName | undefined, string]>([
  ['8.16', '/acme/web/merge_requests/2'],
  ['10.x', '/acme/web/merge_requests/2/diffs'],
  ['16.x', '/acme/web/-/merge_requests/2/commits'],
  [undefined, '/acme/web/-/merge_requests/2/pipelines'],
])('the stand-in\'s merge request page (era %s)', (era, path) => {
  const eraState = () => ({ data: seedData('demo', 20), timelogs: [], ...(era ? { era: ERAS[era] } : {}) });

  it('shows the merge request asked for, with its title and GitLab\'s reference, and a place for the widget', async () => {
    const page = await renderPage(eraState(), path, { basePath: '' });
    expect(page.status).toBe(200);
    const doc = new DOMParser().parseFromString(page.body ?? '', 'text/html');
    const { shownTitle } = await import('./page-facts');
    expect(shownTitle(doc, false)).toBe('Fix Safari redirect loop after SSO sign-in');
    expect(doc.title).toMatch(/^Fix Safari redirect loop after SSO sign-in \(!2\) · Merge [Rr]equests · acme \/ web · GitLab$/);
    expect(doc.querySelector('[data-clipboard-text*="!"]')?.getAttribute('data-clipboard-text')).toBe('acme/web!2');
    // Since 16.9 the sidebar sits in the Overview pane, which the other tabs hide: the widget floats there.
    const placement = findPlacement(doc);
    if (era === undefined) {
      expect(placement).toMatchObject({ kind: 'floating', hidden: expect.anything() });
      if (placement.kind === 'floating') expect(placement.hidden?.closest('#notes')).not.toBeNull();
    } else expect(placement.kind).toBe('after');
    expect(withPageFacts(doc, { projectPath: 'acme/web', kind: 'merge_request', iid: 2, drawer: false })).not.toBeNull();
  });

  it('is GitLab\'s 404 for a merge request that does not exist, and for the other era\'s URL shape', async () => {
    expect((await renderPage(eraState(), path.replace('/2', '/99'), { basePath: '' })).status).toBe(404);
    const other = path.includes('/-/') ? path.replace('/-/', '/') : path.replace('/merge_requests', '/-/merge_requests');
    expect((await renderPage(eraState(), other, { basePath: '' })).status).not.toBe(200);
  });
});

describe('a 16.9+ merge request page switching tabs', () => {
  it('floats while the Overview pane (and the sidebar in it) is hidden, and goes back beside the block when it shows', async () => {
    const page = await renderPage({ data: seedData('demo', 20), timelogs: [] }, '/acme/web/-/merge_requests/2', { basePath: '' });
    document.open();
    document.write(page.body ?? '');
    document.close();
    expect(findPlacement(document).kind).toBe('after');
    const host = document.createElement('timekeeper-widget');
    const keeper = keepInPlace(document, host, () => document);
    try {
      expect(host.previousElementSibling?.matches('.block.time-tracking')).toBe(true);
      const notes = document.getElementById('notes')!;
      const diffs = document.getElementById('js-diffs-app')!;
      // What merge_request_tabs.js does on "Changes": the panes swap their `active` class.
      notes.classList.remove('active');
      diffs.classList.add('active');
      await vi.waitFor(() => expect(host.hasAttribute('data-floating')).toBe(true));
      expect(host.parentNode).toBe(document.body);
      diffs.classList.remove('active');
      notes.classList.add('active');
      await vi.waitFor(() => expect(host.hasAttribute('data-floating')).toBe(false));
      expect(host.previousElementSibling?.matches('.block.time-tracking')).toBe(true);
    } finally {
      keeper.stop();
    }
  });
});

describe('the drawer (17.x lists and boards, ?show=)', () => {
  const apiIssue = () => state.data.issues.find((i) => i.projectId === 2)!;
  const api = () => state.data.projects.find((p) => p.id === 2)!;

  it.each([
    ['an issue list', '/acme/web/-/issues'],
    ['a board', '/acme/web/-/boards/1'],
    ['a group list', '/groups/acme/-/issues'],
  ])('on %s, the widget goes inside the drawer, even for another project\'s issue', async (_name, path) => {
    const doc = await standInPage(path, `show=${encodeURIComponent(showParam(api(), apiIssue()))}`);
    const drawer = drawerRoot(doc);
    expect(drawer).not.toBeNull();
    expect(withPageFacts(doc, { projectPath: 'acme/api', kind: 'issue', iid: apiIssue().iid, drawer: true })).toMatchObject({ drawer: true, readOnly: null });
    const host = keep(doc, () => drawerRoot(doc));
    expect(drawer!.contains(host)).toBe(true);
    expect(host.previousElementSibling?.getAttribute('data-testid')).toBe('work-item-time-tracking');
    const { shownTitle } = await import('./page-facts');
    expect(shownTitle(doc, true)).toBe(apiIssue().title);
  });

  it('floats until the drawer renders, then moves into it', async () => {
    const doc = await standInPage('/acme/web/-/issues');
    const host = keep(doc, () => drawerRoot(doc));
    expect(host.parentNode).toBe(doc.body);
    expect(host.hasAttribute('data-floating')).toBe(true);
    const template = doc.querySelector('template[data-show]') as HTMLTemplateElement;
    doc.body.append(template.content.cloneNode(true));
    await settle();
    expect(drawerRoot(doc)!.contains(host)).toBe(true);
    expect(host.hasAttribute('data-floating')).toBe(false);
  });
});

describe('pages without a time tracking block', () => {
  it('top of the sidebar when the block is missing', async () => {
    const doc = await standInPage('/acme/web/-/issues/1');
    doc.querySelector('[data-testid="work-item-time-tracking"]')!.remove();
    const host = keep(doc);
    expect(host.parentElement?.getAttribute('data-testid')).toBe('work-item-overview-right-sidebar');
    expect(host.parentElement?.firstElementChild).toBe(host);
  });

  it('floating when there is no sidebar either, and into place when GitLab renders it late', async () => {
    const doc = await standInPage('/acme/web/-/issues/1');
    const sidebar = doc.querySelector('[data-testid="work-item-overview-right-sidebar"]')!;
    const parent = sidebar.parentElement!;
    sidebar.remove();
    const host = keep(doc);
    expect(host.parentNode).toBe(doc.body);
    expect(host.hasAttribute('data-floating')).toBe(true);
    parent.append(sidebar);
    await settle();
    expect(host.previousElementSibling?.getAttribute('data-testid')).toBe('work-item-time-tracking');
  });

  it('stops looking for an anchor after a while, and stays floating', async () => {
    const doc = await standInPage('/acme/web/-/issues/1');
    const sidebar = doc.querySelector('[data-testid="work-item-overview-right-sidebar"]')!;
    const parent = sidebar.parentElement!;
    sidebar.remove();
    const host = keep(doc, () => doc, 30);
    await settle(60);
    doc.body.append(doc.createElement('div')); // the last watched mutation: the wait is over
    await settle();
    parent.append(sidebar);
    await settle();
    expect(host.parentNode).toBe(doc.body);
  });

  it('does not fight a page that keeps moving it: it floats instead', async () => {
    const doc = await standInPage('/acme/web/-/issues/1');
    const host = keep(doc);
    const block = doc.querySelector('[data-testid="work-item-time-tracking"]')!;
    for (let i = 0; i < 15; i++) {
      block.parentElement!.append(host); // something keeps taking the widget away
      await settle(60);
    }
    expect(host.hasAttribute('data-floating')).toBe(true);
  });
});

describe('what the page says about the issue', () => {
  it('an archived project is read-only, with the reason', async () => {
    const doc = await standInPage('/acme/old-site/-/issues/1');
    expect(withPageFacts(doc, { projectPath: 'acme/old-site', kind: 'issue', iid: 1, drawer: false })?.readOnly).toBe(ARCHIVED_REASON);
  });

  it('a role that cannot log time (legacy sidebar options) is read-only, with the reason', () => {
    const doc = fixturePage('sidebar-10.html');
    doc.querySelector('script.js-sidebar-options')!.textContent = JSON.stringify({ fullPath: 'acme/web', canCreateTimelogs: false, timeTrackingLimitToHours: true });
    expect(withPageFacts(doc, { projectPath: 'acme/web', kind: 'issue', iid: 1, drawer: false })).toMatchObject({ readOnly: ROLE_REASON, limitToHours: true });
  });

  it('the page\'s own facts do not describe an issue in a drawer over it', async () => {
    const doc = await standInPage('/acme/old-site/-/issues/1');
    expect(withPageFacts(doc, { projectPath: 'acme/web', kind: 'issue', iid: 1, drawer: true })?.readOnly).toBeNull();
  });

  it('GitLab\'s 404 page is no issue view', async () => {
    const doc = await standInPage('/acme/web/-/issues/999');
    expect(withPageFacts(doc, { projectPath: 'acme/web', kind: 'issue', iid: 999, drawer: false })).toBeNull();
  });
});

describe('issueKey: one name per item view', () => {
  it('tells an issue from the merge request with the same number, and a drawer from the page', () => {
    expect(issueKey({ projectPath: 'acme/web', kind: 'issue', iid: 7 })).toBe('acme/web#7');
    expect(issueKey({ projectPath: 'acme/web', kind: 'merge_request', iid: 7 })).toBe('acme/web!7');
    expect(issueKey({ projectPath: 'acme/web', kind: 'issue', iid: 7, drawer: true })).toBe('acme/web#7 in a drawer');
  });

  it('ignores the case of the path, as GitLab does', () => {
    expect(issueKey({ projectPath: 'Acme/Web', kind: 'merge_request', iid: 7 })).toBe(issueKey({ projectPath: 'acme/web', kind: 'merge_request', iid: 7 }));
  });

  it('the page facts keep the item\'s kind', async () => {
    const doc = await standInPage('/acme/web/-/issues/1');
    expect(withPageFacts(doc, { projectPath: 'acme/web', kind: 'merge_request', iid: 1, drawer: true })).toMatchObject({ kind: 'merge_request', iid: 1, drawer: true });
  });
});
