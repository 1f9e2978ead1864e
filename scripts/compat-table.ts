/**
 * README.md's compatibility table, rendered from what the era tests recorded
 * (tests/compat/results/<runner>-<era>.json, written by tests/e2e/chromium/eras.spec.ts and
 * tests/e2e/firefox/eras.test.ts): nothing in it is typed by hand. Run the era tests, then
 * `npm run compat-table` (`-- --check` fails when README.md is out of date instead of writing).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FEATURES, RESULTS_DIR, type EraResult, type Feature } from '../tests/compat/record';
import { ERAS, ERA_NAMES } from '../tests/fake-gitlab/eras';

const README = path.resolve(import.meta.dirname, '../README.md');
const START = '<!-- compat-table:start (npm run compat-table) -->';
const END = '<!-- compat-table:end -->';

const TITLES: Record<Feature, string> = {
  connect: 'Connect',
  widget: 'Issue page panel',
  logTime: 'Log time',
  setEstimate: 'Set estimate',
  todo: 'Add a to-do',
  popup: 'Popup: assigned issues',
  mrWidget: 'Merge request page panel',
  mrLogTime: 'Merge request: log time',
  mrPopup: 'Popup: merge requests',
};
const RUNNERS: Record<string, string> = { chromium: 'Chromium', firefox: 'Firefox' };
const ERA_TITLES: Record<string, string> = {
  '8.12': 'GitLab 8.0-8.15',
  gitswarm: 'GitSwarm (GitLab 8.x)',
  '8.16': 'GitLab 8.16',
  '10.x': 'GitLab 9.0-10.x',
  '16.x': 'GitLab 11-17.9 (legacy sidebar)',
  '17.x': 'GitLab 17.10+ (work items)',
};

export function renderTable(results: EraResult[]): string {
  const header = `| era | played as | API | ${FEATURES.map((f) => TITLES[f]).join(' | ')} |`;
  const rule = `| ${['---', '---', '---', ...FEATURES.map(() => '---')].join(' | ')} |`;
  const rows = ERA_NAMES.flatMap((era) => {
    const mine = results.filter((r) => r.era === era).sort((a, b) => a.runner.localeCompare(b.runner));
    if (mine.length === 0) return [];
    const cells = FEATURES.map((feature) => {
      const outcomes = mine.map((r) => ({ runner: RUNNERS[r.runner] ?? r.runner, outcome: r.features[feature] }));
      const na = outcomes.find((o) => o.outcome?.startsWith('n/a'));
      if (na) return `not available (${na.outcome!.slice(5)})`;
      const passed = outcomes.filter((o) => o.outcome === 'yes').map((o) => o.runner);
      const failed = outcomes.filter((o) => o.outcome === 'no').map((o) => o.runner);
      if (failed.length) return `**fails** in ${failed.join(', ')}`;
      return passed.length ? `yes (${passed.join(', ')})` : 'untested';
    });
    const first = mine[0]!;
    return [`| ${ERA_TITLES[era] ?? era} | ${ERAS[era].product} ${first.version} | ${first.api} | ${cells.join(' | ')} |`];
  });
  return [header, rule, ...rows].join('\n');
}

export function readResults(dir = RESULTS_DIR): EraResult[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as EraResult);
}

export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const readme = readFileSync(README, 'utf8');
  const next = withTable(readme, renderTable(readResults()));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md compatibility table is out of date: run npm run compat-table');
      process.exit(1);
    }
  } else {
    writeFileSync(README, next);
    console.log('README.md compatibility table written from tests/compat/results/');
  }
}
