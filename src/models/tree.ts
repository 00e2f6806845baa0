/**
 * Histogram tree growing, prediction and TreeSHAP (internal), shared by tree, forest and boosting.
 *
 * Split search follows CART (Breiman et al. 1984) on binned features: for each node and
 * candidate feature the rows are summed into a histogram of (A, B, count) per bin and the bins
 * are scanned once, so the search is linear in the node's rows. For classification A = Σ w·y and
 * B = Σ w; for gradient boosting A = Σ g and B = Σ h (Newton step on log loss, Friedman 2001;
 * the histogram approach of Ke et al. 2017 / scikit-learn's HistGradientBoosting).
 * When every feature is searched at every node, a child's histogram is its parent's minus its
 * sibling's (the "subtraction trick"), so only the smaller child is filled from its rows; features
 * with few bins are filled together as bundles of one joint histogram each (HistLayout).
 */
import type { Random } from '../internal/random.js';
import { firstStep, rankBelow, sortedCopy, type Binned } from './binning.js';

/** A fitted binary tree in flat arrays; node 0 is the root; children always have larger ids and come in pairs (right = left + 1). */
export interface Tree {
  /** Split feature (design column) per node, -1 for a leaf. */
  feature: Int32Array;
  /** Split threshold: go left when x <= threshold. */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf output (probability or log-odds step); internal nodes hold the node's own value. */
  value: Float64Array;
  /** Training weight reaching the node (the TreeSHAP cover). */
  cover: Float64Array;
  /** Criterion decrease of the split (0 for leaves). */
  gain: Float64Array;
  /** Training bin index of each split (rank of its threshold among the binned data's thresholds), when grown here; null after loading. */
  bin: Int32Array | null;
  /** Depth of the deepest leaf. */
  depth: number;
}

export const GINI = 0;
export const ENTROPY = 1;
export const NEWTON = 2;

export interface GrowParams {
  criterion: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** Infinity: depth-first, split every splittable node; finite: best-first by gain. */
  maxLeafNodes: number;
  /** Features searched per split (>= p: all, with the subtraction trick). */
  mtry: number;
  rng: Random | null;
  /** NEWTON: L2 on leaf values, minimum hessian per child, shrinkage applied to leaf values. */
  l2: number;
  minHessian: number;
  shrinkage: number;
}

/** Reusable buffers for one learner (sized for the data). */
export interface GrowScratch {
  tmp: Uint32Array;
  /** Row-major histogram slots (and feature bundles) for the all-features path, made on first use. */
  layout: HistLayout | null;
  /** Count channel of the all-rows histogram (other channels 0), made on first use: every round of boosting grows from all rows, whose bin counts never change. */
  allRowCounts: Float64Array | null;
  featHist: Float64Array;
  perm: Int32Array;
  pool: Float64Array[];
}

export function makeScratch(n: number, p: number): GrowScratch {
  const perm = new Int32Array(p);
  for (let i = 0; i < p; i++) perm[i] = i;
  return { tmp: new Uint32Array(n), layout: null, allRowCounts: null, featHist: new Float64Array(256 * 3), perm, pool: [] };
}

interface Open {
  node: number;
  lo: number;
  hi: number;
  depth: number;
  A: number;
  B: number;
  C: number;
  hist: Float64Array | null;
  gain: number;
  feature: number;
  bin: number;
  lA: number;
  lB: number;
  lC: number;
}

/** Weighted entropy B·H(A/B) in bits, the entropy criterion's impurity (the Gini and Newton gains are written out in the scans). */
function entropy(A: number, B: number): number {
  if (B <= 0) return 0;
  let h = 0;
  if (A > 0) h -= A * Math.log2(A / B);
  const R = B - A;
  if (R > 0) h -= R * Math.log2(R / B);
  return h;
}

/**
 * Sums rows idx[lo..hi) into the histograms of every feature (feature f at out[featOff[f]..],
 * three numbers per bin: only as many bins as the feature has, so binary columns cost 6 slots)
 * and of every bundle's joint cells (see HistLayout; marginalize then completes the members).
 * Reads `rowOffs[r·p + s]` (p = slots per row), the histogram offset of each row's s-th update
 * precomputed once per fit, so one pass over the node's rows fills all histograms and
 * consecutive updates go to different features (no store-to-load chain when neighbouring rows
 * share a bin). Each bin adds its rows in the order of idx, whatever the unrolling.
 */
function fillAllHists(rowOffs: Uint16Array | Int32Array, p: number, idx: Uint32Array, lo: number, hi: number, a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let k = lo; k < hi; k++) {
    const r = idx[k]!;
    const ga = a[r]!;
    const hb = b[r]!;
    const end = (r + 1) * p;
    let o = r * p;
    // four features per step: fewer loop tests and four independent read-modify-write chains
    // (measured ~15% faster than two per step at 75,000 × 30)
    for (; o + 3 < end; o += 4) {
      const h = rowOffs[o]!;
      const h2 = rowOffs[o + 1]!;
      const h3 = rowOffs[o + 2]!;
      const h4 = rowOffs[o + 3]!;
      out[h] = out[h]! + ga;
      out[h + 1] = out[h + 1]! + hb;
      out[h + 2] = out[h + 2]! + 1;
      out[h2] = out[h2]! + ga;
      out[h2 + 1] = out[h2 + 1]! + hb;
      out[h2 + 2] = out[h2 + 2]! + 1;
      out[h3] = out[h3]! + ga;
      out[h3 + 1] = out[h3 + 1]! + hb;
      out[h3 + 2] = out[h3 + 2]! + 1;
      out[h4] = out[h4]! + ga;
      out[h4 + 1] = out[h4 + 1]! + hb;
      out[h4 + 2] = out[h4 + 2]! + 1;
    }
    for (; o < end; o++) {
      const h = rowOffs[o]!;
      out[h] = out[h]! + ga;
      out[h + 1] = out[h + 1]! + hb;
      out[h + 2] = out[h + 2]! + 1;
    }
  }
}

/**
 * As fillAllHists without the count channel (two sums per row and feature instead of three),
 * for a histogram whose counts are already in place.
 */
