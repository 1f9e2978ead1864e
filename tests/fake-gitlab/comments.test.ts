import { describe, expect, it } from 'vitest';
import { renderPage } from './pages';
import { seedData } from './seed';
import type { ApiState } from './api';
import { createTokenStore } from './auth';
import { DEMO_TOKEN, READONLY_TOKEN } from './api';

const state = (): ApiState => ({ data: seedData('demo', 130), timelogs: [], auth: createTokenStore(DEMO_TOKEN, READONLY_TOKEN) });

describe('the benchmark\'s busy issue (?comments=N)', () => {
  for (const path of ['/acme/web/-/issues/1', '/acme/platform/infra/-/issues/1']) {
    it(`renders N comments and the append script on ${path}`, async () => {
      const page = await renderPage(state(), path, { basePath: '', query: new URLSearchParams('comments=2000') });
      expect(page.status).toBe(200);
      expect(page.body!.match(/class="note timeline-entry"/g)).toHaveLength(2000);
      expect(page.body).toContain('window.standInComments');
      // Inside the page's own notes list.
      expect(page.body!.indexOf('id="tk-comments"')).toBeGreaterThan(page.body!.indexOf('id="notes-list"'));
    });
  }

  it('leaves issue pages without the query as they were, and clamps huge counts', async () => {
    const plain = await renderPage(state(), '/acme/web/-/issues/1', { basePath: '', query: new URLSearchParams() });
    expect(plain.body).not.toContain('tk-comments');
    const huge = await renderPage(state(), '/acme/web/-/issues/1', { basePath: '', query: new URLSearchParams('comments=999999') });
    expect(huge.body!.match(/class="note timeline-entry"/g)).toHaveLength(5000);
  });
});
