import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateShop } from '../../src/data/simulateShop.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { createFeatureMatrix, featureColumn, type FeatureMeta } from '../../src/features/FeatureMatrix.js';
import { rfmFeatures } from '../../src/features/rfmFeatures.js';
import { DAY_MS } from '../../src/internal/time.js';
import { rfmSegments, type RfmSegmentRule } from '../../src/segments/rfmSegments.js';
import { scoreRfm, type RfmColumns } from '../../src/segments/scoreRfm.js';
import { caught, errorCode } from '../helpers/errors.js';

// Expected scores below are worked by hand from the documented formula
// score = 1 + floor(bins × (midrank − ½) / n) = 1 + floor(bins × (L + U) / 2n), with L = values
// strictly below, U = values at most (recency: strictly above / at least). Exact integers.

const cols = (recency: number[], frequency: number[], monetary: number[]): RfmColumns => ({
  customerIds: recency.map((_, i) => `c${i}`),
  recency,
  frequency,
  monetary,
});

/** The default map's grid as written in the rfmSegments doc: rows R, columns 2·FM − 2 = F + M − 2 (0..8). */
function gridRow(a: string, b: string, c: string, d: string): string[] {
  return [a, a, b, b, c, c, d, d, d];
}
const GRID: Record<number, string[]> = {
  5: gridRow('New', 'Potential Loyalist', 'Loyal', 'Champions'),
  4: gridRow('Promising', 'Potential Loyalist', 'Loyal', 'Champions'),
  3: gridRow('About to Sleep', 'Need Attention', 'Loyal', 'Loyal'),
  2: gridRow('Hibernating', 'Hibernating', 'At Risk', 'At Risk'),
  1: gridRow('Lost', 'Lost', 'At Risk', "Can't Lose Them"),
};

