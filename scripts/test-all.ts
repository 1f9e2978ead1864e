/**
 * `npm test`: typecheck, import rules (dependency-cruiser), unit tests, the three builds, size budgets, web-ext lint, then the
 * end-to-end tests in Chromium (Playwright) and Firefox (puppeteer-core). Each runner's JSON report is counted, and
 * the run ends with one line `N passed, N failed` (what CI reads).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumPath, firefoxPath, INSTALL_HINT } from '../tests/e2e/support/browsers';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = process.env.TK_OUT_DIR ?? '.output';
const REPORTS = path.join(ROOT, process.env.TK_REPORTS_DIR ?? '.tmp/reports');
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

interface Stage {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}
const stages: Stage[] = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(name: string, cmd: string, args: string[]): boolean {
  const ok = run(cmd, args) === 0;
  stages.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

/** vitest's JSON report (Jest-compatible). A runner that died without a report counts as one failure. */
function vitest(name: string, config: string | null, skipReason?: string): void {
  if (skipReason) {
    stages.push({ name, passed: 0, failed: 1, note: skipReason });
    return;
  }
  const out = path.join(REPORTS, `${name.replace(/\W+/g, '-')}.json`);
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  if (config) args.push('--config', config);
  const status = run('npx', args);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
    stages.push({ name, passed: report.numPassedTests, failed, note: report.numTotalTests === 0 ? 'no tests ran' : undefined });
  } catch {
    stages.push({ name, passed: 0, failed: 1, note: 'runner failed before reporting' });
  }
}

interface PwSuite {
  specs?: Array<{ tests: Array<{ status: string }> }>;
  suites?: PwSuite[];
}
function countPlaywright(suites: PwSuite[] | undefined, acc = { passed: 0, failed: 0 }) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests) {
        if (t.status === 'expected' || t.status === 'flaky') acc.passed++;
        else acc.failed++; // unexpected or skipped: a skipped e2e test is a defect here
      }
    countPlaywright(suite.suites, acc);
  }
  return acc;
}

function playwright(skipReason?: string): void {
  if (skipReason) {
    stages.push({ name: 'e2e Chromium', passed: 0, failed: 1, note: skipReason });
    return;
  }
  const out = path.join(REPORTS, 'playwright.json');
  const status = run('npx', ['playwright', 'test'], { PW_JSON_OUTPUT: out });
  try {
    const report = JSON.parse(readFileSync(out, 'utf8')) as { suites: PwSuite[] };
    const counts = countPlaywright(report.suites);
    if (status !== 0 && counts.failed === 0) counts.failed = 1;
    stages.push({ name: 'e2e Chromium', ...counts });
  } catch {
    stages.push({ name: 'e2e Chromium', passed: 0, failed: 1, note: 'runner failed before reporting' });
  }
}

const chromium = chromiumPath();
const firefox = firefoxPath();
if (!chromium) console.error(INSTALL_HINT.chromium);
if (!firefox) console.error(INSTALL_HINT.firefox);

check('typecheck', 'npx', ['tsc', '--noEmit']);
check('import rules', 'npm', ['run', '--silent', 'check:imports']);
vitest('unit', null);
const built =
  check('build chrome-mv3', 'npx', ['wxt', 'build']) &&
  check('build firefox-mv2', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv2']) &&
  check('build firefox-mv3', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']);
if (built) {
  // Bytes are deterministic, so their budgets pass or fail like a test (timings are the benchmark's).
  check('size budgets', 'npx', ['tsx', 'scripts/size-budget.ts']);
  // Also makes the store zips, checks their contents and rebuilds the Firefox zip from the sources zip (tests/built/store-zips.test.ts, about 45 s).
  vitest('built extension', 'vitest.built.config.ts');
  // addons.mozilla.org's own linter: a warning fails the stage like an error.
  for (const dir of ['firefox-mv2', 'firefox-mv3']) check(`web-ext lint ${dir}`, 'npx', ['web-ext', 'lint', '--source-dir', `${OUT}/${dir}`, '--no-config-discovery', '--warnings-as-errors']);
}
// The end-to-end tests drive the test build: the store build with the hooks they need
// (import.meta.env.TK_TEST_BUILD), in a directory of its own. The store build has none of them.
const TEST_OUT = `${OUT}-test`;
const testEnv = { TK_TEST_BUILD: '1', TK_OUT_DIR: TEST_OUT };
const testBuilt =
  built &&
  [['wxt', 'build'], ['wxt', 'build', '-b', 'firefox', '--mv2'], ['wxt', 'build', '-b', 'firefox', '--mv3']].every((args) => run('npx', args, testEnv) === 0);
if (built && !testBuilt) stages.push({ name: 'test build', passed: 0, failed: 1 });
process.env.TK_OUT_DIR = TEST_OUT;
playwright(!testBuilt ? 'build failed' : !chromium ? INSTALL_HINT.chromium : undefined);
vitest('e2e Firefox', 'vitest.firefox.config.ts', !testBuilt ? 'build failed' : !firefox ? INSTALL_HINT.firefox : undefined);

console.log('\nSummary');
for (const s of stages) console.log(`  ${s.failed ? '✗' : '✓'} ${s.name}: ${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''}`);
const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
