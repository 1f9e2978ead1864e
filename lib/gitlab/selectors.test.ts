import { describe, expect, it } from 'vitest';
import { findPlacement, isArchivedProjectPage, isGitLabAppPage, pageIsDark, sidebarOptions } from './selectors';

function page(body: string, opts: { htmlClass?: string; bodyAttributes?: string } = {}): Document {
  return new DOMParser().parseFromString(`<html class="${opts.htmlClass ?? ''}"><body ${opts.bodyAttributes ?? ''}>${body}</body></html>`, 'text/html');
}

describe('findPlacement ranks anchors', () => {
  it('GitLab\'s own time tracking block before the sidebar, newest era first', () => {
    const doc = page(`<aside class="right-sidebar js-issuable-sidebar"><div class="issuable-sidebar">
      <div id="issuable-time-tracker"></div><div data-testid="time-tracker"></div></div></aside>`);
    expect(findPlacement(doc)).toEqual({ kind: 'after', element: doc.querySelector('[data-testid="time-tracker"]') });
  });

  it('the sidebar, then floating', () => {
    const doc = page('<aside class="right-sidebar"></aside>');
    expect(findPlacement(doc)).toEqual({ kind: 'prepend', element: doc.querySelector('aside') });
    expect(findPlacement(page('<main></main>'))).toEqual({ kind: 'floating' });
  });
});

describe('what a page says', () => {
  it('sidebar options, taking only well-typed fields', () => {
    const doc = page('<script class="js-sidebar-options" type="application/json">{"fullPath":"a/b","timeTrackingLimitToHours":true,"canCreateTimelogs":"yes"}</script>');
    expect(sidebarOptions(doc)).toEqual({ timeTrackingLimitToHours: true });
    expect(sidebarOptions(page('<script class="js-sidebar-options" type="application/json">{not json</script>'))).toBeNull();
    expect(sidebarOptions(page(''))).toBeNull();
  });

  it('an archived project, from the banner only', () => {
    expect(isArchivedProjectPage(page('<div class="flash-container"><div class="gl-alert">This is an archived project. Repository and other project resources are read-only.</div></div>'))).toBe(true);
    expect(isArchivedProjectPage(page('<div class="text-warning">Archived project! Repository and other project resources are read only</div>'))).toBe(true);
    expect(isArchivedProjectPage(page('<p>We archived project notes last year.</p>'))).toBe(false);
  });

  it('a GitLab page (data-page), not an error page', () => {
    expect(isGitLabAppPage(page('', { bodyAttributes: 'data-page="projects:issues:show"' }))).toBe(true);
    expect(isGitLabAppPage(page('<h1>404</h1>'))).toBe(false);
  });
});

describe('pageIsDark follows GitLab\'s colour mode', () => {
  it('GitLab\'s own classes decide', () => {
    expect(pageIsDark(page('', { htmlClass: 'gl-dark' }), false)).toBe(true);
    expect(pageIsDark(page('', { bodyAttributes: 'class="gl-dark"' }), false)).toBe(true);
    expect(pageIsDark(page('', { htmlClass: 'gl-light' }), true)).toBe(false);
  });

  it('otherwise the system preference, where the page paints no background', () => {
    expect(pageIsDark(page(''), true)).toBe(true);
    expect(pageIsDark(page(''), false)).toBe(false);
  });

  it('otherwise the page\'s own background', () => {
    document.body.style.backgroundColor = 'rgb(24, 24, 27)';
    expect(pageIsDark(document, false)).toBe(true);
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(pageIsDark(document, true)).toBe(false);
    document.body.style.backgroundColor = '';
  });
});