describe('scoreRfm: scores', () => {
  it('scores four distinct buyers by hand and puts NaN recency in "No purchase"', () => {
    const t = scoreRfm(cols([3, 40, 90, 200, NaN], [9, 4, 2, 1, 0], [900, 300, 80, 20, 0]));
    // n = 4: L + U = 1, 3, 5, 7 → 1 + floor(5·s/8) = 1, 2, 4, 5 (recency reversed).
    expect([...t.recency]).toEqual([5, 4, 2, 1, 0]);
    expect([...t.frequency]).toEqual([5, 4, 2, 1, 0]);
    expect([...t.monetary]).toEqual([5, 4, 2, 1, 0]);
    expect(t.rfm).toEqual(['555', '444', '222', '111', '000']);
    expect(t.segment).toEqual(['Champions', 'Champions', 'Hibernating', 'Lost', 'No purchase']);
    expect(t.scored).toBe(4);
    expect(t.noPurchase).toBe(1);
    expect(t.customerIds).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    // Score 3 is skipped for n = 4; edges say so.
    expect(t.edges.recency.map((e) => [e.score, e.count, e.min, e.max])).toEqual([
      [1, 1, 200, 200],
      [2, 1, 90, 90],
      [3, 0, NaN, NaN],
      [4, 1, 40, 40],
      [5, 1, 3, 3],
    ]);
  });

  it('gives all-equal values the middle score for every bins', () => {
    for (const bins of [2, 3, 4, 5, 10]) {
      const t = scoreRfm(cols([7, 7, 7, 7, 7, 7], [2, 2, 2, 2, 2, 2], [10, 10, 10, 10, 10, 10]), { bins });
      // L = 0, U = n → 1 + floor(bins / 2)
      const mid = 1 + Math.floor(bins / 2);
      expect(new Set([...t.recency, ...t.frequency, ...t.monetary])).toEqual(new Set([mid]));
    }
  });

  it('scores one customer in the middle (n = 1) and two customers at 2 and 4 (n < bins)', () => {
    const one = scoreRfm(cols([12], [1], [30]));
    expect(one.rfm).toEqual(['333']);
    expect(one.segment).toEqual(['Loyal']); // R = 3, FM = 3
    const two = scoreRfm(cols([10, 50], [1, 3], [99, 5]));
    // n = 2: L + U = 1 → 1 + floor(5/4) = 2; L + U = 3 → 1 + floor(15/4) = 4.
    expect([...two.recency]).toEqual([4, 2]);
    expect([...two.frequency]).toEqual([2, 4]);
    expect([...two.monetary]).toEqual([4, 2]);
  });

  it('lets heavy ties share one score (70% bought once)', () => {
    const freq = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4];
    const t = scoreRfm(cols(freq.map((_, i) => i), freq, freq.map((_, i) => i)));
    // n = 10. f = 1: L = 0, U = 7 → 1 + floor(35/20) = 2; f = 2: 15 → 4; f = 3: 17 → 5; f = 4: 19 → 5.
    expect([...t.frequency]).toEqual([2, 2, 2, 2, 2, 2, 2, 4, 5, 5]);
    expect(t.edges.frequency.map((e) => e.count)).toEqual([0, 7, 0, 1, 2]);
    expect(t.edges.frequency[1]).toMatchObject({ min: 1, max: 1 });
  });

  it('treats -0 and 0 as ties and ranks negative monetary values (refunds) lowest', () => {
    const t = scoreRfm(cols([1, 2, 3, 4], [1, 1, 1, 1], [-0, 0, -5, 8]));
    // sorted: -5 | -0, 0 | 8 → L + U: -5 → 1, ±0 → 1 + 3 = 4, 8 → 7.
    expect([...t.monetary]).toEqual([3, 3, 1, 5]);
  });

  it('ranks without the no-purchase customers: adding them changes no score', () => {
    const base = scoreRfm(cols([5, 9, 30, 1], [2, 1, 4, 2], [50, 10, 400, 60]));
    const more = scoreRfm({
      customerIds: ['c0', 'x', 'c1', 'c2', 'y', 'c3'],
      recency: [5, NaN, 9, 30, NaN, 1],
      frequency: [2, 0, 1, 4, 0, 2],
      monetary: [50, 0, 10, 400, 0, 60],
    });
    expect([0, 2, 3, 5].map((i) => more.rfm[i])).toEqual(base.rfm);
    expect([1, 4].map((i) => more.segment[i])).toEqual(['No purchase', 'No purchase']);
    const np = more.segments.find((s) => s.name === 'No purchase')!;
    expect(np).toMatchObject({ size: 2, share: 2 / 6, meanMonetary: 0, meanFrequency: 0 });
    expect(np.meanRecencyDays).toBeNaN();
  });

  it('returns an empty table for empty input', () => {
    const t = scoreRfm(cols([], [], []));
    expect(t.customerIds).toEqual([]);
    expect(t.recency.length).toBe(0);
    expect(t.segments.map((s) => s.size)).toEqual(new Array(12).fill(0));
    expect(t.segments.every((s) => s.share === 0 && Number.isNaN(s.meanMonetary))).toBe(true);
    expect(t.edges.monetary.every((e) => e.count === 0)).toBe(true);
  });

  it('does not mutate frozen input', () => {
    const input = Object.freeze({
      customerIds: Object.freeze(['a', 'b', 'c']),
      recency: Object.freeze([30, 2, NaN]),
      frequency: Object.freeze([1, 5, 0]),
      monetary: Object.freeze([20, 300, 0]),
    });
    const copy = JSON.stringify(input);
    const t = scoreRfm(input);
    expect(JSON.stringify(input)).toBe(copy);
    expect(t.rfm).toEqual(['222', '444', '000']);
    expect(Object.isFrozen(t)).toBe(true);
  });

  it('reads a FeatureMatrix by the default column names or by options.columns', () => {
    const meta = (name: string): FeatureMeta => ({ name, description: name, unit: 'x', kind: 'numeric' });
    const m = createFeatureMatrix({
      customerIds: ['a', 'b', 'c'],
      features: [
        { meta: meta('recency_days'), values: [1, 50, 200] },
        { meta: meta('frequency_orders'), values: [6, 3, 1] },
        { meta: meta('monetary_total'), values: [600, 100, 10] },
        { meta: meta('spend_12m'), values: [1, 100, 1000] },
      ],
    });
    expect(scoreRfm(m).rfm).toEqual(['555', '333', '111']); // n = 3: L + U = 1, 3, 5 → 1 + floor(5s/6) = 1, 3, 5
    expect(scoreRfm(m, { columns: { monetary: 'spend_12m' } }).rfm).toEqual(['551', '333', '115']);
    const e = caught(() => scoreRfm(m, { columns: { recency: 'days_since' } }));
    expect([e.code, e.field]).toEqual(['UNKNOWN_COLUMN', 'days_since']);
  });
});

