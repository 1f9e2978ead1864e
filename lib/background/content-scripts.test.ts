import { describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { syncContentScripts } from './content-scripts';

/** A browser whose registered scripts and granted origins are given. */
function browserWith(registered: Array<{ id: string }>, granted: string[]) {
  const scripting = {
    registerContentScripts: vi.fn(async () => undefined),
    unregisterContentScripts: vi.fn(async () => undefined),
    getRegisteredContentScripts: vi.fn(async () => registered),
  };
  const permissions = { contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.includes(o))) };
  return { browser: { scripting, permissions } as unknown as WxtBrowser, scripting };
}

describe('syncContentScripts', () => {
  it('registers the widget on item pages and the loader on every page of each granted GitLab', async () => {
    const { browser, scripting } = browserWith([], ['https://git.example.org/*']);
    const missing = await syncContentScripts(browser, ['https://git.example.org:8443/gitlab', 'https://other.example.org', 'https://gitlab.com']);
    expect(missing).toEqual(['https://other.example.org']);
    expect(scripting.registerContentScripts).toHaveBeenCalledWith([
      {
        id: 'tk-gitlab-https_git_example_org__widget',
        matches: ['https://git.example.org/*/issues/*', 'https://git.example.org/*/merge_requests/*', 'https://git.example.org/*/work_items/*'],
        excludeMatches: ['https://git.example.org/*/issues/new*', 'https://git.example.org/*/merge_requests/new*', 'https://git.example.org/*/work_items/new*'],
        js: ['widget.js'],
        runAt: 'document_start',
        allFrames: false,
      },
      { id: 'tk-gitlab-https_git_example_org_', matches: ['https://git.example.org/*'], js: ['loader.js'], runAt: 'document_start', allFrames: false },
    ]);
  });

  it('after an update that added the widget, registers only the widget beside the loader already there', async () => {
    const { browser, scripting } = browserWith([{ id: 'tk-gitlab-https_git_example_org_' }], ['https://git.example.org/*']);
    await syncContentScripts(browser, ['https://git.example.org']);
    expect(scripting.unregisterContentScripts).not.toHaveBeenCalled();
    expect(scripting.registerContentScripts).toHaveBeenCalledWith([expect.objectContaining({ id: 'tk-gitlab-https_git_example_org__widget', js: ['widget.js'] })]);
  });

  it('a GitLab disconnected or whose access was removed loses both scripts; scripts not ours are left alone', async () => {
    const { browser, scripting } = browserWith([{ id: 'tk-gitlab-https_git_example_org_' }, { id: 'tk-gitlab-https_git_example_org__widget' }, { id: 'someone-else' }], []);
    await syncContentScripts(browser, ['https://git.example.org']);
    expect(scripting.unregisterContentScripts).toHaveBeenCalledWith({ ids: ['tk-gitlab-https_git_example_org_', 'tk-gitlab-https_git_example_org__widget'] });
    expect(scripting.registerContentScripts).not.toHaveBeenCalled();
  });
});
