// @vitest-environment node
/**
 * What the stores read in the built manifests: the oldest browser each build runs on, Firefox's
 * data collection declaration, and a justification in docs/store-listing.md for every
 * permission (a permission added without one fails here).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGETS, type Manifest } from '../support/least-privilege';
import { permissionsOf, unjustifiedPermissions } from '../support/store-docs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const outDir = path.resolve(ROOT, process.env.TK_OUT_DIR ?? '.output');
const listing = readFileSync(path.join(ROOT, 'docs/store-listing.md'), 'utf8');

type StoreManifest = Manifest & {
  minimum_chrome_version?: string;
  browser_specific_settings?: { gecko?: { strict_min_version?: string; data_collection_permissions?: { required?: string[] } }; gecko_android?: { strict_min_version?: string } };
};

function built(dir: string): StoreManifest {
  const file = path.join(outDir, dir, 'manifest.json');
  return (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as StoreManifest;
}

describe.each(TARGETS)('the built $dir manifest, for the stores', ({ dir, browser }) => {
  const manifest = built(dir);

  it('justifies every permission it asks for in docs/store-listing.md', () => {
    expect(permissionsOf(manifest).length).toBeGreaterThan(0);
    expect(unjustifiedPermissions(manifest, listing)).toEqual([]);
  });

  if (browser === 'chrome') {
    it('names the oldest Chrome it runs on, as the listing gives it', () => {
      expect(manifest.minimum_chrome_version).toMatch(/^\d{3}$/);
      expect(listing).toContain(`\`minimum_chrome_version\`: **${manifest.minimum_chrome_version}**`);
      expect(manifest).not.toHaveProperty('browser_specific_settings');
    });
  } else {
    it('names the oldest Firefox it runs on and declares that it collects no data, as the listing gives them', () => {
      const settings = manifest.browser_specific_settings;
      const desktop = settings?.gecko?.strict_min_version;
      const android = settings?.gecko_android?.strict_min_version;
      expect(desktop).toMatch(/^\d{3}\.0$/);
      expect(android).toMatch(/^\d{3}\.0$/);
      // data_collection_permissions arrived in Firefox 140 (desktop) and 142 (Android): older minimums make AMO's linter warn.
      expect(Number.parseFloat(desktop!)).toBeGreaterThanOrEqual(140);
      expect(Number.parseFloat(android!)).toBeGreaterThanOrEqual(142);
      expect(settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
      expect(listing).toContain(`\`strict_min_version\`: **${desktop}**`);
      expect(listing).toContain(`\`gecko_android.strict_min_version\`: **${android}**`);
      expect(manifest).not.toHaveProperty('minimum_chrome_version');
    });
  }
});
