// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { documentedSteps, justifiedPermissions, permissionsOf, unjustifiedPermissions } from '../support/store-docs';

const listing = (rows: string) => `# Listing\n\n<!-- permissions:start -->\n| permission | why |\n| --- | --- |\n${rows}\n<!-- permissions:end -->\n`;
const REASON = 'Keeps the timer and the time logs waiting to be sent.';

describe('the permission justifications read back from the listing', () => {
  it('lists every permission kind a manifest has, once', () => {
    expect(
      permissionsOf({ permissions: ['storage', 'https://gitlab.com/*'], host_permissions: ['https://gitlab.com/*'], optional_permissions: ['http://*/*'], optional_host_permissions: ['https://*/*'] }),
    ).toEqual(['http://*/*', 'https://*/*', 'https://gitlab.com/*', 'storage']);
  });

  it('reads the names of each row with a reason, several to a row', () => {
    expect(justifiedPermissions(listing(`| \`storage\` | ${REASON} |\n| \`https://*/*\`, \`http://*/*\` | ${REASON} |`))).toEqual(['http://*/*', 'https://*/*', 'storage']);
  });

  it('finds a permission the listing leaves out, so adding one without a reason fails', () => {
    expect(unjustifiedPermissions({ permissions: ['storage', 'alarms'] }, listing(`| \`storage\` | ${REASON} |`))).toEqual(['alarms']);
  });

  it('does not count an empty or placeholder reason, a row outside the table, or a table without its markers', () => {
    const md = `| \`tabs\` | ${REASON} |\n` + listing(`| \`storage\` |  |\n| \`alarms\` | TODO |`);
    expect(justifiedPermissions(md)).toEqual([]);
    expect(justifiedPermissions(`| \`storage\` | ${REASON} |`)).toEqual([]);
    expect(unjustifiedPermissions({ permissions: ['storage'] }, '')).toEqual(['storage']);
  });
});

describe('the build steps read back from SOURCE_CODE_REVIEW.md', () => {
  it('are the commands of the marked shell block, without comments', () => {
    const md = '```sh\nrm -rf /\n```\n<!-- steps:start -->\n```sh\nnpm ci   # exact versions\n\nnpm run build:firefox\n```\n<!-- steps:end -->';
    expect(documentedSteps(md)).toEqual(['npm ci', 'npm run build:firefox']);
  });

  it('are none without the markers', () => {
    expect(documentedSteps('```sh\nnpm ci\n```')).toEqual([]);
  });
});
