/**
 * Issue lists, merge request lists and boards: which URLs are list pages (page.ts), and which rows
 * and cards the fixtures of every era hold (selectors.ts), each with the item its title links to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayShowIssue, mayShowList, parseIssueUrl, parseItemPath, parseListUrl, type ListRef } from './page';
import { LIST_ITEMS, listItemTitle, listShowsTime } from './selectors';

const H = 'https://gitlab.example.com';
const list = (scope: ListRef['scope'], fullPath: string, view: ListRef['view']): ListRef => ({ scope, fullPath, view });

const LISTS: Array<[string, ListRef]> = [
  [`${H}/acme/web/-/issues`, list('project', 'acme/web', 'issues')],
  [`${H}/acme/web/-/issues/`, list('project', 'acme/web', 'issues')],
  [`${H}/acme/web/-/issues?state=opened&label_name[]=bug`, list('project', 'acme/web', 'issues')],
  [`${H}/acme/web/-/issues?show=eyJpaWQiOiIxIn0`, list('project', 'acme/web', 'issues')],
  [`${H}/acme/sub/web/-/work_items`, list('project', 'acme/sub/web', 'issues')],
  [`${H}/acme/web/-/merge_requests`, list('project', 'acme/web', 'merge_requests')],
  [`${H}/acme/web/-/merge_requests?scope=all#x`, list('project', 'acme/web', 'merge_requests')],
  [`${H}/acme/web/-/boards`, list('project', 'acme/web', 'boards')],
  [`${H}/acme/web/-/boards/5`, list('project', 'acme/web', 'boards')],
  [`${H}/groups/acme/-/issues`, list('group', 'acme', 'issues')],
  [`${H}/groups/acme/platform/-/merge_requests`, list('group', 'acme/platform', 'merge_requests')],
  [`${H}/groups/acme/-/boards/6`, list('group', 'acme', 'boards')],
  [`${H}/groups/acme/-/work_items`, list('group', 'acme', 'issues')],
  // 8.x-12.x, before the `/-/` separator
  [`${H}/acme/web/issues`, list('project', 'acme/web', 'issues')],
  [`${H}/acme/web/merge_requests`, list('project', 'acme/web', 'merge_requests')],
  [`${H}/acme/web/boards`, list('project', 'acme/web', 'boards')],
  [`${H}/acme/web/boards/3`, list('project', 'acme/web', 'boards')],
  [`${H}/groups/acme/issues`, list('group', 'acme', 'issues')],
  [`${H}/dashboard/issues?assignee_username=demo`, list('dashboard', '', 'issues')],
  [`${H}/dashboard/merge_requests`, list('dashboard', '', 'merge_requests')],
];

const NOT_LISTS = [
  `${H}/acme/web/-/issues/1`,
  `${H}/acme/web/-/merge_requests/7`,
  `${H}/acme/web/-/merge_requests/7/diffs`,
  `${H}/acme/web/-/issues/new`,
  `${H}/acme/web/-/boards/abc`,
  `${H}/acme/web/-/boards/5/edit`,
  `${H}/acme/web/-/milestones`,
  `${H}/acme/web`,
  `${H}/acme/issues`,
  `${H}/acme/web/issues/9`,
  `${H}/dashboard/todos`,
  `${H}/dashboard/issues/1`,
  `${H}/acme/web/work_items`,
  `${H}/-/issues`,
  `ftp://gitlab.example.com/acme/web/-/issues`,
  'not a url',
];

describe('parseListUrl', () => {
  it.each(LISTS)('%s is a list page', (url, expected) => {
    expect(parseListUrl(url)).toEqual(expected);
    expect(mayShowList(url)).toBe(true);
  });

  it.each(NOT_LISTS)('%s is no list page', (url) => {
    expect(parseListUrl(url)).toBeNull();
  });

  it('reads past the GitLab sub-path, and refuses pages outside it', () => {
    expect(parseListUrl(`${H}/gitlab/acme/web/-/boards/5`, { basePath: '/gitlab' })).toEqual(list('project', 'acme/web', 'boards'));
    expect(parseListUrl(`${H}/gitlab/groups/acme/-/issues`, { basePath: '/gitlab/' })).toEqual(list('group', 'acme', 'issues'));
    expect(parseListUrl(`${H}/other/acme/web/-/issues`, { basePath: '/gitlab' })).toBeNull();
  });

  it('the first look leaves item pages to the widget', () => {
    expect(mayShowList(`${H}/acme/web/-/issues/12`)).toBe(false);
    expect(mayShowList(`${H}/acme/web/-/merge_requests/7/diffs`)).toBe(false);
    expect(mayShowIssue(`${H}/acme/web/-/boards/5`)).toBe(false);
  });
});

describe('parseItemPath (a row link\'s path)', () => {
  it.each([
    ['/acme/web/-/issues/12', ''],
    ['/acme/sub/web/-/merge_requests/7', ''],
    ['/acme/web/-/merge_requests/7/diffs', ''],
    ['/acme/web/-/work_items/3', ''],
    ['/acme/web/-/issues/incident/9', ''],
    ['/acme/web/issues/12', ''],
    ['/gitlab/acme/web/-/issues/12', '/gitlab'],
    ['/acme/web/-/issues', ''],
    ['/acme/web/-/boards/5', ''],
    ['/acme/web/-/milestones/1', ''],
    ['/acme/%3Cimg%3E/-/issues/2', ''],
    ['/acme/web/-/issues/12', '/gitlab'],
    ['/groups/acme/-/work_items/4', ''],
  ])('%s (sub-path %j) names what parseIssueUrl reads there', (pathname, basePath) => {
    const page = parseIssueUrl(`${H}${pathname}`, { basePath });
    expect(parseItemPath(pathname, basePath)).toEqual(page && { fullPath: page.fullPath, iid: page.iid, kind: page.kind });
  });

  it('names the issue of a link with a drawer\'s ?show= by its path alone', () => {
    expect(parseItemPath(new URL(`${H}/acme/web/-/issues/2?show=eyJpaWQiOiIxIn0`).pathname)).toEqual({ fullPath: 'acme/web', iid: 2, kind: 'issue' });
  });
});

function fixture(file: string): Document {
  const html = readFileSync(path.join(import.meta.dirname, '../../tests/fixtures/pages', file), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Every row's item as `path#iid` / `path!iid`, read from its title link's path as the list script does. */
