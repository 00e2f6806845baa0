import { describe, expect, it } from 'vitest';
import { Random } from '../../src/internal/random.js';
import type { Binned } from '../../src/models/binning.js';
import { GINI, NEWTON, growTree, makeScratch, type GrowParams, type Tree } from '../../src/models/tree.js';

/**
 * growTree's fast paths (histograms filled four features at a time, the big child's histogram as
 * parent − small fused with both children's scans, the division-free skip in the Newton scan)
 * against a brute-force reference: every candidate split of every feature summed straight from
 * the rows, with the same gain formulas, tie rules (first feature and bin win) and node order.
 * Gradients, hessians and weights are small dyadic numbers, so every sum is exact in any order
 * and the two must agree to the last bit.
 */

interface Node {
  node: number;
  rows: number[];
  depth: number;
  A: number;
  B: number;
  C: number;
  gain: number;
  feature: number;
  bin: number;
}

function reference(codes: Uint8Array[], nb: number[], thresholds: Float64Array[], a: Float64Array, b: Float64Array, rows: number[], P: GrowParams): Tree {
  const { criterion, minSamplesLeaf, maxDepth, l2, minHessian } = P;
  const bestFirst = Number.isFinite(P.maxLeafNodes);
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const gain: number[] = [];
  const newNode = (A: number, B: number, C: number): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    value.push(criterion === NEWTON ? (-A / (B + l2)) * P.shrinkage : B > 0 ? A / B : 0);
    cover.push(criterion === NEWTON ? C : B);
    gain.push(0);
    return feature.length - 1;
  };
  let leafCount = 1;
  const sums = (rs: number[]): [number, number, number] => [rs.reduce((s, r) => s + a[r]!, 0), rs.reduce((s, r) => s + b[r]!, 0), rs.length];
  const findBest = (o: Node): void => {
    o.gain = criterion === NEWTON ? 0 : -1e-12 * Math.max(1, o.B);
    o.feature = -1;
    if (o.depth >= maxDepth || o.C < 2 * minSamplesLeaf || (bestFirst && leafCount >= P.maxLeafNodes)) return;
    if (criterion !== NEWTON && (o.A <= 0 || o.A >= o.B || o.C < 2)) return;
    for (let f = 0; f < codes.length; f++) {
      for (let bin = 0; bin < nb[f]! - 1; bin++) {
        // a candidate only at a bin that holds rows of the node (as the histogram scan)
        if (!o.rows.some((r) => codes[f]![r] === bin)) continue;
        const [lA, lB, lC] = sums(o.rows.filter((r) => codes[f]![r]! <= bin));
        if (lC < minSamplesLeaf) continue;
        if (o.C - lC < minSamplesLeaf) break;
        const rA = o.A - lA;
        const rB = o.B - lB;
        if (criterion === NEWTON ? lB < minHessian || rB < minHessian : lB <= 0 || rB <= 0) continue;
        const g =
          criterion === NEWTON
            ? (lA * lA) / (lB + l2) + (rA * rA) / (rB + l2) - (o.A * o.A) / (o.B + l2)
            : 2 * ((lA * lA) / lB + (rA * rA) / rB - (o.A * o.A) / o.B);
        if (g > o.gain) {
          o.gain = g;
          o.feature = f;
          o.bin = bin;
        }
      }
    }
  };
  const [A0, B0] = sums(rows);
  const root: Node = { node: newNode(A0, B0, rows.length), rows, depth: 0, A: A0, B: B0, C: rows.length, gain: 0, feature: -1, bin: 0 };
  findBest(root);
  const open = [root];
  while (open.length > 0) {
    let pick = open.length - 1;
    if (bestFirst) {
      if (leafCount >= P.maxLeafNodes) break;
      pick = -1;
      for (let i = 0; i < open.length; i++) if (open[i]!.feature >= 0 && (pick < 0 || open[i]!.gain > open[pick]!.gain)) pick = i;
      if (pick < 0) break;
    }
    const o = open[pick]!;
    open[pick] = open[open.length - 1]!;
    open.pop();
    if (o.feature < 0) continue;
    const lr = o.rows.filter((r) => codes[o.feature]![r]! <= o.bin);
    const rr = o.rows.filter((r) => codes[o.feature]![r]! > o.bin);
    feature[o.node] = o.feature;
    threshold[o.node] = thresholds[o.feature]![o.bin]!;
    gain[o.node] = o.gain;
    const [lA, lB] = sums(lr);
    const L: Node = { node: newNode(lA, lB, lr.length), rows: lr, depth: o.depth + 1, A: lA, B: lB, C: lr.length, gain: 0, feature: -1, bin: 0 };
    const R: Node = { node: newNode(o.A - lA, o.B - lB, rr.length), rows: rr, depth: o.depth + 1, A: o.A - lA, B: o.B - lB, C: rr.length, gain: 0, feature: -1, bin: 0 };
    left[o.node] = L.node;
    leafCount++;
    findBest(L);
    findBest(R);
    if (R.feature >= 0) open.push(R);
    if (L.feature >= 0) open.push(L);
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(left, (l) => (l < 0 ? -1 : l + 1)),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
    gain: Float64Array.from(gain),
    bin: null,
    depth: 0,
  };
}

