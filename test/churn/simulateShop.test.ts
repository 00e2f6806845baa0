import { beforeAll, describe, expect, it } from 'vitest';
import { labelHistory, type ChurnRule, type LabelTable } from '../../src/churn/index.js';
import { simulateShop, type SimulatedShop } from '../../src/data/simulateShop.js';

const DAY = 86_400_000;
const HORIZON = 60;

/**
 * Agreement of labels with the simulator's planted truth. The truth gives each churner's
 * `churnTime` T = its last customer-initiated event; afterwards it initiates nothing. Under an
 * inactivity rule of D days the customer should therefore be churned from T + D on, so a
 * labelled row (customer, cutoff C) agrees when
 *   label = 1  ⇔  planted churner with T + D in [C, C + horizon),
 * and, for `exact`, the label's churn time minus D equals T to the millisecond.
 */
function agreement(shop: SimulatedShop, t: LabelTable, D: number, exact: boolean): { rows: number; agree: number } {
  let rows = 0;
  let agree = 0;
  for (let r = 0; r < t.customerIds.length; r++) {
    if (t.censored[r] === 1) continue;
    rows++;
    const c = t.customerIndex[r]!;
    const T = shop.truth.churnTime[c]!;
    const C = t.cutoff[r]!;
    const planted = shop.truth.churned[c] === 1 && T + D * DAY >= C && T + D * DAY < C + HORIZON * DAY ? 1 : 0;
    if (planted === t.label[r] && (!exact || planted === 0 || t.churnTime[r]! - D * DAY === T)) agree++;
  }
  return { rows, agree };
}

describe('labels agree with simulateShop planted churn', () => {
  let shop: SimulatedShop;
  const cutoffs = { start: '2023-03-01', end: '2024-09-01', everyDays: 30 };
  beforeAll(() => {
    shop = simulateShop({ customers: 2000, seed: 3 });
  });

  it('inactivity over customer-initiated events, D = maxActiveGapDays + 1: every labelled row agrees', () => {
    const D = shop.maxActiveGapDays + 1;
    const types = shop.log.types.filter((x) => !shop.shopInitiatedTypes.includes(x));
    const rule: ChurnRule = { kind: 'inactivity', days: D, types };
    const t = labelHistory(shop.log, rule, { cutoffs, horizonDays: HORIZON, dataEnd: shop.end });
    const { rows, agree } = agreement(shop, t, D, true);
    // Measured 2026-11-24 (simulateShop at 12130ce with its owner's edits then in progress; 2,000 customers, seed 3, 19 cutoffs): 17,477 of 17,477
    // uncensored labelled rows agree, labels and churn times exactly (100%); 702 are churners.
    expect(rows).toBeGreaterThan(10_000);
    expect(agree / rows).toBeGreaterThanOrEqual(0.95);
    expect(t.counts.churned).toBeGreaterThan(300);
    // and those left out as already churned are planted churners whose T + D is before the cutoff
    let expectedAlready = 0;
    const { time, offsets, rows: rowIdx } = shop.log;
    for (const C of t.cutoffs) {
      for (let c = 0; c < shop.log.customerCount; c++) {
        const first = time[rowIdx === null ? offsets[c]! : rowIdx[offsets[c]!]!]!;
        if (first < C && shop.truth.churned[c] === 1 && shop.truth.churnTime[c]! + D * DAY < C) expectedAlready++;
      }
    }
    expect(t.counts.alreadyChurned).toBe(expectedAlready);
  });

  it('the usual rule (purchase or activity, 60 days) agrees on at least 95% of labelled rows', () => {
    const D = 60;
    const rule: ChurnRule = { kind: 'inactivity', days: D, roles: ['purchase', 'activity'] };
    const t = labelHistory(shop.log, rule, { cutoffs, horizonDays: HORIZON, dataEnd: shop.end });
    const labels = agreement(shop, t, D, false);
    const times = agreement(shop, t, D, true);
    // Measured (same shop): labels agree on 17,613 of 17,613 rows (100%); churn times agree to
    // the millisecond on 17,403 (98.8%) — the rest end with a ticket or survey minutes after
    // their last session, which this rule does not read.
    expect(labels.agree / labels.rows).toBeGreaterThanOrEqual(0.95);
    expect(times.agree / times.rows).toBeGreaterThanOrEqual(0.95);
    expect(times.agree).toBeLessThanOrEqual(labels.agree);
  });
});