function fillAllHistsNoCount(rowOffs: Uint16Array | Int32Array, p: number, idx: Uint32Array, lo: number, hi: number, a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let k = lo; k < hi; k++) {
    const r = idx[k]!;
    const ga = a[r]!;
    const hb = b[r]!;
    const end = (r + 1) * p;
    let o = r * p;
    for (; o + 3 < end; o += 4) {
      const h = rowOffs[o]!;
      const h2 = rowOffs[o + 1]!;
      const h3 = rowOffs[o + 2]!;
      const h4 = rowOffs[o + 3]!;
      out[h] = out[h]! + ga;
      out[h + 1] = out[h + 1]! + hb;
      out[h2] = out[h2]! + ga;
      out[h2 + 1] = out[h2 + 1]! + hb;
      out[h3] = out[h3]! + ga;
      out[h3 + 1] = out[h3 + 1]! + hb;
      out[h4] = out[h4]! + ga;
      out[h4 + 1] = out[h4 + 1]! + hb;
    }
    for (; o < end; o++) {
      const h = rowOffs[o]!;
      out[h] = out[h]! + ga;
      out[h + 1] = out[h + 1]! + hb;
    }
  }
}

/**
 * Stable partition of idx[lo..hi): rows with code <= bin first; returns the boundary.
 * Branch-free: the row is written to both sides and only the side it belongs to advances
 * (l <= k, so idx[l] was already read); a branch here is taken at random and mispredicts about
 * every other row.
 */
function partitionRows(idx: Uint32Array, tmp: Uint32Array, code: Uint8Array, lo: number, hi: number, bin: number): number {
  let l = lo;
  let t = 0;
  for (let k = lo; k < hi; k++) {
    const r = idx[k]!;
    const goRight = (bin - code[r]!) >>> 31;
    idx[l] = r;
    tmp[t] = r;
    l += 1 - goRight;
    t += goRight;
  }
  for (let k = 0; k < t; k++) idx[l + k] = tmp[k]!;
  return l;
}

/** Records split (feature f, bins <= bin left, left sums lA, lB, lC) with gain g as o's best so far. */
function setBest(o: Open, f: number, g: number, bin: number, lA: number, lB: number, lC: number): void {
  o.gain = g;
  o.feature = f;
  o.bin = bin;
  o.lA = lA;
  o.lB = lB;
  o.lC = lC;
}

/**
 * The big child's histogram from its parent's: the bins at h[lo..hi) (three numbers each)
 * become h − s, and a bin left with no rows gets sums of exactly 0, not the rounding residue of the
 * subtraction, so that the scans can add every bin without testing for empty ones (multiplied by
 * 0 or 1: a test there would be a branch taken at random). One bin (three numbers) per step
 * (~35% faster than one number per step).
 */
function subtractBins(h: Float64Array, s: Float64Array, lo: number, hi: number): void {
  for (let q = lo; q < hi; q += 3) {
    const c = h[q + 2]! - s[q + 2]!;
    const keep = +(c !== 0);
    h[q] = (h[q]! - s[q]!) * keep;
    h[q + 1] = (h[q + 1]! - s[q + 1]!) * keep;
    h[q + 2] = c;
  }
}

/**
 * Newton gain scan (boosting) of bins [from, to) of one feature's histogram at h[off..]: the
 * best split of `o` so far is updated when a bin beats it (sums and best kept in locals, written
 * back once). Gain lA²/(lB+λ) + rA²/(rB+λ) − A²/(B+λ), without the conventional ½, as
 * scikit-learn; each side needs minSamplesLeaf rows and minHessian hessian.
 *
 * The two divisions per bin are the scan's main cost, and most bins cannot beat the best split
 * so far. With S = lA²/(lB+λ) + rA²/(rB+λ) = N / D, N = lA²(rB+λ) + rA²(lB+λ),
 * D = (lB+λ)(rB+λ) > 0, a bin can only win when S ≥ best + P (P the parent term), so it is
 * skipped, without dividing, when N < (best + P)(1 − 1e-12)·D: the margin is far above the
 * few-ulp rounding of N, D and the sums, so a bin whose exact gain beats the best is never
 * skipped, and the winner — computed with the formula above — is the same bytes as a full scan.
 */
function scanNewton(o: Open, f: number, h: Float64Array, off: number, from: number, to: number, minSamplesLeaf: number, minHessian: number, l2: number): void {
  const A = o.A;
  const B = o.B;
  const C = o.C;
  const parentProxy = (A * A) / (B + l2);
  let best = o.gain;
  let bar = (best + parentProxy) * (1 - 1e-12);
  let bestBin = -1;
  let bA = 0;
  let bB = 0;
  let bC = 0;
  let lA = 0;
  let lB = 0;
  let lC = 0;
  for (let bin = from; bin < to; bin++) {
    // an empty bin holds exact zeros (filled from rows, or zeroed after subtraction): it leaves
    // the sums as the bin before, whose candidate was already judged, so it changes nothing —
    // and a test for it would mispredict (a quarter of the bins are empty, in no pattern)
    const q = off + bin * 3;
    lA += h[q]!;
    lB += h[q + 1]!;
    lC += h[q + 2]!;
    if (lC < minSamplesLeaf) continue;
    if (C - lC < minSamplesLeaf) break;
    const rA = A - lA;
    const rB = B - lB;
    if (lB < minHessian || rB < minHessian) continue;
    const dl = lB + l2;
    const dr = rB + l2;
    const den = dl * dr;
    if (lA * lA * dr + rA * rA * dl < bar * den && den < Infinity) continue;
    const g = (lA * lA) / dl + (rA * rA) / dr - parentProxy;
    if (g > best) {
      best = g;
      bar = (best + parentProxy) * (1 - 1e-12);
      bestBin = bin;
      bA = lA;
      bB = lB;
      bC = lC;
    }
  }
  if (bestBin >= 0) setBest(o, f, best, bestBin, bA, bB, bC);
}

/**
 * The big child's histogram of one feature, computed and scanned in one pass: each bin of `h`
 * (the parent's, at h[off..], nb bins) becomes parent − small (`s`), an emptied bin exact zeros
 * (see the subtraction in growTree), and joins the Newton scan of bins [0, nb − 1) exactly as
 * scanNewton would see it; bins after the scan stops are only subtracted.
 */