function dataset(seed: number, n: number, bins: number[]): { bd: Binned; nb: number[] } {
  const rng = new Random(seed);
  const codes = bins.map((k) => {
    // skewed codes (ties, empty bins, a crowded bin) so that scans skip and break
    const c = new Uint8Array(n);
    for (let r = 0; r < n; r++) c[r] = rng.next() < 0.3 ? 0 : rng.int(k);
    return c;
  });
  return { bd: { codes, thresholds: bins.map((k) => Float64Array.from({ length: k - 1 }, (_, i) => i + 0.5)) }, nb: bins };
}

const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => Buffer.from(Float64Array.from(x).buffer).equals(Buffer.from(Float64Array.from(y).buffer));

/** The grown tree equals the reference bit for bit: structure, thresholds, values, gains and covers. */
function expectSameTree(tree: Tree, ref: Pick<Tree, 'feature' | 'left' | 'threshold' | 'value' | 'gain' | 'cover'>): void {
  expect(Array.from(tree.feature)).toEqual(Array.from(ref.feature));
  expect(Array.from(tree.left)).toEqual(Array.from(ref.left));
  expect(same(tree.threshold, ref.threshold)).toBe(true);
  expect(same(tree.value, ref.value)).toBe(true);
  expect(same(tree.gain, ref.gain)).toBe(true);
  expect(same(tree.cover, ref.cover)).toBe(true);
}

