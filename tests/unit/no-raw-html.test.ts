// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isPreactRenderer, withoutRawHtml } from '../../scripts/build/no-raw-html';

const preactFile = createRequire(import.meta.url).resolve('preact');

describe('the build without markup from strings', () => {
  it("turns Preact's one innerHTML assignment into a textContent one", () => {
    const code = readFileSync(preactFile, 'utf8');
    expect(code).toMatch(/\.innerHTML=/);
    const out = withoutRawHtml(code);
    expect(out).not.toMatch(/\.innerHTML\s*=/);
    expect(out).toMatch(/\.textContent=[\w$]+\.__html\)/);
    expect(out.length).toBe(code.length + 2);
  });

  it('refuses code without the assignment, or with more than one (a Preact release that changed it)', () => {
    expect(() => withoutRawHtml('export const x = 1;')).toThrow(/found 0/);
    expect(() => withoutRawHtml('(a.innerHTML=b.__html);(c.innerHTML=d.__html)')).toThrow(/found 2/);
  });

  it("applies to Preact's renderer only", () => {
    expect(isPreactRenderer(preactFile)).toBe(true);
    expect(isPreactRenderer('/p/node_modules/preact/dist/preact.mjs?v=1')).toBe(true);
    expect(isPreactRenderer('C:\\p\\node_modules\\preact\\dist\\preact.mjs')).toBe(true);
    expect(isPreactRenderer('/p/node_modules/preact/hooks/dist/hooks.mjs')).toBe(false);
    expect(isPreactRenderer('/p/lib/preact/dist/preact.mjs')).toBe(false);
  });
});
