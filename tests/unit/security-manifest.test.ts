// @vitest-environment node
/**
 * Least privilege, checked where it is decided: wxt.config.ts, for every target. The built
 * manifests and scripts are checked after the builds, by tests/built/manifest.test.ts.
 * No `<all_urls>`, no `externally_connectable`, no web-accessible resources, the browsers'
 * default CSP; host access only to gitlab.com up front, every self-hosted GitLab asked for at Connect.
 */
import { describe, it } from 'vitest';
import config from '../../wxt.config';
import { expectLeastPrivilege, TARGETS, type Manifest } from '../support/least-privilege';

function configured(browser: string, manifestVersion: 2 | 3): Manifest {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts: manifest is expected to be a function of the target');
  return manifest({ browser, manifestVersion, mode: 'production', command: 'build' } as never) as Manifest;
}

describe.each(TARGETS)('wxt.config.ts for $dir', ({ browser, manifestVersion }) => {
  it('asks for no more than it needs', () => {
    expectLeastPrivilege(configured(browser, manifestVersion), manifestVersion);
  });
});