function subtractScanNewton(o: Open, f: number, h: Float64Array, s: Float64Array, off: number, nb: number, minSamplesLeaf: number, minHessian: number, l2: number): void {
  const A = o.A;
  const B = o.B;
  const C = o.C;
  const parentProxy = (A * A) / (B + l2);
  let best = o.gain;
  let bar = (best + parentProxy) * (1 - 1e-12);
  let bestBin = -1;
  let bA = 0;
  let bB = 0;
  let bC = 0;
  let lA = 0;
  let lB = 0;
  let lC = 0;
  let bin = 0;
  for (; bin < nb - 1; bin++) {
    const q = off + bin * 3;
    const c = h[q + 2]! - s[q + 2]!;
    const keep = +(c !== 0);
    const ga = (h[q]! - s[q]!) * keep;
    const hb = (h[q + 1]! - s[q + 1]!) * keep;
    h[q] = ga;
    h[q + 1] = hb;
    h[q + 2] = c;
    lA += ga;
    lB += hb;
    lC += c;
    if (lC < minSamplesLeaf) continue;
    if (C - lC < minSamplesLeaf) {
      bin++;
      break;
    }
    const rA = A - lA;
    const rB = B - lB;
    if (lB < minHessian || rB < minHessian) continue;
    const dl = lB + l2;
    const dr = rB + l2;
    const den = dl * dr;
    if (lA * lA * dr + rA * rA * dl < bar * den && den < Infinity) continue;
    const g = (lA * lA) / dl + (rA * rA) / dr - parentProxy;
    if (g > best) {
      best = g;
      bar = (best + parentProxy) * (1 - 1e-12);
      bestBin = bin;
      bA = lA;
      bB = lB;
      bC = lC;
    }
  }
  subtractBins(h, s, off + bin * 3, off + nb * 3);
  if (bestBin >= 0) setBest(o, f, best, bestBin, bA, bB, bC);
}

/**
 * Gini / entropy scan of bins [from, to) of one feature's histogram at h[off..] (as scanNewton).
 * Gini: 2A(B−A)/B = 2A − 2A²/B, so the decrease is 2(lA²/lB + rA²/rB − A²/B) (two divisions).
 */
function scanImpurity(o: Open, f: number, h: Float64Array, off: number, from: number, to: number, criterion: number, minSamplesLeaf: number): void {
  const A = o.A;
  const B = o.B;
  const C = o.C;
  const gini = criterion === GINI;
  const parentImp = gini ? 0 : entropy(A, B);
  const parentProxy = gini ? (A * A) / B : 0;
  let best = o.gain;
  let bestBin = -1;
  let bA = 0;
  let bB = 0;
  let bC = 0;
  let lA = 0;
  let lB = 0;
  let lC = 0;
  for (let bin = from; bin < to; bin++) {
    const q = off + bin * 3;
    const c = h[q + 2]!;
    if (c === 0) continue;
    lA += h[q]!;
    lB += h[q + 1]!;
    lC += c;
    if (lC < minSamplesLeaf) continue;
    if (C - lC < minSamplesLeaf) break;
    const rA = A - lA;
    const rB = B - lB;
    if (lB <= 0 || rB <= 0) continue;
    const g = gini ? 2 * ((lA * lA) / lB + (rA * rA) / rB - parentProxy) : parentImp - entropy(lA, lB) - entropy(rA, rB);
    if (g > best) {
      best = g;
      bestBin = bin;
      bA = lA;
      bB = lB;
      bC = lC;
    }
  }
  if (bestBin >= 0) setBest(o, f, best, bestBin, bA, bB, bC);
}

/**
 * Where the all-features fill puts each row's sums. Features with few bins (flags, small
 * counts) are filled as bundles: a bundle's members index one joint histogram of
 * Π nb ≤ BUNDLE_CELLS cells (cell = Σ code·stride), so a row makes one update for the whole
 * bundle instead of one per member, and each member's histogram is then the sum of the joint
 * cells over the other members (marginalize). Six 0/1 flags become one 64-cell update; two
 * counts of ≤ 16 values one of ≤ 256 cells. The idea is LightGBM's exclusive feature bundling
 * (Ke et al. 2017, §4) without its exclusivity condition: the joint histogram is exact for any
 * features, so every bin's count is the same and its sums differ from one row-by-row fill only
 * in the order of the additions.
 */
interface HistLayout {
  /** Updates per row: unbundled features with at least two bins, then one per bundle. */
  slots: number;
  /** rowOffs[r·slots + s]: the histogram offset (3 numbers: A, B, count) of row r's s-th update. */
  rowOffs: Uint16Array | Int32Array;
  /** Per-feature histograms occupy [0, featOff[p]); bundles' joint cells follow, up to totalSize. */
  totalSize: number;
  bundles: Bundle[];
}

interface Bundle {
  /** Offset of the first joint cell. */
  base: number;
  cells: number;
  /** Members. */
  k: number;
  /** cellOff[cell·k + i]: offset of member i's bin (in its per-feature histogram) for that cell. */
  cellOff: Int32Array;
}

/** Largest joint histogram of a bundle (cells); 256 cells × 24 bytes stay in L1 cache. */
const BUNDLE_CELLS = 256;

