/**
 * The stand-in's issue lists, merge request lists and boards carry GitLab's row and card hooks
 * (the fixtures' markup), so the extension finds one item per row on them as on GitLab.
 */
import { describe, expect, it } from 'vitest';
import { parseIssueUrl, parseListUrl } from '../../lib/gitlab/page';
import { LIST_ITEMS, listItemTitle } from '../../lib/gitlab/selectors';
import { renderPage } from './pages';
import { seedData } from './seed';

const state = { data: seedData('demo', 20), timelogs: [] };
const H = 'https://gitlab.example.com';

async function rows(path: string): Promise<string[]> {
  const page = await renderPage(state, path, { basePath: '', query: new URLSearchParams() });
  expect(page.status).toBe(200);
  const doc = new DOMParser().parseFromString(page.body ?? '', 'text/html');
  return [...doc.querySelectorAll(LIST_ITEMS)].map((row) => {
    const ref = parseIssueUrl(new URL(listItemTitle(row)!.link.getAttribute('href')!, H))!;
    return `${ref.fullPath}${ref.kind === 'merge_request' ? '!' : '#'}${ref.iid}`;
  });
}

describe('the stand-in\'s lists and boards', () => {
  it.each(['/acme/web/-/issues', '/acme/web/-/boards/5', '/groups/acme/-/issues', '/acme/web/-/merge_requests', '/groups/acme/-/merge_requests'])('%s is a list page with a row per item', async (path) => {
    expect(parseListUrl(H + path)).not.toBeNull();
    const found = await rows(path);
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found).size).toBe(found.length);
    if (path.includes('merge_requests')) expect(found.every((r) => r.includes('!'))).toBe(true);
    else expect(found.every((r) => r.includes('#'))).toBe(true);
  });

  it('a board has a second, empty list to move cards to', async () => {
    const page = await renderPage(state, '/acme/web/-/boards/5', { basePath: '', query: new URLSearchParams() });
    const doc = new DOMParser().parseFromString(page.body ?? '', 'text/html');
    const areas = [...doc.querySelectorAll('[data-testid="board-list-cards-area"]')];
    expect(areas.map((a) => a.querySelectorAll('.board-card').length)).toEqual([expect.any(Number), 0]);
    expect(areas[0]!.querySelectorAll('.board-card').length).toBeGreaterThan(0);
  });

  it('a merge request list of a project that does not exist is not found', async () => {
    const page = await renderPage(state, '/nobody/nothing/-/merge_requests', { basePath: '', query: new URLSearchParams() });
    expect(page.status).toBe(404);
  });
});
