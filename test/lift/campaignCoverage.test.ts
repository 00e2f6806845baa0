import { describe, expect, it } from 'vitest';
import type { CampaignOutcome } from '../../src/lift/CampaignOutcome.js';
import { evaluateCampaign } from '../../src/lift/index.js';
import { Random } from '../../src/internal/random.js';

// A simulated campaign with a known true effect: control retention 0.30, treatment 0.36
// (true lift 0.06), 2000 + 2000 customers, 200 replications drawn with the seeded sfc32 PRNG
// (src/internal/random.ts, seed 20240607). A 95% interval should cover 0.06 in about 95% of
// replications; with 200 draws the binomial standard error is 1.5 points, so the 90–99% band
// the brief asks for is about ±3 SE. Measured: 192 of 200 cover (96.0%); the draws are fixed by
// the seed, so the exact count is asserted as well as the band (mean lift 0.06194; 200 of 200
// significant at 5%).

const REPS = 200;
const N = 2000;
const TRUE_LIFT = 0.06;

function simulate(seed: number): { covered: number; significant: number; meanLift: number; fisher: number } {
  const rng = new Random(seed);
  const rows: CampaignOutcome[] = new Array<CampaignOutcome>(2 * N);
  for (let i = 0; i < N; i++) rows[i] = { customerId: `t${i}`, group: 'treatment', retained: false };
  for (let i = 0; i < N; i++) rows[N + i] = { customerId: `c${i}`, group: 'control', retained: false };
  let covered = 0;
  let significant = 0;
  let liftSum = 0;
  let fisher = 0;
  for (let r = 0; r < REPS; r++) {
    for (let i = 0; i < N; i++) rows[i]!.retained = rng.bernoulli(0.36);
    for (let i = 0; i < N; i++) rows[N + i]!.retained = rng.bernoulli(0.3);
    const { overall } = evaluateCampaign(rows);
    if (overall.lower <= TRUE_LIFT && TRUE_LIFT <= overall.upper) covered++;
    if (overall.pValue < 0.05) significant++;
    if (overall.test === 'fisher') fisher++;
    liftSum += overall.lift;
  }
  return { covered, significant, meanLift: liftSum / REPS, fisher };
}

describe('evaluateCampaign on simulated campaigns with a known lift', () => {
  const sim = simulate(20240607);

  it('the 95% Newcombe interval covers the true lift in 90–99% of 200 replications', () => {
    expect(sim.covered).toBeGreaterThanOrEqual(180);
    expect(sim.covered).toBeLessThanOrEqual(198);
    expect(sim.covered).toBe(192);
  });
  it('the lift estimate is unbiased (mean within 3 SE of 0.06) and large arms use the z-test', () => {
    // SE of one lift ≈ √(0.36·0.64/2000 + 0.3·0.7/2000) = 0.0148; of the mean of 200: 0.00105
    expect(Math.abs(sim.meanLift - TRUE_LIFT)).toBeLessThan(3 * 0.00105);
    expect(sim.fisher).toBe(0);
  });
  it('the z-test detects the lift about as often as the planned power says', () => {
    // power for 0.30 → 0.36 at 2000 per arm: statsmodels NormalIndPower().power(h = 0.12772, 2000,
    // 0.05) = 0.9812, i.e. 196.2 of 200 expected, SE 1.9; accept ≥ 190 (−3 SE). Measured: 200.
    expect(sim.significant).toBeGreaterThanOrEqual(190);
  });
  it('under no effect the intervals cover 0 and the test holds its level', () => {
    const rng = new Random(7);
    const rows: CampaignOutcome[] = [];
    for (let i = 0; i < N; i++) rows.push({ customerId: `t${i}`, group: 'treatment', retained: false });
    for (let i = 0; i < N; i++) rows.push({ customerId: `c${i}`, group: 'control', retained: false });
    let covered = 0;
    let rejected = 0;
    for (let r = 0; r < 100; r++) {
      for (const row of rows) row.retained = rng.bernoulli(0.3);
      const { overall } = evaluateCampaign(rows);
      if (overall.lower <= 0 && overall.upper >= 0) covered++;
      if (overall.pValue < 0.05) rejected++;
    }
    // 100 replications: expected 95 covered / 5 rejected; SE 2.2 → accept 88..100 (−3 SE)
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(rejected).toBeLessThanOrEqual(12);
  });
});