function histLayout(codes: readonly Uint8Array[], nb: Int32Array, featOff: Int32Array, n: number): HistLayout {
  const p = codes.length;
  // first-fit over features by ascending bin count (ties by column): a feature joins the first
  // bundle whose cells times its bins stay within BUNDLE_CELLS
  const order = Array.from({ length: p }, (_, f) => f).filter((f) => nb[f]! >= 2);
  order.sort((x, y) => nb[x]! - nb[y]! || x - y);
  const groups: { members: number[]; cells: number }[] = [];
  for (const f of order) {
    if (nb[f]! * 2 > BUNDLE_CELLS) continue;
    const g = groups.find((q) => q.cells * nb[f]! <= BUNDLE_CELLS);
    if (g) {
      g.members.push(f);
      g.cells *= nb[f]!;
    } else groups.push({ members: [f], cells: nb[f]! });
  }
  const inBundle = new Uint8Array(p);
  const bundled = groups.filter((g) => g.members.length > 1);
  for (const g of bundled) for (const f of g.members) inBundle[f] = 1;
  const single = order.filter((f) => !inBundle[f]).sort((x, y) => x - y);
  const slots = single.length + bundled.length;
  let totalSize = featOff[p]!;
  const bundles: Bundle[] = bundled.map((g) => {
    const k = g.members.length;
    const cellOff = new Int32Array(g.cells * k);
    for (let cell = 0; cell < g.cells; cell++) {
      let rest = cell;
      for (let i = 0; i < k; i++) {
        const f = g.members[i]!;
        cellOff[cell * k + i] = featOff[f]! + 3 * (rest % nb[f]!);
        rest = Math.floor(rest / nb[f]!);
      }
    }
    const b: Bundle = { base: totalSize, cells: g.cells, k, cellOff };
    totalSize += 3 * g.cells;
    return b;
  });
  // 16-bit slots when the histograms fit (half the memory traffic per row), else 32-bit
  const rowOffs = totalSize <= 65535 ? new Uint16Array(n * slots) : new Int32Array(n * slots);
  single.forEach((f, s) => {
    const c = codes[f]!;
    const base = featOff[f]!;
    for (let r = 0, o = s; r < n; r++, o += slots) rowOffs[o] = base + 3 * c[r]!;
  });
  bundled.forEach((g, j) => {
    const s = single.length + j;
    const base = bundles[j]!.base;
    for (let r = 0, o = s; r < n; r++, o += slots) {
      let cell = 0;
      let stride = 1;
      for (const f of g.members) {
        cell += stride * codes[f]![r]!;
        stride *= nb[f]!;
      }
      rowOffs[o] = base + 3 * cell;
    }
  });
  return { slots, rowOffs, totalSize, bundles };
}

/**
 * Adds each bundle's joint cells into its members' per-feature histograms (A and B, and the
 * count when `counts`), cells in ascending order.
 */
function marginalize(layout: HistLayout, h: Float64Array, counts: boolean): void {
  for (const { base, cells, k, cellOff } of layout.bundles) {
    for (let cell = 0, q = base, o = 0; cell < cells; cell++, q += 3) {
      const ga = h[q]!;
      const hb = h[q + 1]!;
      const c = h[q + 2]!;
      for (let i = 0; i < k; i++, o++) {
        const t = cellOff[o]!;
        h[t] = h[t]! + ga;
        h[t + 1] = h[t + 1]! + hb;
        if (counts) h[t + 2] = h[t + 2]! + c;
      }
    }
  }
}

/**
 * Grows one tree on rows idx[0..m) (idx is permuted in place: afterwards each leaf owns a
 * contiguous range, reported in `leaves` as [node, lo, hi] triples when given).
 */
