// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './server';

/** Whether the page's <html> carries GitLab's dark class. */
const dark = (html: string) => /<html[^>]*class="[^"]*\bgl-dark\b/.test(html);

describe('the stand-in with look', () => {
  let standIn: StandIn | null = null;
  afterEach(async () => {
    await standIn?.close();
    standIn = null;
  });

  it('serves the look only when asked, keeps a chosen theme in a cookie, and leaves the API alone', async () => {
    standIn = await startStandIn({ look: true });
    const plain = await startStandIn();
    try {
      expect(await (await fetch(`${plain.url}/acme/web/-/issues/1?theme=dark`)).text()).not.toContain('stand-in-look');
    } finally {
      await plain.close();
    }
    const first = await fetch(`${standIn.url}/acme/web/-/issues/1?theme=dark`);
    expect(first.headers.get('set-cookie')).toMatch(/^stand_in_theme=dark;/);
    expect(dark(await first.text())).toBe(true);
    const again = await fetch(`${standIn.url}/acme/web/-/issues/2`, { headers: { cookie: 'stand_in_theme=dark' } });
    expect(dark(await again.text())).toBe(true);
    const bad = await fetch(`${standIn.url}/acme/web/-/issues/2?theme=<script>`);
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect(dark(await bad.text())).toBe(false);
    const api = await fetch(`${standIn.url}/api/v4/version`, { headers: { 'PRIVATE-TOKEN': standIn.token } });
    expect(await api.text()).not.toContain('stand-in-look');
  });
});
