import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Instance } from '@/lib/model/storage';
import type { InstanceMergeRequests, MergeRequestRow } from '@/lib/model/protocol';
import { MERGE_REQUEST_ROWS, MergeRequestList } from './MergeRequestList';
import type { TimerMark } from './AssignedList';

const HOME = 'https://gitlab.example.com';
const AWAY = 'https://code.example.org/gitlab';

const instance = (baseUrl: string): Instance => ({ baseUrl, userId: 1, username: 'demo', name: 'Demo', avatarUrl: null, connectedAt: 1, gitlabVersion: null });

function row(instanceId: string, projectPath: string, iid: number, fields: Partial<MergeRequestRow> = {}): MergeRequestRow {
  return {
    instanceId,
    id: 10_000 + iid + (instanceId === HOME ? 0 : 5000) + projectPath.length * 100,
    iid,
    projectPath,
    reference: `${projectPath}!${iid}`,
    title: `Merge request ${iid} of ${projectPath}`,
    webUrl: `${instanceId}/${projectPath}/-/merge_requests/${iid}`,
    updatedAt: `2026-11-2${iid}T10:00:00Z`,
    assigned: true,
    reviewing: false,
    timeEstimate: 14400,
    totalTimeSpent: 3600,
    humanTimeEstimate: '4h',
    humanTotalTimeSpent: '1h',
    ...fields,
  };
}

const group = (baseUrl: string, mergeRequests: MergeRequestRow[], extra: Partial<InstanceMergeRequests> = {}): InstanceMergeRequests => ({
  instance: instance(baseUrl),
  mergeRequests,
  limit: null,
  error: null,
  fetchedAt: 1,
  ...extra,
});

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(groups: InstanceMergeRequests[], opts: { query?: string; timer?: TimerMark | null; readOnly?: Map<string, string>; showHost?: boolean } = {}) {
  const onStart = vi.fn();
  container = document.createElement('div');
  document.body.append(container);
  render(
    <MergeRequestList groups={groups} query={opts.query ?? ''} timer={opts.timer ?? null} busy={false} readOnly={opts.readOnly ?? new Map()} showHost={opts.showHost ?? false} selected={null} reveal={{ count: 0, focus: false }} onSelect={() => undefined} onStart={onStart} />,
    container,
  );
  return onStart;
}

const list = () => container.querySelector('ul[aria-label="Merge requests"]')!;
const items = () => [...list().querySelectorAll('li')].map((li) => li.getAttribute('aria-label'));
const startButton = (name: string) => container.querySelector<HTMLButtonElement>(`button[aria-label^="Start timer for ${name}"]`);