export function growTree(
  bd: Binned,
  idx: Uint32Array,
  m: number,
  a: Float64Array,
  b: Float64Array,
  params: GrowParams,
  scratch: GrowScratch,
  leaves: number[] | null,
): Tree {
  const p = bd.codes.length;
  const nb = new Int32Array(p);
  for (let f = 0; f < p; f++) nb[f] = bd.thresholds[f]!.length + 1;
  const { criterion, minSamplesLeaf, maxDepth, l2, minHessian } = params;
  const allFeatures = params.mtry >= p;
  const featOff = new Int32Array(p + 1);
  for (let f = 0; f < p; f++) featOff[f + 1] = featOff[f]! + nb[f]! * 3;
  const histSize = featOff[p]!;
  const nAll = bd.codes[0]?.length ?? 0;
  if (allFeatures && !scratch.layout) scratch.layout = histLayout(bd.codes, nb, featOff, nAll);
  const layout = scratch.layout;
  const rowOffs = layout?.rowOffs ?? null;
  const slots = layout?.slots ?? 0;
  // per-feature histograms, then (all-features path) the bundles' joint cells
  const bufSize = layout?.totalSize ?? histSize;
  const takeHist = (): Float64Array => {
    const h = scratch.pool.pop();
    if (h && h.length === bufSize) {
      h.fill(0);
      return h;
    }
    return new Float64Array(bufSize);
  };

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const gainArr: number[] = [];
  const binArr: number[] = [];
  let depthMax = 0;

  const leafValue = (A: number, B: number): number => (criterion === NEWTON ? (-A / (B + l2)) * params.shrinkage : B > 0 ? A / B : 0);
  const newNode = (A: number, B: number, C: number): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(leafValue(A, B));
    cover.push(criterion === NEWTON ? C : B);
    gainArr.push(0);
    binArr.push(0);
    return feature.length - 1;
  };

  // scan bins [from, to) of one feature's histogram at h[off..] and update the best split of o
  const scan = (o: Open, f: number, h: Float64Array, off: number, from: number, to: number): void => {
    if (criterion === NEWTON) scanNewton(o, f, h, off, from, to, minSamplesLeaf, minHessian, l2);
    else scanImpurity(o, f, h, off, from, to, criterion, minSamplesLeaf);
  };

  const touched = new Uint8Array(32);
  // as scan, over the sorted touched bins touched[0..nt) of the feature histogram h (offset 0)
  const scanList = (o: Open, f: number, h: Float64Array, nt: number): void => {
    const parentImp = criterion === ENTROPY ? entropy(o.A, o.B) : 0;
    const parentProxy = criterion === GINI ? (o.A * o.A) / o.B : criterion === NEWTON ? (o.A * o.A) / (o.B + l2) : 0;
    let lA = 0;
    let lB = 0;
    let lC = 0;
    for (let i = 0; i < nt - 1; i++) {
      const bin = touched[i]!;
      const q = bin * 3;
      lA += h[q]!;
      lB += h[q + 1]!;
      lC += h[q + 2]!;
      const rC = o.C - lC;
      if (lC < minSamplesLeaf) continue;
      if (rC < minSamplesLeaf) break;
      const rA = o.A - lA;
      const rB = o.B - lB;
      if (criterion === NEWTON) {
        if (lB < minHessian || rB < minHessian) continue;
      } else if (lB <= 0 || rB <= 0) continue;
      // gini: 2A(B−A)/B = 2A − 2A²/B, so the decrease is 2(lA²/lB + rA²/rB − A²/B) (two divisions);
      // newton: lA²/(lB+λ) + rA²/(rB+λ) − A²/(B+λ) (without the conventional ½, as scikit-learn)
      const g =
        criterion === GINI
          ? 2 * ((lA * lA) / lB + (rA * rA) / rB - parentProxy)
          : criterion === NEWTON
            ? (lA * lA) / (lB + l2) + (rA * rA) / (rB + l2) - parentProxy
            : parentImp - entropy(lA, lB) - entropy(rA, rB);
      if (g > o.gain) setBest(o, f, g, bin, lA, lB, lC);
    }
  };

  const bestFirst = Number.isFinite(params.maxLeafNodes);
  let leafCount = 1;
  // resets the best split of o (none, with the smallest gain that counts); false when o cannot split
  const initBest = (o: Open): boolean => {
    o.gain = criterion === NEWTON ? 0 : -1e-12 * Math.max(1, o.B);
    o.feature = -1;
    if (o.depth >= maxDepth || o.C < 2 * minSamplesLeaf || (bestFirst && leafCount >= params.maxLeafNodes)) return false;
    return !(criterion !== NEWTON && (o.A <= 0 || o.A >= o.B || o.C < 2));
  };
  const findBest = (o: Open): void => {
    if (!initBest(o)) return;
    if (allFeatures) {
      const h = o.hist!;
      for (let f = 0; f < p; f++) scan(o, f, h, featOff[f]!, 0, nb[f]! - 1);
      return;
    }
    const perm = scratch.perm;
    const rng = params.rng!;
    const fh = scratch.featHist;
    let visited = 0;
    for (let i = 0; i < p; i++) {
      if (visited >= params.mtry && o.feature >= 0) break;
      const j = i + rng.int(p - i);
      const f = perm[j]!;
      perm[j] = perm[i]!;
      perm[i] = f;
      if (nb[f]! < 2) continue;
      // histogram of this feature only, with the range of bins the node's rows occupy so that
      // nodes deep in the tree scan and clear only that range (fh stays all-zero between uses);
      // tiny nodes sort their few bins instead of scanning a range
      const code = bd.codes[f]!;
      const cnt = o.hi - o.lo;
      visited++;
      if (cnt <= 24) {
        let nt = 0;
        for (let k = o.lo; k < o.hi; k++) {
          const r = idx[k]!;
          const bin = code[r]!;
          const q = bin * 3;
          if (fh[q + 2] === 0) {
            // insertion into the sorted list of distinct bins
            let j2 = nt - 1;
            while (j2 >= 0 && touched[j2]! > bin) {
              touched[j2 + 1] = touched[j2]!;
              j2--;
            }
            touched[j2 + 1] = bin;
            nt++;
          }
          fh[q] = fh[q]! + a[r]!;
          fh[q + 1] = fh[q + 1]! + b[r]!;
          fh[q + 2] = fh[q + 2]! + 1;
        }
        if (nt > 1) scanList(o, f, fh, nt);
        for (let i2 = 0; i2 < nt; i2++) {
          const q = touched[i2]! * 3;
          fh[q] = 0;
          fh[q + 1] = 0;
          fh[q + 2] = 0;
        }
      } else {
        let bmin = 255;
        let bmax = 0;
        for (let k = o.lo; k < o.hi; k++) {
          const r = idx[k]!;
          const bin = code[r]!;
          bmin = bin < bmin ? bin : bmin;
          bmax = bin > bmax ? bin : bmax;
          const q = bin * 3;
          fh[q] = fh[q]! + a[r]!;
          fh[q + 1] = fh[q + 1]! + b[r]!;
          fh[q + 2] = fh[q + 2]! + 1;
        }
        if (bmax > bmin) scan(o, f, fh, 0, bmin, bmax);
        fh.fill(0, bmin * 3, bmax * 3 + 3);
      }
    }
  };

  // root
  let A0 = 0;
  let B0 = 0;
  for (let k = 0; k < m; k++) {
    const r = idx[k]!;
    A0 += a[r]!;
    B0 += b[r]!;
  }
  const root: Open = { node: newNode(A0, B0, m), lo: 0, hi: m, depth: 0, A: A0, B: B0, C: m, hist: null, gain: 0, feature: -1, bin: 0, lA: 0, lB: 0, lC: 0 };
  if (allFeatures) {
    root.hist = takeHist();
    if (m === nAll && m > 0) {
      // the root holds every row (idx holds distinct rows): its counts are the bin counts of
      // the data, the same for every tree, so they are counted once per fit and copied. Counts
      // are integers, exact in any order, so the histogram is the same as a full fill's.
      if (!scratch.allRowCounts) {
        const counts = new Float64Array(bufSize);
        for (let f = 0; f < p; f++) {
          const code = bd.codes[f]!;
          const base = featOff[f]! + 2;
          for (let r = 0; r < nAll; r++) counts[base + 3 * code[r]!]!++;
        }
        scratch.allRowCounts = counts;
      }
      root.hist.set(scratch.allRowCounts);
      fillAllHistsNoCount(rowOffs!, slots, idx, 0, m, a, b, root.hist);
      marginalize(layout!, root.hist, false);
    } else {
      fillAllHists(rowOffs!, slots, idx, 0, m, a, b, root.hist);
      marginalize(layout!, root.hist, true);
    }
  }
  findBest(root);
  const open: Open[] = [root];
  const finish = (o: Open): void => {
    if (o.hist) scratch.pool.push(o.hist);
    o.hist = null;
    if (o.depth > depthMax) depthMax = o.depth;
    if (leaves) leaves.push(o.node, o.lo, o.hi);
  };
  const tmp = scratch.tmp;
  while (open.length > 0) {
    let pick = open.length - 1;
    if (bestFirst) {
      if (leafCount >= params.maxLeafNodes) break;
      pick = -1;
      for (let i = 0; i < open.length; i++) if (open[i]!.feature >= 0 && (pick < 0 || open[i]!.gain > open[pick]!.gain)) pick = i;
      if (pick < 0) break;
    }
    const o = open[pick]!;
    open[pick] = open[open.length - 1]!;
    open.pop();
    if (o.feature < 0) {
      finish(o);
      continue;
    }
    // partition rows: bin <= o.bin to the left, stable
    const l = partitionRows(idx, tmp, bd.codes[o.feature]!, o.lo, o.hi, o.bin);
    const node = o.node;
    feature[node] = o.feature;
    threshold[node] = bd.thresholds[o.feature]![o.bin]!;
    gainArr[node] = o.gain;
    binArr[node] = o.bin;
    const rA = o.A - o.lA;
    const rB = o.B - o.lB;
    const rC = o.C - o.lC;
    const L: Open = { node: newNode(o.lA, o.lB, o.lC), lo: o.lo, hi: l, depth: o.depth + 1, A: o.lA, B: o.lB, C: o.lC, hist: null, gain: 0, feature: -1, bin: 0, lA: 0, lB: 0, lC: 0 };
    const R: Open = { node: newNode(rA, rB, rC), lo: l, hi: o.hi, depth: o.depth + 1, A: rA, B: rB, C: rC, hist: null, gain: 0, feature: -1, bin: 0, lA: 0, lB: 0, lC: 0 };
    left[node] = L.node;
    right[node] = R.node;
    leafCount++;
    // children that can never split need no histogram: at the leaf budget (best-first), at the
    // depth limit, or with fewer than 2·minSamplesLeaf rows (as scikit-learn finalises them)
    const canSplit = (c: Open): boolean =>
      !(bestFirst && leafCount >= params.maxLeafNodes) && c.depth < maxDepth && c.C >= 2 * minSamplesLeaf && (criterion === NEWTON || (c.A > 0 && c.A < c.B && c.C >= 2));
    if (!allFeatures) {
      findBest(L);
      findBest(R);
    } else if (!canSplit(L) && !canSplit(R)) {
      scratch.pool.push(o.hist!);
      o.hist = null;
      findBest(L);
      findBest(R);
    } else {
      const parent = o.hist!;
      o.hist = null;
      const small = L.C <= R.C ? L : R;
      const big = small === L ? R : L;
      const hs = takeHist();
      fillAllHists(rowOffs!, slots, idx, small.lo, small.hi, a, b, hs);
      marginalize(layout!, hs, true);
      small.hist = hs;
      big.hist = parent;
      // the big child's histogram is the parent's minus the small one's; done feature by feature
      // with both children's scans right after, while the feature's bins are in L1 cache (one
      // pass over the histograms instead of three; for Newton the subtraction runs inside the
      // big child's scan). Each child still sees its features in order, so its best split
      // (first of equal gains) is the one findBest would pick.
      const scanL = initBest(L);
      const scanR = initBest(R);
      const hL = L.hist!;
      const hR = R.hist!;
      const scanSmall = small === L ? scanL : scanR;
      // Newton: the big child's bins are subtracted inside its scan (one pass over them)
      const fusedBig = criterion === NEWTON && (small === L ? scanR : scanL);
      for (let f = 0; f < p; f++) {
        const off = featOff[f]!;
        if (fusedBig) {
          subtractScanNewton(big, f, parent, hs, off, nb[f]!, minSamplesLeaf, minHessian, l2);
          if (scanSmall) scanNewton(small, f, hs, off, 0, nb[f]! - 1, minSamplesLeaf, minHessian, l2);
          continue;
        }
        subtractBins(parent, hs, off, featOff[f + 1]!);
        if (scanL) scan(L, f, hL, off, 0, nb[f]! - 1);
        if (scanR) scan(R, f, hR, off, 0, nb[f]! - 1);
      }
    }
    // a child that cannot split is final right away (frees its histogram)
    if (R.feature >= 0) open.push(R);
    else finish(R);
    if (L.feature >= 0) open.push(L);
    else finish(L);
  }
  for (const o of open) finish(o);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
    gain: Float64Array.from(gainArr),
    bin: Int32Array.from(binArr),
    depth: depthMax,
  };
}

