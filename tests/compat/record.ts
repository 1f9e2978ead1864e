/**
 * What the era tests saw, feature by feature, written to tests/compat/results/<runner>-<era>.json;
 * `npm run compat-table` renders README.md's compatibility table from those files, so the
 * table says what the tests proved rather than what someone typed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const FEATURES = ['connect', 'widget', 'logTime', 'setEstimate', 'todo', 'popup', 'mrWidget', 'mrLogTime', 'mrPopup'] as const;
export type Feature = (typeof FEATURES)[number];

/** `yes`, `no` (the test failed there), or `n/a: <why>` (the server has no such feature). */
export type Outcome = 'yes' | 'no' | `n/a: ${string}`;

export interface EraResult {
  runner: string;
  era: string;
  version: string;
  api: string;
  features: Partial<Record<Feature, Outcome>>;
  /** Free notes: what the test checked beyond pass/fail (request paths, detection). */
  notes: string[];
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

export function recorder(runner: string, era: string, version: string, api: string) {
  const result: EraResult = { runner, era, version, api, features: {}, notes: [] };
  const save = () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, `${runner}-${era}.json`), `${JSON.stringify(result, null, 2)}\n`);
  };
  return {
    result,
    /** Runs one feature's steps; a failure is recorded as `no`, then thrown on. */
    async step(feature: Feature, fn: () => Promise<void>): Promise<void> {
      try {
        await fn();
        result.features[feature] = 'yes';
      } catch (error) {
        result.features[feature] = 'no';
        save();
        throw error;
      }
      save();
    },
    notApplicable(feature: Feature, why: string): void {
      result.features[feature] = `n/a: ${why}`;
      save();
    },
    note(text: string): void {
      result.notes.push(text);
      save();
    },
  };
}
