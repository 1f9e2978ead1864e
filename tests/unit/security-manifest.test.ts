// @vitest-environment node
/**
 * Least privilege, checked where it is decided (wxt.config.ts, for every target) and where it
 * ends up (the built manifests and scripts, for each build present in TK_OUT_DIR or .output;
 * `npm test` builds after the unit stage, so a build there is the previous one).
 * No `<all_urls>`, no `externally_connectable`, no web-accessible resources, the browsers'
 * default CSP, no remote or evaluated code; host access only to gitlab.com up front, every
 * self-hosted GitLab asked for at Connect.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
};

const REQUIRED_PERMISSIONS = ['storage', 'alarms', 'scripting', 'idle', 'notifications', 'identity'];
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];
const TARGETS = [
  { dir: 'chrome-mv3', browser: 'chrome', manifestVersion: 3 },
  { dir: 'firefox-mv2', browser: 'firefox', manifestVersion: 2 },
  { dir: 'firefox-mv3', browser: 'firefox', manifestVersion: 3 },
] as const;

function configured(browser: string, manifestVersion: 2 | 3): Manifest {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts: manifest is expected to be a function of the target');
  return manifest({ browser, manifestVersion, mode: 'production', command: 'build' } as never) as Manifest;
}

/** What every manifest, configured or built, must hold. */
function expectLeastPrivilege(manifest: Manifest, manifestVersion: number): void {
  const text = JSON.stringify(manifest);
  expect(text).not.toContain('<all_urls>');
  expect(text).not.toMatch(/"\*:\/\/\*\/\*"/);
  for (const key of ['externally_connectable', 'web_accessible_resources', 'content_security_policy', 'update_url', 'key']) expect(manifest).not.toHaveProperty(key);
  // Required access: gitlab.com's pages only. Any other host is optional, asked for one at a time.
  const required = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
  expect(required.filter((p) => p.includes('/')).sort()).toEqual(['https://gitlab.com/*']);
  expect(required.filter((p) => !p.includes('/')).sort()).toEqual([...REQUIRED_PERMISSIONS].sort());
  const optional = manifestVersion === 3 ? manifest.optional_host_permissions : manifest.optional_permissions;
  expect(optional?.sort()).toEqual([...OPTIONAL_HOSTS].sort());
  for (const script of manifest.content_scripts ?? []) expect(script.matches).toEqual(['https://gitlab.com/*']);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe.each(TARGETS)('wxt.config.ts for $dir', ({ browser, manifestVersion }) => {
  it('asks for no more than it needs', () => {
    expectLeastPrivilege(configured(browser, manifestVersion), manifestVersion);
  });
});

const outDir = path.resolve(import.meta.dirname, '../..', process.env.TK_OUT_DIR ?? '.output');
const built = TARGETS.filter((t) => existsSync(path.join(outDir, t.dir, 'manifest.json')));

describe.runIf(built.length > 0).each(built)('the built $dir', ({ dir, manifestVersion }) => {
  const root = path.join(outDir, dir);
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as Manifest;

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
});
