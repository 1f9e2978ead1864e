// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { inlineStylesheets, ownBuildForPopup } from '../../scripts/build/popup-page';

describe('the popup page build', () => {
  it('moves the popup out of the group of HTML pages, and leaves the rest as they were', () => {
    const background = { type: 'background' };
    const popup = { type: 'popup' };
    const options = { type: 'options' };
    const groups = [background, [options, popup], [{ type: 'unlisted-script' }]];
    ownBuildForPopup(groups);
    expect(groups).toEqual([background, [options], [{ type: 'unlisted-script' }], [popup]]);
  });

  it('a popup already alone, or no popup at all, changes nothing', () => {
    const alone = [[{ type: 'popup' }], [{ type: 'options' }]];
    ownBuildForPopup(alone);
    expect(alone).toEqual([[{ type: 'popup' }], [{ type: 'options' }]]);
    const none = [[{ type: 'options' }, { type: 'unlisted-page' }]];
    ownBuildForPopup(none);
    expect(none).toEqual([[{ type: 'options' }, { type: 'unlisted-page' }]]);
  });

  it('writes each style sheet into the page', () => {
    const css: Record<string, string> = { '/assets/a.css': 'a{color:red}', '/assets/b.css': '.b{margin:0}' };
    const page = '<head><link rel="stylesheet" crossorigin href="/assets/a.css">\n<link rel="stylesheet" href="/assets/b.css"><script type="module" src="/x.js"></script></head>';
    const { html, inlined } = inlineStylesheets(page, (href) => css[href]);
    expect(html).toBe('<head><style>a{color:red}</style>\n<style>.b{margin:0}</style><script type="module" src="/x.js"></script></head>');
    expect(inlined).toEqual(['/assets/a.css', '/assets/b.css']);
  });

  it('keeps the link for a sheet it does not have, and for one that would end the style element early', () => {
    const page = '<link rel="stylesheet" href="/assets/missing.css"><link rel="stylesheet" href="/assets/odd.css">';
    const { html, inlined } = inlineStylesheets(page, (href) => (href === '/assets/odd.css' ? 'a::after{content:"</style><script>"}' : undefined));
    expect(html).toBe(page);
    expect(inlined).toEqual([]);
  });
});