describe('growTree fast paths equal a brute-force tree (exact dyadic sums)', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`boosting (Newton, best-first, 12 leaves, min leaf 4), seed ${seed}: same splits, thresholds, values, gains`, () => {
      const n = 240;
      const { bd, nb } = dataset(seed, n, [2, 5, 17, 60, 3, 9]);
      const rng = new Random(100 + seed);
      // g in multiples of 1/16, h in {1/16, 1/8, 3/16}: every sum is exact whatever its order
      const a = Float64Array.from({ length: n }, () => (rng.int(33) - 16) / 16);
      const b = Float64Array.from({ length: n }, () => (1 + rng.int(3)) / 16);
      for (const l2 of [0, 1]) {
        const params: GrowParams = { criterion: NEWTON, maxDepth: Infinity, minSamplesLeaf: 4, maxLeafNodes: 12, mtry: 6, rng: null, l2, minHessian: 1e-3, shrinkage: 0.1 };
        const idx = Uint32Array.from({ length: n }, (_, i) => i);
        const tree = growTree(bd, idx, n, a, b, params, makeScratch(n, 6), null);
        const ref = reference(bd.codes, nb, bd.thresholds, a, b, Array.from({ length: n }, (_, i) => i), params);
        expect(tree.feature.length).toBeGreaterThan(12); // it grew (12 leaves = 23 nodes)
        expectSameTree(tree, ref);
      }
    });
  }

  it('many few-bin features (filled as bundles: nine flags, small counts, a constant column): same boosting tree as the reference', () => {
    // bins by ascending size: eight flags fill one 256-cell joint histogram, the ninth flag and
    // the 3- and 4-bin counts (2·3·4 = 24) another, 16 and 17 bins one each (16·17 > 256), 200
    // bins stays alone and the constant column (1 bin) gets no update at all
    const n = 400;
    const { bd, nb } = dataset(5, n, [2, 16, 2, 2, 200, 2, 3, 2, 1, 2, 17, 2, 4, 2, 2]);
    const rng = new Random(55);
    // gradients driven by every few-bin column (weights 1..4 sixteenths, feature 0 the most),
    // plus noise, so that splits land on bundle members
    const few = nb.flatMap((k, f) => (k > 1 && k <= 17 ? [f] : []));
    const a = Float64Array.from({ length: n }, (_, r) => (few.reduce((s, f, i) => s + (f === 0 ? 8 : 1 + (i % 4)) * bd.codes[f]![r]!, 0) + rng.int(9) - 24) / 16);
    const b = Float64Array.from({ length: n }, () => (1 + rng.int(3)) / 16);
    for (const minSamplesLeaf of [1, 7]) {
      const params: GrowParams = { criterion: NEWTON, maxDepth: Infinity, minSamplesLeaf, maxLeafNodes: 16, mtry: 15, rng: null, l2: 0.5, minHessian: 1e-3, shrinkage: 0.1 };
      // twice with one scratch: the second tree starts from the cached all-row counts
      const scratch = makeScratch(n, 15);
      for (let round = 0; round < 2; round++) {
        const tree = growTree(bd, Uint32Array.from({ length: n }, (_, i) => i), n, a, b, params, scratch, null);
        const ref = reference(bd.codes, nb, bd.thresholds, a, b, Array.from({ length: n }, (_, i) => i), params);
        expect(tree.feature.length).toBe(31); // 16 leaves
        expectSameTree(tree, ref);
      }
      // the splits use bundle members: flags (feature 0 heads the largest bundle) and counts
      const tree = growTree(bd, Uint32Array.from({ length: n }, (_, i) => i), n, a, b, params, makeScratch(n, 15), null);
      const used = new Set(Array.from(tree.feature).filter((f) => f >= 0));
      expect(used.has(0)).toBe(true); // first member of the 256-cell bundle
      expect(used.has(12)).toBe(true); // last member of the 24-cell bundle
      expect([...used].filter((f) => nb[f]! <= 4).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('classification tree (Gini, depth-first, integer weights): same tree as the reference', () => {
    const n = 200;
    const { bd, nb } = dataset(9, n, [2, 7, 30, 4]);
    const rng = new Random(19);
    const w = Float64Array.from({ length: n }, () => 1 + rng.int(3));
    const a = Float64Array.from(w, (x) => (rng.next() < 0.35 ? x : 0));
    const params: GrowParams = { criterion: GINI, maxDepth: 6, minSamplesLeaf: 2, maxLeafNodes: Infinity, mtry: 4, rng: null, l2: 0, minHessian: 0, shrinkage: 1 };
    const tree = growTree(bd, Uint32Array.from({ length: n }, (_, i) => i), n, a, w, params, makeScratch(n, 4), null);
    const ref = reference(bd.codes, nb, bd.thresholds, a, w, Array.from({ length: n }, (_, i) => i), params);
    expect(tree.feature.length).toBeGreaterThan(15);
    expect(Array.from(tree.feature)).toEqual(Array.from(ref.feature));
    expect(same(tree.threshold, ref.threshold)).toBe(true);
    expect(same(tree.value, ref.value)).toBe(true);
    expect(same(tree.gain, ref.gain)).toBe(true);
  });

  it('empty input and a single row give a one-leaf tree', () => {
    const { bd } = dataset(1, 1, [2]);
    const params: GrowParams = { criterion: NEWTON, maxDepth: Infinity, minSamplesLeaf: 1, maxLeafNodes: 31, mtry: 1, rng: null, l2: 0, minHessian: 1e-3, shrinkage: 0.1 };
    const one = growTree(bd, Uint32Array.of(0), 1, Float64Array.of(-0.5), Float64Array.of(0.25), params, makeScratch(1, 1), null);
    expect(Array.from(one.feature)).toEqual([-1]);
    expect(one.value[0]).toBe((0.5 / 0.25) * 0.1);
    const none = growTree(bd, new Uint32Array(1), 0, new Float64Array(1), new Float64Array(1), params, makeScratch(1, 1), null);
    expect(Array.from(none.feature)).toEqual([-1]);
  });
});
