// @vitest-environment node
/**
 * The zips `npm run zip` makes for the stores. The Chrome and Firefox zips hold their build and
 * nothing else; the sources zip addons.mozilla.org asks for rebuilds the Firefox zip byte for
 * byte, by the steps SOURCE_CODE_REVIEW.md gives. This makes the zips as `npm run zip` does (into a temp directory),
 * unpacks the sources elsewhere, installs (a link to this checkout's node_modules stands in for
 * `npm ci`, which needs the network and half a minute), builds as documented and compares every file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../support/least-privilege';
import { documentedSteps } from '../support/store-docs';
import { extractZip, readZip } from '../support/unzip';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'tk-sources-zip-'));
const zips = path.join(work, 'zips');
const sources = path.join(work, 'sources');
const shipped = path.join(work, 'firefox');

/**
 * This process's environment without what changes a build: the test hooks and output directory,
 * and vitest's own NODE_ENV=test (with it, Preact's JSX compiles to its development form, which
 * carries each file's absolute path).
 */
function buildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TK_TEST_BUILD|TK_OUT_DIR|NODE_ENV|TEST|VITEST.*)$/.test(name)));
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
}

function relativeFiles(dir: string): string[] {
  return filesUnder(dir)
    .map((f) => path.relative(dir, f).split(path.sep).join('/'))
    .sort();
}

const zipNamed = (suffix: string) => path.join(zips, readdirSync(zips).find((name) => name.endsWith(suffix)) ?? `missing${suffix}`);

beforeAll(() => {
  run('npx', ['wxt', 'zip'], ROOT, buildEnv({ TK_OUT_DIR: zips }));
  run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv2'], ROOT, buildEnv({ TK_OUT_DIR: zips }));
  extractZip(readFileSync(zipNamed('-sources.zip')), sources);
  extractZip(readFileSync(zipNamed('-firefox.zip')), shipped);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([
  { zip: '-chrome.zip', build: 'chrome-mv3' },
  { zip: '-firefox.zip', build: 'firefox-mv2' },
])('the $zip', ({ zip, build }) => {
  it(`holds the ${build} build, file for file, and no source maps`, () => {
    const files = readZip(readFileSync(zipNamed(zip)));
    const built = path.join(zips, build);
    expect([...files.keys()].sort()).toEqual(relativeFiles(built));
    expect([...files.keys()].filter((f) => f.endsWith('.map'))).toEqual([]);
    expect([...files].filter(([f, data]) => !data.equals(readFileSync(path.join(built, f)))).map(([f]) => f)).toEqual([]);
  });
});

describe('the sources zip', () => {
  it('holds what the build reads and the review steps, and no tests', () => {
    const files = relativeFiles(sources);
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'SOURCE_CODE_REVIEW.md', 'entrypoints/background.ts', 'scripts/build/popup-page.ts']) expect(files).toContain(needed);
    // The words: every locale's messages (lib/model/i18n.ts reads English's keys as a type, too).
    for (const locale of ['en', 'de', 'fr', 'es', 'pt_BR', 'ja']) expect(files).toContain(`public/_locales/${locale}/messages.json`);
    expect(files.filter((f) => /(^|\/)(tests|node_modules|\.output[^/]*|demo-output|bench)\//.test(f) || /\.(test|spec)\.tsx?$/.test(f))).toEqual([]);
  });

  it('holds only files the repository keeps (nothing git-ignored, no local leftovers)', () => {
    const kept = new Set(execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n'));
    expect(relativeFiles(sources).filter((f) => !kept.has(f))).toEqual([]);
  });

  it('rebuilds the Firefox zip byte for byte by the documented steps', () => {
    const steps = documentedSteps(readFileSync(path.join(sources, 'SOURCE_CODE_REVIEW.md'), 'utf8'));
    expect(steps).toEqual(['npm ci', 'npm run build:firefox']);
    symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(sources, 'node_modules'), 'dir');
    run('npm', ['run', 'build:firefox'], sources, buildEnv());
    const rebuilt = path.join(sources, '.output/firefox-mv2');
    const files = relativeFiles(shipped);
    expect(files).toContain('manifest.json');
    expect(relativeFiles(rebuilt)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(path.join(shipped, f)).equals(readFileSync(path.join(rebuilt, f))));
    expect(differing).toEqual([]);
    // Nothing of the machine it was built on: no path of the checkout in any file.
    expect(files.filter((f) => readFileSync(path.join(shipped, f), 'latin1').includes(ROOT))).toEqual([]);
  }, 120_000);
});