/** Leaf value of the row starting at x[off] (row-major design matrix). */
export function treeValue(t: Tree, x: Float64Array, off: number): number {
  const { feature, threshold, left, right } = t;
  let node = 0;
  let f = feature[0]!;
  while (f >= 0) {
    node = x[off + f]! <= threshold[node]! ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return t.value[node]!;
}

/** Adds each row's leaf value to out[r] (x row-major with p columns). */
export function addTreePredictions(t: Tree, x: Float64Array, p: number, n: number, out: Float64Array): void {
  // children are allocated in pairs (right = left + 1, checked by loadChurnModel)
  const { feature, threshold, left, value } = t;
  for (let r = 0, off = 0; r < n; r++, off += p) {
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      node = left[node]! + (x[off + f]! <= threshold[node]! ? 0 : 1);
      f = feature[node]!;
    }
    out[r] = out[r]! + value[node]!;
  }
}

/** Cover-weighted mean of the leaf values: the tree's expected output (TreeSHAP base value). */
export function treeExpectation(t: Tree): number {
  const e = new Float64Array(t.feature.length);
  for (let node = t.feature.length - 1; node >= 0; node--) {
    if (t.feature[node]! < 0) e[node] = t.value[node]!;
    else {
      const l = t.left[node]!;
      const r = t.right[node]!;
      e[node] = (t.cover[l]! * e[l]! + t.cover[r]! * e[r]!) / t.cover[node]!;
    }
  }
  return e[0]!;
}

/** Buffers for TreeSHAP paths (sized for the deepest tree). */
export interface ShapBuffers {
  d: Int32Array;
  z: Float64Array;
  o: Float64Array;
  w: Float64Array;
}

export function shapBuffers(maxDepth: number): ShapBuffers {
  const size = ((maxDepth + 3) * (maxDepth + 4)) / 2 + 4;
  return { d: new Int32Array(size), z: new Float64Array(size), o: new Float64Array(size), w: new Float64Array(size) };
}

