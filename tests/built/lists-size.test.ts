// @vitest-environment node
/**
 * The list and board script's place and weight in every built target: injected by the background
 * only into list and board pages (never declared for every page), at most 5 KB gzipped there, and
 * the loader, which every GitLab page gets, still under its 1 KB.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../../scripts/bench/sizes';
import { TARGETS } from '../support/least-privilege';

const outDir = path.resolve(import.meta.dirname, '../..', process.env.TK_OUT_DIR ?? '.output');
const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

describe.each(TARGETS)('the built $dir', ({ dir }) => {
  const root = path.join(outDir, dir);

  it('has the list and board script at most 5 KB gzipped', () => {
    const file = path.join(root, 'lists.js');
    expect(existsSync(file)).toBe(true);
    expect(BUDGETS.listScript).toBe(5 * 1024);
    expect(gzipped(file)).toBeLessThanOrEqual(BUDGETS.listScript);
  });

  it('keeps the loader, on every GitLab page, under 1 KB gzipped', () => {
    expect(gzipped(path.join(root, 'loader.js'))).toBeLessThanOrEqual(BUDGETS.otherPage);
  });

  it('declares the list script for no page: the background injects it where a list or board is', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { content_scripts?: Array<{ js?: string[] }> };
    const declared = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
    expect(declared).toContain('loader.js');
    expect(declared).not.toContain('lists.js');
  });
});