function references(doc: Document): string[] {
  return [...doc.querySelectorAll(LIST_ITEMS)].map((row) => {
    const found = listItemTitle(row);
    const ref = found && parseItemPath(new URL(found.link.getAttribute('href')!, H).pathname);
    return ref ? `${ref.fullPath}${ref.kind === 'merge_request' ? '!' : '#'}${ref.iid}` : 'none';
  });
}

describe.each<[string, string, string[]]>([
  ['board-13.html', '/acme/web/-/boards/5', ['acme/web#1', 'acme/web#2']],
  ['board-16.html', '/groups/acme/-/boards/6', ['acme/web#1', 'acme/web#2', 'acme/api#3']],
  ['board-17.html', '/acme/web/-/boards/5', ['acme/web#1', 'acme/web#2']],
  ['board-18.html', '/acme/web/-/boards/5', ['acme/web#1', 'acme/web#2']],
  ['issue-list-13.html', '/acme/web/-/issues', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-16.html', '/acme/web/-/issues', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-17.html', '/acme/web/-/issues', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-18.html', '/acme/web/-/issues', ['acme/web#1', 'acme/web#2', 'acme/web#4']],
  ['issue-list-group-13.html', '/groups/acme/-/issues', ['acme/web#1', 'acme/web#2', 'acme/api#3']],
  ['issue-list-group-17.html', '/groups/acme/-/issues', ['acme/web#1', 'acme/web#2', 'acme/api#3']],
  ['mr-list-16.html', '/acme/web/-/merge_requests', ['acme/web!7', 'acme/web!8', 'acme/web!5']],
  ['mr-list-17.html', '/acme/web/-/merge_requests', ['acme/web!7', 'acme/web!8', 'acme/web!5']],
  ['mr-list-group-16.html', '/groups/acme/-/merge_requests', ['acme/web!7', 'acme/api!2', 'acme/web!8']],
  ['mr-list-group-17.html', '/groups/acme/-/merge_requests', ['acme/web!7', 'acme/api!2', 'acme/web!8']],
])('%s', (file, pagePath, expected) => {
  it('is a list page by its URL', () => {
    expect(parseListUrl(H + pagePath)).not.toBeNull();
  });

  it('holds one row or card per item, each naming its item', () => {
    expect(references(fixture(file))).toEqual(expected);
  });

  it('a row whose title lost its link, or that has no title, names nothing', () => {
    const rows = [...fixture(file).querySelectorAll(LIST_ITEMS)];
    const [unlinked, untitled] = [rows[0]!, rows[1]!];
    listItemTitle(unlinked)!.link.removeAttribute('href');
    listItemTitle(untitled)!.title.remove();
    expect(listItemTitle(unlinked)).toBeNull();
    expect(listItemTitle(untitled)).toBeNull();
  });
});

describe('the time GitLab already shows on a row', () => {
  it('is found on the rows that show an estimate, and only there', () => {
    for (const file of ['board-16.html', 'board-17.html', 'issue-list-13.html', 'issue-list-17.html', 'issue-list-18.html']) {
      const rows = [...fixture(file).querySelectorAll(LIST_ITEMS)];
      expect({ file, shown: rows.map(listShowsTime) }).toEqual({ file, shown: [true, ...rows.slice(1).map(() => false)] });
    }
  });
});
