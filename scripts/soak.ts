/**
 * `npm run soak`: the soak (tests/support/soak.ts) over 3 seeds of 300 operations each: random
 * timer and time-log operations through the background's own code against the GitLab stand-in,
 * with GitLab failing at random, a colleague logging and deleting time on the same issues (often
 * the same amount at the same moment), storage writes failing, the clock jumping back and
 * forward, the worker stopped mid-request and the browser restarting with its alarms gone.
 * Prints, per seed, logs requested, landed, lost, duplicated and colleague logs altered; exits
 * non-zero if any seed lost, doubled or altered anything.
 *
 * Options: --seeds 1,2,3 (default), --ops N (default 300). `npm test` runs one seed of 100
 * operations (tests/unit/soak.test.ts). `npm run soak:browser` is the same idea in real
 * Chromium with the built extension (real service worker stops, no clock or storage faults).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const seeds = opt('seeds', '1,2,3');
const ops = opt('ops', '300');
if (!/^\d+(,\d+)*$/.test(seeds) || !/^\d+$/.test(ops)) {
  console.error('usage: npm run soak -- [--seeds 1,2,3] [--ops 300]');
  process.exit(2);
}
const result = spawnSync('npx', ['vitest', 'run', 'tests/unit/soak.test.ts'], {
  cwd: path.resolve(import.meta.dirname, '..'),
  stdio: 'inherit',
  env: { ...process.env, SOAK_SEEDS: seeds, SOAK_OPS: ops },
});
process.exit(result.status ?? 1);
