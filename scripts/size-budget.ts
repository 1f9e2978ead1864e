/**
 * Bytes are deterministic, so size budgets are a pass/fail stage of `npm test` (timings are only
 * reported by the benchmark, `npm run bench`). Measures the Chrome build (scripts/bench/sizes.ts),
 * gzipped, JS and CSS, and fails when a budget is exceeded: what GitLab pages get (every page
 * the loader, an issue view the loader plus the widget the background injects) and the popup.
 */
import path from 'node:path';
import { measureBundles } from './bench/sizes';

const OUT = path.resolve(import.meta.dirname, '..', process.env.TK_OUT_DIR ?? '.output', 'chrome-mv3');

let over = 0;
for (const r of measureBundles(OUT)) {
  const verdict = r.budget === null ? '' : r.gzip <= r.budget ? `  ok (budget ${r.budget} B)` : `  OVER budget ${r.budget} B`;
  if (r.budget !== null && r.gzip > r.budget) over++;
  console.log(`${r.what.padEnd(40)} ${String(r.gzip).padStart(7)} B gzipped ${String(r.raw).padStart(8)} B raw${verdict}`);
}
process.exit(over ? 1 : 0);