/*
 * TreeSHAP, Lundberg, Erion & Lee (2018), "Consistent Individualized Feature Attribution for
 * Tree Ensembles", arXiv:1802.03888, Algorithm 2. A path of unique features is kept per
 * recursion level in one flat buffer: level data starts at `off` and holds `ud + 1` elements
 * (feature d, zero fraction z, one fraction o, permutation weight w). EXTEND adds an element
 * and updates the weights of every subset size; UNWIND undoes one; at a leaf the unwound
 * weight sums give each feature's share of (o - z) · leaf value.
 */
function extend(s: ShapBuffers, off: number, ud: number, z: number, o: number, d: number): void {
  const { w } = s;
  s.d[off + ud] = d;
  s.z[off + ud] = z;
  s.o[off + ud] = o;
  w[off + ud] = ud === 0 ? 1 : 0;
  for (let i = ud - 1; i >= 0; i--) {
    w[off + i + 1] = w[off + i + 1]! + ((o * w[off + i]! * (i + 1)) / (ud + 1));
    w[off + i] = (z * w[off + i]! * (ud - i)) / (ud + 1);
  }
}

function unwind(s: ShapBuffers, off: number, ud: number, pi: number): void {
  const { w } = s;
  const o = s.o[off + pi]!;
  const z = s.z[off + pi]!;
  let next = w[off + ud]!;
  for (let j = ud - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = w[off + j]!;
      w[off + j] = (next * (ud + 1)) / ((j + 1) * o);
      next = t - (w[off + j]! * z * (ud - j)) / (ud + 1);
    } else {
      w[off + j] = (w[off + j]! * (ud + 1)) / (z * (ud - j));
    }
  }
  for (let j = pi; j < ud; j++) {
    s.d[off + j] = s.d[off + j + 1]!;
    s.z[off + j] = s.z[off + j + 1]!;
    s.o[off + j] = s.o[off + j + 1]!;
  }
}

function unwoundSum(s: ShapBuffers, off: number, ud: number, pi: number): number {
  const { w } = s;
  const o = s.o[off + pi]!;
  const z = s.z[off + pi]!;
  let total = 0;
  if (o !== 0) {
    let next = w[off + ud]!;
    for (let j = ud - 1; j >= 0; j--) {
      const t = next / ((j + 1) * o);
      total += t;
      next = w[off + j]! - t * z * (ud - j);
    }
  } else {
    for (let j = ud - 1; j >= 0; j--) total += w[off + j]! / (z * (ud - j));
  }
  return total * (ud + 1);
}

function recurse(
  t: Tree,
  x: Float64Array,
  xo: number,
  phi: Float64Array,
  scale: number,
  s: ShapBuffers,
  node: number,
  parentOff: number,
  ud: number,
  pz: number,
  po: number,
  pd: number,
): void {
  // copy the parent's path (ud elements) into this level's slot and extend it
  const off = parentOff + ud;
  for (let i = 0; i < ud; i++) {
    s.d[off + i] = s.d[parentOff + i]!;
    s.z[off + i] = s.z[parentOff + i]!;
    s.o[off + i] = s.o[parentOff + i]!;
    s.w[off + i] = s.w[parentOff + i]!;
  }
  extend(s, off, ud, pz, po, pd);
  const f = t.feature[node]!;
  if (f < 0) {
    const v = t.value[node]! * scale;
    for (let i = 1; i <= ud; i++) {
      const wsum = unwoundSum(s, off, ud, i);
      phi[s.d[off + i]!] = phi[s.d[off + i]!]! + (wsum * (s.o[off + i]! - s.z[off + i]!) * v);
    }
    return;
  }
  const l = t.left[node]!;
  const r = t.right[node]!;
  const goLeft = x[xo + f]! <= t.threshold[node]!;
  const hot = goLeft ? l : r;
  const cold = goLeft ? r : l;
  const c = t.cover[node]!;
  let iz = 1;
  let io = 1;
  let depth = ud;
  for (let k = 1; k <= ud; k++) {
    if (s.d[off + k] === f) {
      iz = s.z[off + k]!;
      io = s.o[off + k]!;
      unwind(s, off, ud, k);
      depth--;
      break;
    }
  }
  recurse(t, x, xo, phi, scale, s, hot, off, depth + 1, (iz * t.cover[hot]!) / c, io, f);
  recurse(t, x, xo, phi, scale, s, cold, off, depth + 1, (iz * t.cover[cold]!) / c, 0, f);
}

/** Adds `scale` × the SHAP values of the row at x[xo..] to phi (indexed by design column). */
export function treeShap(t: Tree, x: Float64Array, xo: number, phi: Float64Array, scale: number, s: ShapBuffers): void {
  recurse(t, x, xo, phi, scale, s, 0, 0, 0, 1, 1, -1);
}

/**
 * Trees compiled for scoring: every threshold replaced by its rank among the thresholds the
 * trees use on that feature, so a row is binned once (one binary search per feature) and each
 * step compares small integers without a branch. Exact: x <= cuts[f][b] ⇔ #(cuts[f] < x) <= b.
 */
export interface CompiledTrees {
  p: number;
  cuts: Float64Array[];
  /** Per tree: [feature << 16 | bin, left] per node; a leaf is [0xffff, itself] (feature 0, a bin no code exceeds: it stays put). */
  nodes: Int32Array[];
  values: Float64Array[];
}

const LEAF = 0xffff;

/** Compiles trees for addCompiledPredictionsColumns; null when they do not fit the layout (≥ 32,768 columns or ≥ 65,536 cut points on a feature). */
export function compileTrees(trees: readonly Tree[], p: number, trainingCuts: readonly Float64Array[] | null = null): CompiledTrees | null {
  if (p >= 32768) return null;
  // grown here: the thresholds are the training bin edges and each split knows its bin;
  // loaded: the thresholds each feature uses, sorted and deduplicated, and each split's rank among them
  const grown = trainingCuts !== null && trainingCuts.length === p && trees.every((t) => t.bin !== null);
  const cuts = grown ? [...trainingCuts] : usedThresholds(trees, p);
  if (cuts.some((c) => c.length >= 65536)) return null;
  const nodes = trees.map((t) => {
    const m = t.feature.length;
    const out = new Int32Array(2 * m);
    for (let i = 0; i < m; i++) {
      const f = t.feature[i]!;
      out[2 * i] = f < 0 ? LEAF : (f << 16) | (grown ? t.bin![i]! : rankBelow(cuts[f]!, t.threshold[i]!, firstStep(cuts[f]!.length)));
      out[2 * i + 1] = f < 0 ? i : t.left[i]!;
    }
    return out;
  });
  return { p, cuts, nodes, values: trees.map((t) => t.value) };
}

