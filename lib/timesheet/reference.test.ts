import { describe, expect, it } from 'vitest';
import { parseItemReference, type ItemRef } from './reference';

const COM = 'https://gitlab.com';
const SUB = 'https://code.example.org/gitlab';
const ALL = [COM, SUB];

const ok = (input: string, instances: string[] = ALL, opts = {}): ItemRef => {
  const parsed = parseItemReference(input, instances, opts);
  if (!parsed.ok) throw new Error(`${input}: ${parsed.error}`);
  return parsed.ref;
};
const error = (input: string, instances: string[] = ALL, opts = {}): string => {
  const parsed = parseItemReference(input, instances, opts);
  if (parsed.ok) throw new Error(`${input} was accepted: ${JSON.stringify(parsed.ref)}`);
  return parsed.error;
};

describe('parseItemReference: references', () => {
  it('reads issue and merge request references on the only connected GitLab', () => {
    expect(ok('group/sub/project#12', [COM])).toEqual({ instanceId: COM, projectPath: 'group/sub/project', kind: 'issue', iid: 12 });
    expect(ok('  group/project!7 ', [COM])).toEqual({ instanceId: COM, projectPath: 'group/project', kind: 'merge_request', iid: 7 });
    expect(ok('my.group/web-app_2#1', [COM]).projectPath).toBe('my.group/web-app_2');
    expect(ok('group/merge_requests!3', [COM]).projectPath).toBe('group/merge_requests');
  });

  it('needs to know the GitLab when several are connected', () => {
    expect(error('group/project#12')).toMatch(/Several GitLabs are connected.*address/);
    expect(ok('group/project#12', ALL, { defaultInstance: SUB }).instanceId).toBe(SUB);
    expect(error('group/project#12', [])).toMatch(/Connect a GitLab/);
  });

  it('says what is wrong with a bad reference', () => {
    expect(error('#12', [COM])).toMatch(/Add the project before #12/);
    expect(error('project#12', [COM])).toMatch(/not a project's full path/);
    expect(error('group/project#', [COM])).toMatch(/number/);
    expect(error('group/project#0', [COM])).toMatch(/number/);
    expect(error('group/project#12a', [COM])).toMatch(/number/);
    expect(error('group/project!x', [COM])).toMatch(/merge request's number/);
    expect(error('group/-bad#1', [COM])).toMatch(/not a project's full path/);
    expect(error('groups/project#1', [COM])).toMatch(/not a project's full path/);
    expect(error('group/../x#1', [COM])).toMatch(/not a project's full path/);
    expect(error('fix the login page', [COM])).toMatch(/is not an issue or merge request/);
    expect(error('   ', [COM])).toMatch(/^Enter an issue or merge request/);
    expect(error('group/project#99999999999999999', [COM])).toMatch(/number/);
  });
});

describe('parseItemReference: addresses', () => {
  it.each([
    ['https://gitlab.com/group/project/-/issues/12', COM, 'group/project', 'issue', 12],
    ['https://gitlab.com/group/sub/project/-/issues/12#note_345', COM, 'group/sub/project', 'issue', 12],
    ['https://gitlab.com/group/project/issues/12', COM, 'group/project', 'issue', 12],
    ['https://gitlab.com/group/project/-/work_items/12', COM, 'group/project', 'issue', 12],
    ['https://gitlab.com/group/project/-/issues/incident/5', COM, 'group/project', 'issue', 5],
    ['https://gitlab.com/group/project/-/merge_requests/7', COM, 'group/project', 'merge_request', 7],
    ['https://gitlab.com/group/project/-/merge_requests/7/diffs?commit_id=abc', COM, 'group/project', 'merge_request', 7],
    ['https://gitlab.com/group/project/merge_requests/7', COM, 'group/project', 'merge_request', 7],
    ['https://gitlab.com/group/project/merge_requests/7/commits', COM, 'group/project', 'merge_request', 7],
    ['https://code.example.org/gitlab/group/project/-/issues/12', SUB, 'group/project', 'issue', 12],
    ['https://code.example.org/gitlab/group/project/issues/12', SUB, 'group/project', 'issue', 12],
    ['https://code.example.org/gitlab/group/project/-/merge_requests/7', SUB, 'group/project', 'merge_request', 7],
    ['https://code.example.org/gitlab/group/project/merge_requests/7', SUB, 'group/project', 'merge_request', 7],
    ['https://code.example.org/gitlab/group/project/-/work_items/3', SUB, 'group/project', 'issue', 3],
    // A project (or group) named merge_requests.
    ['https://gitlab.com/group/merge_requests/-/merge_requests/7', COM, 'group/merge_requests', 'merge_request', 7],
    ['https://gitlab.com/group/merge_requests/merge_requests/7', COM, 'group/merge_requests', 'merge_request', 7],
    ['https://gitlab.com/merge_requests/project/merge_requests/7', COM, 'merge_requests/project', 'merge_request', 7],
    ['https://gitlab.com/group/merge_requests/-/issues/3', COM, 'group/merge_requests', 'issue', 3],
    ['https://gitlab.com/group/issues/issues/4', COM, 'group/issues', 'issue', 4],
    // Typed without the scheme.
    ['gitlab.com/group/project/-/merge_requests/7', COM, 'group/project', 'merge_request', 7],
    ['code.example.org/gitlab/group/project/-/issues/12#note_1', SUB, 'group/project', 'issue', 12],
  ])('%s', (input, instanceId, projectPath, kind, iid) => {
    expect(ok(input)).toEqual({ instanceId, projectPath, kind, iid });
  });

  it('reads an issue open in a drawer over a board', () => {
    const show = btoa(JSON.stringify({ iid: '9', full_path: 'group/project', id: 1 }));
    expect(ok(`https://gitlab.com/group/project/-/boards/1?show=${show}`)).toEqual({ instanceId: COM, projectPath: 'group/project', kind: 'issue', iid: 9 });
  });

  it('refuses an address of a GitLab that is not connected, or outside its sub-path', () => {
    expect(error('https://gitlab.example.net/group/project/-/issues/1')).toMatch(/gitlab\.example\.net is not one of your connected GitLabs/);
    expect(error('https://code.example.org/other/group/project/-/issues/1')).toMatch(/not one of your connected GitLabs/);
    expect(error('http://gitlab.com/group/project/-/issues/1')).toMatch(/not one of your connected GitLabs/);
  });

  it('refuses addresses that are not one issue or merge request', () => {
    expect(error('https://gitlab.com/group/project/-/issues')).toMatch(/not one issue or merge request/);
    expect(error('https://gitlab.com/group/project/-/merge_requests/7/edit')).toMatch(/not one issue or merge request/);
    expect(error('https://gitlab.com/group/project')).toMatch(/not one issue or merge request/);
    expect(error('https://gitlab.com/project/-/issues/1')).toMatch(/not one issue or merge request/);
    expect(error('https://gitlab.com/groups/acme/-/work_items/12')).toMatch(/group's page/);
    expect(error('https://gitlab.com/groups/acme/-/epics/3')).toMatch(/group's page/);
  });

  it('refuses other schemes and broken addresses', () => {
    expect(error('javascript:alert(1)')).toMatch(/Only http and https/);
    expect(error('ftp://gitlab.com/group/project/-/issues/1')).toMatch(/Only http and https/);
    expect(error('https://')).toMatch(/not a web address/);
  });
});
