// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPlacement, isArchivedProjectPage, isGitLabAppPage, issueTitle, sidebarOptions } from '@/lib/gitlab/selectors';
import { dressLikeGitLab, themeOf } from './look';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/pages', name), 'utf8');
const opts = { basePath: '', path: '/acme/web/-/issues/1', theme: 'light' as const };

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Everything the extension reads off a page (lib/gitlab/selectors.ts). */
function readPageFacts(doc: Document) {
  const placement = findPlacement(doc);
  return {
    app: isGitLabAppPage(doc),
    archived: isArchivedProjectPage(doc),
    options: sidebarOptions(doc),
    title: issueTitle(doc),
    placement: placement.kind === 'floating' ? 'floating' : `${placement.kind} ${placement.element.outerHTML.slice(0, 80)}`,
  };
}

describe('dressLikeGitLab', () => {
  it('adds the era’s stylesheet and navigation, and keeps every element the extension reads', () => {
    const page = fixture('legacy-sidebar-16.html');
    const dressed = dressLikeGitLab(page, { ...opts, era: '16.x' });
    const doc = parse(dressed);
    expect(doc.querySelectorAll('style#stand-in-look')).toHaveLength(1);
    expect(doc.querySelector('style#stand-in-look')!.textContent).toContain('--gl-background-color-default');
    const nav = doc.querySelector('nav.super-sidebar')!;
    expect(nav.querySelector('[aria-current="page"]')!.textContent).toBe('Issues');
    expect([...nav.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/', '/acme/web/-/issues', '/acme/web/-/merge_requests', '/acme/web/-/boards']);
    // The page's own markup is all there, in its order.
    expect(dressed.replace(/<style id="stand-in-look">[\s\S]*?<\/style>\n/, '').replace(/\n<nav class="super-sidebar"[\s\S]*?<\/nav>/, '')).toBe(page);
  });

  it('reads the same page facts off the dressed page as off the plain one, in every era', () => {
    for (const [era, name] of [['17.x', 'mr-17.html'], ['16.x', 'mr-legacy-16.html'], ['10.x', 'mr-10.html'], ['8.16', 'mr-8-16.html']] as const) {
      const plain = readPageFacts(parse(fixture(name)));
      const dressed = readPageFacts(parse(dressLikeGitLab(fixture(name), { ...opts, era, theme: 'dark', path: '/acme/web/-/merge_requests/7' })));
      expect(dressed, name).toEqual(plain);
    }
  });

  it('a page with its own super sidebar element gets that one filled, not a second one', () => {
    const page = fixture('mr-17.html');
    const doc = parse(dressLikeGitLab(page, { ...opts, era: '17.x', path: '/acme/web/-/merge_requests/7' }));
    expect(doc.querySelectorAll('.super-sidebar')).toHaveLength(1);
    expect(doc.querySelector('.super-sidebar nav [aria-current="page"]')!.textContent).toBe('Merge requests');
  });

  it('dark and the system’s choice from 16.x on; light only before 13.x, where GitLab had no dark mode', () => {
    const html = (era: '17.x' | '10.x' | '8.16', theme: 'dark' | 'system') => parse(dressLikeGitLab(fixture('legacy-sidebar-16.html'), { ...opts, era, theme })).documentElement.className;
    expect(html('17.x', 'dark')).toBe('gl-dark');
    expect(parse(dressLikeGitLab(fixture('mr-17.html'), { ...opts, era: '17.x', theme: 'dark' })).documentElement.classList.contains('gl-light')).toBe(false);
    expect(html('17.x', 'system')).toBe('gl-system');
    expect(html('10.x', 'dark')).toBe('');
    expect(html('8.16', 'system')).toBe('');
  });

  it('older eras get their own navigation with their own URLs, and group pages no project links', () => {
    const v10 = parse(dressLikeGitLab(fixture('sidebar-10.html'), { ...opts, era: '10.x', path: '/acme/web/issues/1' }));
    expect([...v10.querySelectorAll('nav.tk-look-nav a')].map((a) => a.getAttribute('href'))).toEqual(['/', '/acme/web/issues', '/acme/web/merge_requests', '/acme/web/boards']);
    const group = parse(dressLikeGitLab(fixture('work-items-17.html'), { ...opts, era: '17.x', path: '/groups/acme/-/issues' }));
    expect(group.querySelectorAll('nav.super-sidebar a')).toHaveLength(1);
  });

  it('leaves anything that is not a whole page alone, and escapes what it writes', () => {
    expect(dressLikeGitLab('<p>not a page</p>', { ...opts, era: '17.x' })).toBe('<p>not a page</p>');
    const dressed = parse(dressLikeGitLab(fixture('work-items-17.html'), { ...opts, era: '17.x', path: '/a"b/<x>/-/issues/1' }));
    expect(dressed.querySelector('.tk-look-project')!.textContent).toBe('a"b/<x>');
    expect(dressed.querySelectorAll('x')).toHaveLength(0);
  });

  it('knows the three themes and nothing else', () => {
    expect(['light', 'dark', 'system', 'DARK', '', null].map(themeOf)).toEqual(['light', 'dark', 'system', null, null, null]);
  });
});

