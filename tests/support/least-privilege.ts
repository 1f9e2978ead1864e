/** What every manifest, configured or built, must hold (tests/unit/security-manifest.test.ts, tests/built/). */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
};

export const REQUIRED_PERMISSIONS = ['storage', 'alarms', 'scripting', 'idle', 'notifications', 'identity'];
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];
export const TARGETS = [
  { dir: 'chrome-mv3', browser: 'chrome', manifestVersion: 3 },
  { dir: 'firefox-mv2', browser: 'firefox', manifestVersion: 2 },
  { dir: 'firefox-mv3', browser: 'firefox', manifestVersion: 3 },
] as const;

/** What every manifest, configured or built, must hold. */
export function expectLeastPrivilege(manifest: Manifest, manifestVersion: number): void {
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
  // Scripts: only on gitlab.com's pages: the loader on every one, the widget on item pages.
  for (const script of manifest.content_scripts ?? []) for (const match of script.matches) expect(match).toMatch(/^https:\/\/gitlab\.com\/\*/);
  expect((manifest.content_scripts ?? []).map((s) => s.matches)).toEqual([
    ['https://gitlab.com/*/issues/*', 'https://gitlab.com/*/merge_requests/*', 'https://gitlab.com/*/work_items/*'],
    ['https://gitlab.com/*'],
  ]);
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

