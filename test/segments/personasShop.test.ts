import { describe, expect, it } from 'vitest';
import { CAUSE_PERSONA, winbackFigures, winbackRun } from './_winback.js';

/**
 * Protocol — a monthly win-back job on `simulateShop({ customers: 5000, seed })`:
 * on the first day of each month (2023-02-01 … 2025-01-01) the churn rule "60 days without an
 * activity or purchase event" (the simulator never leaves a gap over 45 days before churn, so
 * it recovers every churn and never fires for a customer who stays) is evaluated with
 * `churnStatus`; the customers it calls churned for the first time that month get a persona
 * from `extractFeatures` as of that day (only events before it) for the whole customer base
 * (so "high value" is the top 10% of everyone), with `assignPersonas(matrix, { customers })`.
 * The library never reads `truth`; the test compares the primary persona with the planted
 * cause afterwards: price_sensitive → price_sensitive, bad_experience → disappointed,
 * fading → fading, lured_away → lost_loyal. Recall per cause = share of that cause's churners
 * whose primary persona is the mapped one; precision per persona = share of the customers
 * given it whose cause maps to it.
 *
 * Seed 1 was used to choose the default thresholds; seed 2 is held out. Measured
 * (`npx tsx bench/personas.ts 1 2 3`, which runs this protocol):
 *
 * | seed | churners | recall ps / bad / fading / lured | precision ps / dis / fad / loyal | none |
 * |---|---|---|---|---|
 * | 1 (tuning) | 1349 | 0.925 / 0.971 / 0.871 / 0.951 | 0.977 / 0.983 / 0.974 / 0.944 | 0.048 |
 * | 2 (held out) | 1324 | 0.924 / 0.980 / 0.873 / 0.968 | 0.978 / 0.995 / 0.973 / 0.961 | 0.046 |
 * | 3 (held out, bench only) | 1323 | 0.931 / 0.986 / 0.906 / 0.912 | 0.981 / 0.991 / 0.973 / 0.958 | 0.040 |
 *
 * Asserted: recall ≥ 0.80 for every cause (the bar), precision ≥ 0.90, none share ≤ 0.10,
 * and the exact counts of seed 2 so that any change of behaviour is seen in review.
 */
describe('assignPersonas recovers the planted churn causes of simulateShop (monthly win-back job)', () => {
  for (const [seed, role] of [
    [1, 'tuning seed'],
    [2, 'held-out seed'],
  ] as const) {
    it(`seed ${seed} (${role}): recall ≥ 0.80 per cause, precision ≥ 0.90, none ≤ 10%`, () => {
      const run = winbackRun(seed);
      const { confusion } = run;
      // every churner the rule finds has a planted cause (no "null" row): the rule never fires for a stayer
      expect(Object.keys(confusion).sort()).toEqual(['bad_experience', 'fading', 'lured_away', 'price_sensitive']);
      const f = winbackFigures(run);
      for (const cause of Object.keys(CAUSE_PERSONA)) expect(f.recall[cause], `recall of ${cause}`).toBeGreaterThanOrEqual(0.8);
      for (const p of Object.values(CAUSE_PERSONA)) expect(f.precision[p], `precision of ${p}`).toBeGreaterThanOrEqual(0.9);
      expect(f.noneShare).toBeLessThanOrEqual(0.1);
      if (seed === 2) {
        // bench/personas.ts seed 2, same protocol: exact counts (deterministic simulation and
        // assignment). Session 5: 434 → 437 disappointed (none 5 → 2) once the lexicon read
        // 快递 / 好久 / 还没到 right (the simulator's Chinese complaints: 20 of 22 negative, was 16).
        expect(confusion).toEqual({
          bad_experience: { price_sensitive: 4, disappointed: 437, fading: 0, lost_loyal: 0, none: 2 },
          price_sensitive: { price_sensitive: 435, disappointed: 2, fading: 6, lost_loyal: 0, none: 28 },
          fading: { price_sensitive: 6, disappointed: 0, fading: 248, lost_loyal: 5, none: 25 },
          lured_away: { price_sensitive: 0, disappointed: 0, fading: 1, lost_loyal: 122, none: 3 },
        });
      }
    }, 60_000);
  }
});