describe('MergeRequestList', () => {
  it('lists the assigned and the review merge requests of every GitLab, newest first, with time against the estimate', () => {
    mount(
      [
        group(HOME, [row(HOME, 'acme/web', 1), row(HOME, 'acme/web', 2, { assigned: false, reviewing: true, humanTimeEstimate: null, timeEstimate: 0, humanTotalTimeSpent: null, totalTimeSpent: 0 })]),
        group(AWAY, [row(AWAY, 'ops/infra', 3, { reviewing: true })]),
      ],
      { showHost: true },
    );
    expect(list()).not.toBeNull();
    expect(items()).toEqual([
      'Merge request 3 of ops/infra ops/infra!3 on code.example.org',
      'Merge request 2 of acme/web acme/web!2 on gitlab.example.com',
      'Merge request 1 of acme/web acme/web!1 on gitlab.example.com',
    ]);
    const texts = [...list().querySelectorAll('li .meta')].map((m) => m.textContent);
    expect(texts[0]).toContain('Assigned · Review requested');
    expect(texts[0]).toContain('1h of 4h');
    expect(texts[1]).toContain('Review requested');
    expect(texts[1]).toContain('No time spent · No estimate');
    expect(container.querySelector('h2')!.textContent).toBe('Merge requests (3)');
  });

  it('Start timer starts on that merge request', () => {
    const target = row(HOME, 'acme/web', 2, { reviewing: true, assigned: false });
    const onStart = mount([group(HOME, [row(HOME, 'acme/web', 1), target])]);
    startButton('acme/web!2')!.click();
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(onStart).toHaveBeenCalledWith(target);
  });

  it('the running timer’s merge request shows Running instead of Start; an issue with the same number does not', () => {
    mount([group(HOME, [row(HOME, 'acme/web', 1), row(HOME, 'acme/web', 2)])], { timer: { instanceId: HOME, reference: 'acme/web!1', running: true } });
    expect(startButton('acme/web!1')).toBeNull();
    expect(list().querySelector('li .badge')!.textContent).toBe('Running');
    mount([group(HOME, [row(HOME, 'acme/web', 1)])], { timer: { instanceId: HOME, reference: 'acme/web#1', running: true } });
    expect(startButton('acme/web!1')).not.toBeNull();
  });

  it('the popup’s search filters it: by title or by reference; a label term matches none', () => {
    const groups = [group(HOME, [row(HOME, 'acme/web', 1, { title: 'Add rate limiting' }), row(HOME, 'acme/api', 2, { title: 'Fix the login' })])];
    mount(groups, { query: 'RATE' });
    expect(items()).toEqual(['Add rate limiting acme/web!1']);
    expect(container.querySelector('h2')!.textContent).toBe('Merge requests (1 of 2)');
    render(null, container);
    container.remove();
    mount(groups, { query: 'api!2' });
    expect(items()).toEqual(['Fix the login acme/api!2']);
    render(null, container);
    container.remove();
    mount(groups, { query: '~bug' });
    expect(items()).toEqual([]);
    expect(container.textContent).toContain('No merge request matches “~bug”.');
  });

  it('a GitLab that failed leaves its words to the GitLab’s one note (instanceNotes), and the others’ rows stay; an old GitLab says what it cannot list', () => {
    mount([
      group(HOME, [], { error: 'The access token has expired or been revoked.', errorCode: 'unauthorized', fetchedAt: 0 }),
      group(AWAY, [row(AWAY, 'ops/infra', 1)], { limit: 'This GitLab has no reviewers (before 13.8): only merge requests assigned to you are listed.' }),
    ]);
    expect(container.textContent).not.toContain('revoked');
    expect(container.textContent).not.toContain('No open merge request');
    expect(container.textContent).toContain('code.example.org: This GitLab has no reviewers (before 13.8)');
    expect(container.textContent).not.toMatch(/connect/i);
    expect(items()).toEqual(['Merge request 1 of ops/infra ops/infra!1']);
  });

  it('with none, says so', () => {
    mount([group(HOME, [])]);
    expect(items()).toEqual([]);
    expect(container.textContent).toContain('No open merge request is assigned to you or waiting for your review.');
  });

  it('a read-only GitLab’s Start waits, with the reason', () => {
    const onStart = mount([group(HOME, [row(HOME, 'acme/web', 1)])], { readOnly: new Map([[HOME, 'Connected with a read-only token.']]) });
    const button = startButton('acme/web!1')!;
    expect(button.disabled).toBe(true);
    expect(button.title).toBe('Connected with a read-only token.');
    button.click();
    expect(onStart).not.toHaveBeenCalled();
  });

  it('draws the first rows of a long list, and all of them on Show all', async () => {
    const many = Array.from({ length: 45 }, (_, i) => row(HOME, 'acme/web', i + 1, { updatedAt: `2026-11-20T10:${String(59 - i).padStart(2, '0')}:00Z` }));
    mount([group(HOME, many)]);
    expect(items()).toHaveLength(MERGE_REQUEST_ROWS);
    const showAll = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Show all 45 merge requests')!;
    showAll.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(items()).toHaveLength(45);
  });
});