describe('scoreRfm: segment map', () => {
  it('maps every one of the 125 (R, F, M) triples to exactly the grid cell of the docs', () => {
    // First-match over the default rules, for each triple, equals the hand-written grid.
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          const fm = (f + m) / 2;
          const hit = rfmSegments.find((s) => r >= s.r[0] && r <= s.r[1] && fm >= s.fm[0] && fm <= s.fm[1]);
          expect(hit?.segment, `${r}${f}${m}`).toBe(GRID[r]![f + m - 2]);
        }
      }
    }
    expect(new Set(rfmSegments.map((s) => s.segment)).size).toBe(11);
  });

  it('assigns all 125 triples through scoreRfm (125 customers, 25 per score level)', () => {
    // Customer k has digits (r, f, m); values digit·1000 + k are distinct and order by digit first,
    // so with n = 125 each level holds 25 customers and score = 1 + floor((2·rank + 1)/50) = digit.
    const recency: number[] = [];
    const frequency: number[] = [];
    const monetary: number[] = [];
    const expected: string[] = [];
    const codes: string[] = [];
    let k = 0;
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          recency.push((6 - r) * 1000 + k); // reversed: few days = high R
          frequency.push(f * 1000 + k);
          monetary.push(m * 1000 + k);
          expected.push(GRID[r]![f + m - 2]!);
          codes.push(`${r}${f}${m}`);
          k++;
        }
    const t = scoreRfm(cols(recency, frequency, monetary));
    expect(t.rfm).toEqual(codes);
    expect(t.segment).toEqual(expected);
    expect(t.segments.reduce((a, s) => a + s.size, 0)).toBe(125);
  });

  it('nests deciles in quintiles: bins = 10 with the default map gives the bins = 5 segments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 60 }),
        (rows) => {
          const c = cols(rows.map((x) => x[0]), rows.map((x) => x[1]), rows.map((x) => x[2]));
          const five = scoreRfm(c);
          const ten = scoreRfm(c, { bins: 10 });
          expect(ten.segment).toEqual(five.segment);
          // 1 + floor((s10 − 1) / 2) = s5 for every score
          expect(Array.from(ten.frequency, (s) => 1 + ((s - 1) >> 1))).toEqual([...five.frequency]);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('reads a custom map on the raw scores, first match wins', () => {
    const map: RfmSegmentRule[] = [
      { segment: 'Best', r: [3, 3], fm: [2.5, 3] },
      { segment: 'Recent', r: [2, 3], fm: [1, 3] },
      { segment: 'Rest', r: [1, 3], fm: [1, 3] },
    ];
    // bins = 3, n = 3 distinct → scores 1, 2, 3.
    const t = scoreRfm(cols([1, 10, 100], [3, 2, 1], [3, 1, 2]), { bins: 3, segments: map });
    expect(t.rfm).toEqual(['333', '221', '112']);
    expect(t.segment).toEqual(['Best', 'Recent', 'Rest']);
    expect(t.segments.map((s) => [s.name, s.size])).toEqual([
      ['Best', 1],
      ['Recent', 1],
      ['Rest', 1],
      ['No purchase', 0],
    ]);
  });

  it('rejects a custom map that leaves a cell uncovered, naming the cell', () => {
    const e = caught(() => scoreRfm(cols([1, 2], [1, 2], [1, 2]), { bins: 3, segments: [{ segment: 'Top', r: [2, 3], fm: [1, 3] }] }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.path).toEqual(['segments']);
    expect(e.message).toMatchInlineSnapshot(`"scoreRfm: option "segments" has no rule for R = 1, FM = 1 (e.g. F = 1, M = 1); every (R, FM) cell of 1..3 must be covered."`);
    const half = caught(() => scoreRfm(cols([1], [1], [1]), { segments: [{ segment: 'A', r: [1, 5], fm: [1, 4] }] }));
    expect(half.received).toBe('no rule for R = 1, FM = 4.5');
  });

  it('rejects malformed rules and the reserved name', () => {
    const c = cols([1], [1], [1]);
    expect(caught(() => scoreRfm(c, { segments: [] })).path).toEqual(['segments']);
    expect(caught(() => scoreRfm(c, { segments: [{ segment: 'A', r: [3, 1], fm: [1, 5] }] })).path).toEqual(['segments', 0, 'r']);
    expect(caught(() => scoreRfm(c, { segments: [{ segment: 'No purchase', r: [1, 5], fm: [1, 5] }] })).path).toEqual(['segments', 0, 'segment']);
    expect(caught(() => scoreRfm(c, { segments: [{ segment: 'A', r: [1, 5], fm: [1, NaN] }] as unknown as RfmSegmentRule[] })).path).toEqual(['segments', 0, 'fm']);
  });
});

describe('scoreRfm: summaries', () => {
  it('means per segment use compensated sums', () => {
    const all: RfmSegmentRule[] = [{ segment: 'All', r: [1, 5], fm: [1, 5] }];
    const t = scoreRfm(cols([1, 2, 3, 4], [1, 2, 3, 4], [1e16, 1, -1e16, 1]), { segments: all });
    // exact mean (1e16 + 1 − 1e16 + 1) / 4 = 0.5; a naive left-to-right sum gives 0.25
    expect(t.segments[0]).toMatchObject({ name: 'All', size: 4, share: 1, meanMonetary: 0.5, meanRecencyDays: 2.5, meanFrequency: 2.5 });
  });

  it('lists every segment in map order with shares that add up to 1', () => {
    const t = scoreRfm(cols([1, 5, 9, 20, 40, 80, NaN], [9, 1, 3, 2, 5, 1, 0], [90, 5, 20, 15, 60, 2, 0]));
    expect(t.segments.map((s) => s.name)).toEqual([...rfmSegments.map((s) => s.segment), 'No purchase']);
    expect(t.segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
    for (const s of t.segments) expect(s.size).toBe(t.segment.filter((x) => x === s.name).length);
  });
});

describe('scoreRfm: invariants (fast-check)', () => {
  it('equal values share scores, scores stay in 1..bins, and row order does not matter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -3, max: 9 })), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, bins, rot) => {
          const c = cols(rows.map((x) => x[0]), rows.map((x) => x[1]), rows.map((x) => x[2]));
          const t = scoreRfm(c, { bins });
          for (let i = 0; i < rows.length; i++) {
            for (const s of [t.recency[i]!, t.frequency[i]!, t.monetary[i]!]) expect(s >= 1 && s <= bins).toBe(true);
            for (let j = 0; j < rows.length; j++) {
              if (rows[i]![1] === rows[j]![1]) expect(t.frequency[i]).toBe(t.frequency[j]);
              if (rows[i]![0] < rows[j]![0]) expect(t.recency[i]! >= t.recency[j]!).toBe(true);
              if (rows[i]![2] < rows[j]![2]) expect(t.monetary[i]! <= t.monetary[j]!).toBe(true);
            }
          }
          // rotate the rows: each customer keeps its code
          const k = rot % rows.length;
          const order = rows.map((_, i) => (i + k) % rows.length);
          const r = scoreRfm(
            { customerIds: order.map((i) => `c${i}`), recency: order.map((i) => rows[i]![0]), frequency: order.map((i) => rows[i]![1]), monetary: order.map((i) => rows[i]![2]) },
            { bins },
          );
          order.forEach((i, p) => expect(r.rfm[p]).toBe(t.rfm[i]));
        },
      ),
      { seed: 11, numRuns: 150 },
    );
  });
});