/** Per feature, the distinct thresholds the trees split it at, ascending (typed arrays: count, fill, radix-sort, deduplicate). */
function usedThresholds(trees: readonly Tree[], p: number): Float64Array[] {
  const count = new Int32Array(p);
  for (const t of trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i]! >= 0) count[t.feature[i]!]!++;
  const per = Array.from(count, (c) => new Float64Array(c));
  count.fill(0);
  for (const t of trees) {
    for (let i = 0; i < t.feature.length; i++) {
      const f = t.feature[i]!;
      if (f >= 0) per[f]![count[f]!++] = t.threshold[i]!;
    }
  }
  return per.map((xs) => {
    const sorted = sortedCopy(xs);
    let k = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
    return sorted.slice(0, k);
  });
}

/**
 * Adds each row's leaf value of every compiled tree to out[r], trees in order, from design
 * columns (no row-major copy: each column is ranked in one sequential pass).
 */
export function addCompiledPredictionsColumns(c: CompiledTrees, cols: readonly Float64Array[], n: number, out: Float64Array): void {
  const p = c.p;
  const codes = new Uint16Array(n * p);
  for (let f = 0; f < p; f++) {
    const cut = c.cuts[f]!;
    if (cut.length === 0) continue;
    const col = cols[f]!;
    const top = firstStep(cut.length);
    for (let r = 0, o = f; r < n; r++, o += p) codes[o] = rankBelow(cut, col[r]!, top);
  }
  walkAll(c, codes, n, out);
}

function walkAll(c: CompiledTrees, codes: Uint16Array, n: number, out: Float64Array): void {
  // tree by tree over all rows: a tree's nodes stay in cache while the rows stream past (each
  // row still adds its trees' values in tree order)
  for (let t = 0; t < c.nodes.length; t++) walkRows(c.nodes[t]!, c.values[t]!, codes, c.p, n, out);
}

/** Walks one compiled tree for rows [0, n), adding each row's leaf value to out. */
function walkRows(nodes: Int32Array, value: Float64Array, codes: Uint16Array, p: number, n: number, out: Float64Array): void {
  // eight rows walk the tree in lockstep: their load chains are independent, so the CPU overlaps
  // them (eight outran four by about 20% on deep forests at 100k rows, and twelve or sixteen
  // spill registers); a row at a leaf stays there (self-loop) until all eight have arrived.
  // Blocking rows so that their codes stay in cache was slower: the trees, not the codes, are
  // what must stay cached, so each tree sees all rows before the next.
  const nK = n - (n % 8);
  for (let r = 0; r < nK; r += 8) {
    const o0 = r * p;
    const o1 = o0 + p;
    const o2 = o1 + p;
    const o3 = o2 + p;
    const o4 = o3 + p;
    const o5 = o4 + p;
    const o6 = o5 + p;
    const o7 = o6 + p;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    for (;;) {
      const f0 = nodes[2 * a0]!;
      const f1 = nodes[2 * a1]!;
      const f2 = nodes[2 * a2]!;
      const f3 = nodes[2 * a3]!;
      const f4 = nodes[2 * a4]!;
      const f5 = nodes[2 * a5]!;
      const f6 = nodes[2 * a6]!;
      const f7 = nodes[2 * a7]!;
      if ((f0 & f1 & f2 & f3 & f4 & f5 & f6 & f7 & 0xffff) === LEAF) break;
      // right child exactly when code > bin: the sign bit of (bin − code), no branch
      a0 = nodes[2 * a0 + 1]! + (((f0 & 0xffff) - codes[o0 + (f0 >>> 16)]!) >>> 31);
      a1 = nodes[2 * a1 + 1]! + (((f1 & 0xffff) - codes[o1 + (f1 >>> 16)]!) >>> 31);
      a2 = nodes[2 * a2 + 1]! + (((f2 & 0xffff) - codes[o2 + (f2 >>> 16)]!) >>> 31);
      a3 = nodes[2 * a3 + 1]! + (((f3 & 0xffff) - codes[o3 + (f3 >>> 16)]!) >>> 31);
      a4 = nodes[2 * a4 + 1]! + (((f4 & 0xffff) - codes[o4 + (f4 >>> 16)]!) >>> 31);
      a5 = nodes[2 * a5 + 1]! + (((f5 & 0xffff) - codes[o5 + (f5 >>> 16)]!) >>> 31);
      a6 = nodes[2 * a6 + 1]! + (((f6 & 0xffff) - codes[o6 + (f6 >>> 16)]!) >>> 31);
      a7 = nodes[2 * a7 + 1]! + (((f7 & 0xffff) - codes[o7 + (f7 >>> 16)]!) >>> 31);
    }
    out[r] = out[r]! + value[a0]!;
    out[r + 1] = out[r + 1]! + value[a1]!;
    out[r + 2] = out[r + 2]! + value[a2]!;
    out[r + 3] = out[r + 3]! + value[a3]!;
    out[r + 4] = out[r + 4]! + value[a4]!;
    out[r + 5] = out[r + 5]! + value[a5]!;
    out[r + 6] = out[r + 6]! + value[a6]!;
    out[r + 7] = out[r + 7]! + value[a7]!;
  }
  for (let r = nK; r < n; r++) walkRow(nodes, value, codes, r, r * p, out);
}

/** Walks row r (codes at off) from the root to its leaf and adds the leaf value to out[r]. */
function walkRow(nodes: Int32Array, value: Float64Array, codes: Uint16Array, r: number, off: number, out: Float64Array): void {
  let node = 0;
  let fb = nodes[2 * node]!;
  while ((fb & 0xffff) !== LEAF) {
    node = nodes[2 * node + 1]! + (((fb & 0xffff) - codes[off + (fb >>> 16)]!) >>> 31);
    fb = nodes[2 * node]!;
  }
  out[r] = out[r]! + value[node]!;
}
