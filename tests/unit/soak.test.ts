// @vitest-environment node
/**
 * The soak (tests/support/soak.ts) in its cheap form: one seed of 100 operations on every test
 * run. `npm run soak` runs the full one (3 seeds × 300 operations) through this file:
 * SOAK_SEEDS and SOAK_OPS choose it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../fake-gitlab/server';
import { formatSoak, soak } from '../support/soak';

const seeds = (process.env.SOAK_SEEDS ?? '1').split(',').map(Number);
const ops = Number(process.env.SOAK_OPS ?? 100);
let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
});

for (const seed of seeds) {
  it(`soak, seed ${seed}, ${ops} operations: nothing lost, nothing doubled, no colleague's log altered`, async () => {
    const result = await soak(standIn, seed, ops);
    console.log(formatSoak(result));
    expect(result.requested).toBeGreaterThan(0);
    expect({ lost: result.lost, duplicated: result.duplicated, colleagueAltered: result.colleagueAltered, stillInOutbox: result.stillInOutbox, totalsMatch: result.totalsMatch, detail: result.detail }).toEqual({
      lost: 0, duplicated: 0, colleagueAltered: 0, stillInOutbox: 0, totalsMatch: true, detail: [],
    });
  }, 600_000);
}