describe('scoreRfm: errors', () => {
  it('rejects bad bins, bad input and inconsistent columns', () => {
    const c = cols([1, 2], [1, 2], [1, 2]);
    for (const bins of [1, 2.5, 101, Number.NaN]) expect(errorCode(() => scoreRfm(c, { bins }))).toBe('INVALID_OPTION');
    expect(errorCode(() => scoreRfm(c, null as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => scoreRfm(null as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => scoreRfm({ customerIds: ['a'] } as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => scoreRfm({ customerIds: ['a', 'b'], recency: [1], frequency: [1, 2], monetary: [1, 2] }))).toBe('LENGTH_MISMATCH');
    const dup = caught(() => scoreRfm({ customerIds: ['a', 'a'], recency: [1, 2], frequency: [1, 2], monetary: [1, 2] }));
    expect([dup.code, dup.row]).toEqual(['DUPLICATE_CUSTOMER', 1]);
  });

  it('rejects a non-finite frequency or monetary value on a scored row, with row and field', () => {
    const e = caught(() => scoreRfm(cols([1, 2, 3], [1, NaN, 2], [1, 2, 3])));
    expect([e.code, e.row, e.field]).toEqual(['INVALID_INPUT', 1, 'frequency']);
    const inf = caught(() => scoreRfm(cols([1, Infinity], [1, 1], [1, 2])));
    expect([inf.code, inf.row, inf.field]).toEqual(['INVALID_INPUT', 1, 'recency']);
    // NaN frequency is fine when recency is NaN (no purchase: not scored)
    expect(scoreRfm(cols([1, NaN], [1, NaN], [1, NaN])).segment).toEqual(['Loyal', 'No purchase']);
  });
});

describe('scoreRfm on extracted features (simulateShop)', () => {
  it('reads the default catalogue columns; never-bought customers are exactly the NaN recencies', () => {
    const shop = simulateShop({ customers: 600, seed: 5 });
    const m = extractFeatures(shop.log, { cutoff: shop.end - 120 * DAY_MS, features: rfmFeatures });
    const t = scoreRfm(m);
    const rec = featureColumn(m, 'recency_days');
    const nan = rec.filter((v) => Number.isNaN(v)).length;
    expect(nan).toBeGreaterThan(0);
    expect(t.noPurchase).toBe(nan);
    expect(t.scored + t.noPurchase).toBe(m.customerIds.length);
    expect(t.customerIds).toEqual(m.customerIds);
    // what the segment names promise: Champions spent more and bought more recently than Lost
    const seg = (name: string) => t.segments.find((s) => s.name === name)!;
    expect(seg('Champions').meanMonetary).toBeGreaterThan(seg('Lost').meanMonetary);
    expect(seg('Champions').meanRecencyDays).toBeLessThan(seg('Lost').meanRecencyDays);
    expect(seg("Can't Lose Them").meanRecencyDays).toBeGreaterThan(seg('Loyal').meanRecencyDays);
  });
});
