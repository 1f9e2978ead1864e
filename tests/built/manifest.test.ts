// @vitest-environment node
/**
 * Least privilege where it ends up: the built manifests and scripts of all three targets.
 * `npm test` runs this after the builds (a missing build fails here rather than passing unseen).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectLeastPrivilege, filesUnder, TARGETS, type Manifest } from '../support/least-privilege';

const outDir = path.resolve(import.meta.dirname, '../..', process.env.TK_OUT_DIR ?? '.output');

describe.each(TARGETS)('the built $dir', ({ dir, manifestVersion }) => {
  const root = path.join(outDir, dir);
  const manifestFile = path.join(root, 'manifest.json');
  const manifest = (existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {}) as Manifest;

  it('exists', () => {
    expect(existsSync(manifestFile)).toBe(true);
  });

  it('asks for no more than it needs', () => {
    expectLeastPrivilege(manifest, manifestVersion);
  });

  it('runs only its own packaged code: no remote scripts, no eval', () => {
    for (const file of filesUnder(root).filter((f) => /\.(js|html)$/.test(f))) {
      const code = readFileSync(file, 'utf8');
      const where = path.relative(root, file);
      expect({ where, remoteScript: /<script[^>]+src=["']?(https?:)?\/\//i.test(code) }).toEqual({ where, remoteScript: false });
      expect({ where, remoteImport: /\b(importScripts|import)\s*\(\s*["'`]https?:/.test(code) }).toEqual({ where, remoteImport: false });
      expect({ where, evaluates: /(^|[^.\w$])eval\s*\(|new\s+Function\s*\(/.test(code) }).toEqual({ where, evaluates: false });
    }
  });

  // End-to-end and benchmark hooks exist only in the test build (TK_TEST_BUILD=1, wxt.config.ts).
  it('carries no test hooks', () => {
    const code = filesUnder(root)
      .filter((f) => /\.(js|html)$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(code.length).toBeGreaterThan(0);
    for (const hook of ['timekeeperCommand', 'timekeeperMoveClock', 'tk:popup-script', 'tk-first-row', 'elementtiming', 'tk:timesheet-painted']) expect({ hook, found: code.includes(hook) }).toEqual({ hook, found: false });
  });
});

describe.each(TARGETS)('the built $dir popup page', ({ dir }) => {
  const page = path.join(outDir, dir, 'popup.html');
  const html = existsSync(page) ? readFileSync(page, 'utf8') : '';

  // Every request an extension page makes delays its first paint (scripts/build/popup-page.ts).
  it('loads one script that imports nothing, with its styles in the page', () => {
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(html).not.toMatch(/<link[^>]*rel="(stylesheet|modulepreload)"/);
    expect(html).toMatch(/<style>[^<]*\.issues[^<]*<\/style>/);
    const code = readFileSync(path.join(outDir, dir, scripts[0]!), 'utf8');
    expect(code).not.toMatch(/(?:from|import)\s*\(?\s*"\.\.?\//);
  });
});
