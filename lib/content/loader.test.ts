import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchForIssueViews } from './loader';
import { claimed, claimFrame } from './page-events';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const start = location.href;
afterEach(() => history.replaceState({}, '', start));

describe('the loader', () => {
  it('asks for the widget only where the URL may show an issue or merge request, and only until it is injected', async () => {
    history.replaceState({}, '', '/acme/web/-/milestones');
    const request = vi.fn(async (url: string) => ({ ok: true as const, injected: url.includes('/issues/2') }));
    watchForIssueViews(request);
    await settle();
    expect(request).not.toHaveBeenCalled();

    history.pushState({}, '', '/acme/web/-/issues/1/designs/a.png'); // may be one; the background says no
    await settle(400);
    expect(request).toHaveBeenCalledTimes(1);

    history.pushState({}, '', '/acme/web/-/issues/2');
    await settle(400);
    expect(request).toHaveBeenCalledTimes(2);
    expect(request).toHaveBeenLastCalledWith(expect.stringMatching(/\/acme\/web\/-\/issues\/2$/));

    history.pushState({}, '', '/acme/web/-/issues/3');
    await settle(400);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('asks on a list or board page until the list script runs there, and on item views after it', async () => {
    history.replaceState({}, '', '/acme/web/-/boards/5');
    const request = vi.fn(async () => ({ ok: true as const, injected: false }));
    watchForIssueViews(request);
    await settle();
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenLastCalledWith(expect.stringMatching(/\/boards\/5$/));

    // The list script claims the frame: filters and pages of results are its own business.
    claimFrame('lists');
    history.pushState({}, '', '/acme/web/-/boards/5?label_name[]=bug');
    await settle(400);
    expect(request).toHaveBeenCalledTimes(1);

    // A drawer over the board is an item view: the widget is asked for.
    history.pushState({}, '', '/acme/web/-/boards/5?show=abc');
    await settle(400);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('asks on a merge request page and on its tabs', async () => {
    history.replaceState({}, '', '/acme/web/-/merge_requests/4/diffs');
    const request = vi.fn(async () => ({ ok: true as const, injected: false }));
    watchForIssueViews(request);
    await settle();
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenLastCalledWith(expect.stringMatching(/\/merge_requests\/4\/diffs$/));
  });

  it('asks again on the next navigation when the background could not be reached', async () => {
    history.replaceState({}, '', '/acme/web/-/issues/1');
    const request = vi.fn().mockRejectedValueOnce(new Error('Extension context invalidated')).mockResolvedValue({ ok: true, injected: true });
    watchForIssueViews(request);
    await settle();
    history.pushState({}, '', '/acme/web/-/issues/1?show=abc');
    await settle(400);
    expect(request).toHaveBeenCalledTimes(2);
  });
});

describe('the loader beside the widget declared on item pages', () => {
  it('asks nothing where the widget started with the page, now or after navigation', async () => {
    history.replaceState({}, '', '/acme/web/-/issues/7');
    const request = vi.fn(async () => ({ ok: true as const, injected: true }));
    watchForIssueViews(request);
    // The widget's script runs right after the loader's, in the same turn.
    claimFrame('widget');
    await settle();
    history.pushState({}, '', '/acme/web/-/issues/8');
    await settle(400);
    expect(request).not.toHaveBeenCalled();
  });
});

describe('claimFrame', () => {
  it('is remembered in the frame, for the other scripts of ours', () => {
    expect(claimed('late')).toBe(false);
    claimFrame('late');
    expect(claimed('late')).toBe(true);
  });

  it('a newer copy of a script ends the older one, not itself', () => {
    const older = claimFrame('test');
    const newer = claimFrame('test');
    const other = claimFrame('other');
    expect(older.aborted).toBe(true);
    expect(newer.aborted).toBe(false);
    expect(other.aborted).toBe(false);
  });
});
