/**
 * L2-regularised logistic regression by Newton's method / IRLS (internal).
 *
 * Minimises  Σ_i w_i [log(1 + e^{η_i}) − y_i η_i] + (λ/2) Σ_j β_j²,  η_i = b + Σ_j β_j z_ij,
 * the intercept b unpenalised. With λ = 1/C this is scikit-learn's LogisticRegression objective
 * (C Σ w_i loss_i + ½‖β‖², divided by C). Newton step: solve H Δ = −g with
 * H = Z̃ᵀ diag(w p(1−p)) Z̃ + λ I' (I' zero in the intercept slot), Z̃ = [1 Z]
 * (McCullagh & Nelder 1989, §4.4: iteratively reweighted least squares); a step that does not
 * lower the objective is halved (backtracking), so the iteration always descends.
 *
 * Per iteration: one blocked pass evaluates the objective, the residuals, the IRLS weights and
 * the gradient at a trial point (`evaluate`; one exponential per row); the Hessian is formed
 * from a subsample far from the optimum, in full near it, and its Cholesky factor is then
 * reused (chord steps) once the steps are small.
 */
import { expTang } from '../internal/expTang.js';
import type { TrainingProgress } from './types.js';

export interface LogisticFit {
  intercept: number;
  coef: Float64Array;
  iterations: number;
  converged: boolean;
  /** max_i |p_i − y_i| at the last point evaluated (at or one step before the returned one). */
  maxResidual: number;
}

export function sigmoid(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/**
 * Rows are processed in blocks of this many: a block of every design column (31 columns × 256
 * rows × 8 bytes ≈ 62 KB) stays in L1/L2 cache while all the products over it are summed,
 * instead of streaming each column from memory once per pair of Hessian rows or once for η and
 * again for the gradient. Every sum still runs over the rows in order with its own accumulator,
 * carried from block to block.
 */
const BLOCK = 256;

/** Rows per product in the objective's log term (see `evaluate`): a product of 32 factors in [1, 2] stays below 2^32. */
const LOG_CHUNK = 32;

/** What `evaluate` fills for one θ: r_i = w_i (p_i − y_i), d_i = w_i p_i (1 − p_i), the gradient g. */
interface Evaluation {
  r: Float64Array;
  d: Float64Array;
  g: Float64Array;
}

/**
 * At θ = th, in one blocked pass over the rows: η = th₀ + Σ_j th_j z_j, p = σ(η), the objective
 * Σ_i w_i (softplus(η_i) − y_i η_i) + (λ/2) Σ_j th_j² (returned), and into `out` the residuals
 * r, the IRLS weights d and the gradient g = Z̃ᵀ r + λ θ' (intercept unpenalised). Each block
 * of every column is read twice, for η and then for the gradient, while it is in cache; η adds
 * four columns per pass over the block, and each gradient component is one accumulator carried
 * from block to block (rows summed in order).
 *
 * One exponential per row (expTang, table-driven: cheaper than Math.exp): e = e^{−|η|},
 * σ(η) = 1 / (1 + e) for η ≥ 0 and e / (1 + e) below, softplus(η) = max(η, 0) + log1p(e). When
 * the weights are one value per class (`classW`: no class weights, or class weights), Σ_i w_i log1p(e_i) is summed as w₀ log Π (1 + e_i) over the
 * class-0 rows plus w₁ log Π (1 + e_i) over the class-1 rows, per chunk of LOG_CHUNK rows: two
 * logarithms per chunk instead of one per row. The product is carried as q = Π (1 + e_i) − 1,
 * updated q ← q + e (1 + q), and logged as log1p(q): each step is exact to a few ulps of q
 * *relative*, so terms far below 1 (|η| > 37, where 1 + e rounds to 1) are kept, and a chunk's
 * log is within ~1e-14 relative of the per-row sum (tested), far below the line search's 1e-12
 * slack. Other weights take log1p per row.
 */
function evaluate(Z: readonly Float64Array[], th: Float64Array, y: Uint8Array, w: Float64Array, classW: Float64Array | null, l2: number, n: number, etaB: Float64Array, acc: Float64Array, out: Evaluation): number {
  const p = Z.length;
  const b0 = th[0]!;
  const { r, d, g } = out;
  acc.fill(0);
  let lin = 0;
  let logs = 0;
  let q0 = 0;
  let q1 = 0;
  // the starting point has no slopes: η is the intercept, no column is read for it
  let slopes = 0;
  for (let j = 1; j <= p; j++) slopes += +(th[j] !== 0);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const len = Math.min(n, i0 + BLOCK) - i0;
    etaB.fill(b0, 0, len);
    let j = slopes === 0 ? p : 0;
    for (; j + 7 < p; j += 8) {
      const c0 = th[j + 1]!;
      const c1 = th[j + 2]!;
      const c2 = th[j + 3]!;
      const c3 = th[j + 4]!;
      const c4 = th[j + 5]!;
      const c5 = th[j + 6]!;
      const c6 = th[j + 7]!;
      const c7 = th[j + 8]!;
      const z0 = Z[j]!;
      const z1 = Z[j + 1]!;
      const z2 = Z[j + 2]!;
      const z3 = Z[j + 3]!;
      const z4 = Z[j + 4]!;
      const z5 = Z[j + 5]!;
      const z6 = Z[j + 6]!;
      const z7 = Z[j + 7]!;
      for (let i = 0; i < len; i++) {
        const k = i0 + i;
        etaB[i] = etaB[i]! + ((c0 * z0[k]! + c1 * z1[k]! + c2 * z2[k]! + c3 * z3[k]!) + (c4 * z4[k]! + c5 * z5[k]! + c6 * z6[k]! + c7 * z7[k]!));
      }
    }
    for (; j + 3 < p; j += 4) {
      const c0 = th[j + 1]!;
      const c1 = th[j + 2]!;
      const c2 = th[j + 3]!;
      const c3 = th[j + 4]!;
      const z0 = Z[j]!;
      const z1 = Z[j + 1]!;
      const z2 = Z[j + 2]!;
      const z3 = Z[j + 3]!;
      for (let i = 0; i < len; i++) {
        const k = i0 + i;
        etaB[i] = etaB[i]! + (c0 * z0[k]! + c1 * z1[k]! + c2 * z2[k]! + c3 * z3[k]!);
      }
    }
    for (; j < p; j++) {
      const c = th[j + 1]!;
      const z = Z[j]!;
      for (let i = 0; i < len; i++) etaB[i] = etaB[i]! + c * z[i0 + i]!;
    }
    let s = acc[0]!;
    for (let i = 0; i < len; i++) {
      const k = i0 + i;
      const eta = etaB[i]!;
      const e = expTang(-Math.abs(eta));
      const wi = w[k]!;
      const yi = y[k]!;
      const pi = (eta >= 0 ? 1 : e) / (1 + e);
      lin += wi * (Math.max(eta, 0) - yi * eta);
      if (classW) {
        q0 += e * (1 - yi) * (1 + q0);
        q1 += e * yi * (1 + q1);
        if ((k & (LOG_CHUNK - 1)) === LOG_CHUNK - 1) {
          logs += classW[0]! * Math.log1p(q0) + classW[1]! * Math.log1p(q1);
          q0 = 0;
          q1 = 0;
        }
      } else logs += wi * Math.log1p(e);
      const ri = wi * (pi - yi);
      r[k] = ri;
      d[k] = wi * pi * (1 - pi);
      s += ri;
    }
    acc[0] = s;
    j = 0;
    for (; j + 3 < p; j += 4) {
      const z0 = Z[j]!;
      const z1 = Z[j + 1]!;
      const z2 = Z[j + 2]!;
      const z3 = Z[j + 3]!;
      let t0 = acc[j + 1]!;
      let t1 = acc[j + 2]!;
      let t2 = acc[j + 3]!;
      let t3 = acc[j + 4]!;
      for (let i = 0; i < len; i++) {
        const k = i0 + i;
        const v = r[k]!;
        t0 += v * z0[k]!;
        t1 += v * z1[k]!;
        t2 += v * z2[k]!;
        t3 += v * z3[k]!;
      }
      acc[j + 1] = t0;
      acc[j + 2] = t1;
      acc[j + 3] = t2;
      acc[j + 4] = t3;
    }
    for (; j < p; j++) {
      const z = Z[j]!;
      let t = acc[j + 1]!;
      for (let i = 0; i < len; i++) t += r[i0 + i]! * z[i0 + i]!;
      acc[j + 1] = t;
    }
  }
  if (classW) logs += classW[0]! * Math.log1p(q0) + classW[1]! * Math.log1p(q1);
  g[0] = acc[0]!;
  let pen = 0;
  for (let j = 1; j <= p; j++) {
    const t = th[j]!;
    g[j] = acc[j]! + l2 * t;
    pen += t * t;
  }
  return lin + logs + 0.5 * l2 * pen;
}

/** The objective and gradient at θ as `evaluate` computes them (for tests). */
export function objectiveAt(Z: readonly Float64Array[], y: Uint8Array, w: Float64Array, l2: number, theta: Float64Array): { f: number; g: Float64Array } {
  const n = y.length;
  const m = Z.length + 1;
  const out: Evaluation = { r: new Float64Array(n), d: new Float64Array(n), g: new Float64Array(m) };
  const f = evaluate(Z, theta, y, w, classWeights(y, w, n), l2, n, new Float64Array(Math.min(n, BLOCK)), new Float64Array(m), out);
  return { f, g: out.g };
}

/** The weight of each class when every row's weight is its class's (no class weights, or class weights), else null. */
function classWeights(y: Uint8Array, w: Float64Array, n: number): Float64Array | null {
  const cw = new Float64Array([Number.NaN, Number.NaN]);
  for (let i = 0; i < n; i++) {
    const c = y[i]!;
    const wi = w[i]!;
    if (Number.isNaN(cw[c]!)) cw[c] = wi;
    else if (cw[c] !== wi) return null;
  }
  // a class without rows has no product to weigh
  if (Number.isNaN(cw[0]!)) cw[0] = 0;
  if (Number.isNaN(cw[1]!)) cw[1] = 0;
  return cw;
}

/**
 * The Hessian Z̃ᵀ diag(d) Z̃ + λ I' into H (m × m row-major, m = p + 1, both triangles), in row
 * blocks. Rows j, j+1 of the lower triangle (dz_j = d ⊙ z_j formed per block) are summed against
 * four columns k at a time, six loads feeding eight multiply-adds in independent accumulators
 * (one per entry, carried from block to block). The last group of four may reach past the
 * diagonal, or past the last column (then it reads column p − 1 again): those entries land in
 * the scratch `Hp` (stride m + 3, m + 1 rows) and are dropped, which costs a few products per
 * row pair and keeps every product in the eight-accumulator kernel.
 */
function hessian(Z: readonly Float64Array[], d: Float64Array, l2: number, n: number, H: Float64Array, Hp: Float64Array, dz: Float64Array, dz1: Float64Array): void {
  const p = Z.length;
  const m = p + 1;
  const mp = m + 3;
  const col = (k: number): Float64Array => Z[Math.min(k, p - 1)]!;
  Hp.fill(0);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    const len = i1 - i0;
    let dd = Hp[0]!;
    for (let i = i0; i < i1; i++) dd += d[i]!;
    Hp[0] = dd;
    for (let j = 0; j < p; j += 2) {
      const zj = Z[j]!;
      const zj1 = col(j + 1);
      let t = Hp[(j + 1) * mp]!;
      let t1 = Hp[(j + 2) * mp]!;
      for (let i = 0; i < len; i++) {
        const di = d[i0 + i]!;
        const v = di * zj[i0 + i]!;
        const v1 = di * zj1[i0 + i]!;
        dz[i] = v;
        dz1[i] = v1;
        t += v;
        t1 += v1;
      }
      Hp[(j + 1) * mp] = t;
      Hp[(j + 2) * mp] = t1;
      for (let k = 0; k <= j + 1; k += 4) {
        const z0 = Z[k]!;
        const z1 = col(k + 1);
        const z2 = col(k + 2);
        const z3 = col(k + 3);
        const row = (j + 1) * mp + k + 1;
        const row1 = row + mp;
        let u0 = Hp[row]!;
        let u1 = Hp[row + 1]!;
        let u2 = Hp[row + 2]!;
        let u3 = Hp[row + 3]!;
        let w0 = Hp[row1]!;
        let w1 = Hp[row1 + 1]!;
        let w2 = Hp[row1 + 2]!;
        let w3 = Hp[row1 + 3]!;
        for (let i = 0; i < len; i++) {
          const v = dz[i]!;
          const v1 = dz1[i]!;
          const r = i0 + i;
          const a0 = z0[r]!;
          const a1 = z1[r]!;
          const a2 = z2[r]!;
          const a3 = z3[r]!;
          u0 += v * a0;
          u1 += v * a1;
          u2 += v * a2;
          u3 += v * a3;
          w0 += v1 * a0;
          w1 += v1 * a1;
          w2 += v1 * a2;
          w3 += v1 * a3;
        }
        Hp[row] = u0;
        Hp[row + 1] = u1;
        Hp[row + 2] = u2;
        Hp[row + 3] = u3;
        Hp[row1] = w0;
        Hp[row1 + 1] = w1;
        Hp[row1 + 2] = w2;
        Hp[row1 + 3] = w3;
      }
    }
  }
  for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) H[a * m + b] = Hp[a * mp + b]!;
  for (let j = 1; j < m; j++) H[j * m + j] = H[j * m + j]! + l2;
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) H[a * m + b] = H[b * m + a]!;
}

/**
 * From this many rows on, Newton steps far from the optimum (the previous step ≥ 0.05) use the
 * Hessian of a systematic subsample — every `stride`-th row, its weight times `stride` — at a
 * fraction of the cost; the steps near the optimum use the full Hessian (then its factor, see the
 * chord step below). The gradient is always exact, so the fixed point and the stopping rule are
 * unchanged: a sub-sampled Newton method (Byrd, Chin, Neveitt & Nocedal 2011, "On the use of
 * stochastic Hessian information in optimization methods for machine learning", SIAM J. Optim.
 * 21(3); Roosta-Khorasani & Mahoney 2019, "Sub-sampled Newton methods", Math. Program. 174).
 * The backtracking line search keeps every step a descent step.
 *
 * The stride is SUBSAMPLE (a quarter of the rows) below 4.5 × SUBSAMPLE_ROWS = 36,864 rows, then
 * round(n / SUBSAMPLE_ROWS), about SUBSAMPLE_ROWS rows: far steps need the Hessian's shape, not
 * its last digit. A subsample's factor is never reused for chord steps, and once a far step
 * from a subsample's Hessian needs backtracking, the fit uses full Hessians only (a rare
 * one-hot level may have no row in the subsample: its curvature is then missing; tested). Measured (bench/models.ts data): at 5,250 × 20, 1,313 rows, 7
 * iterations instead of 6 and ≈ 25% less time; at 75,000 × 30, 8,334 rows, 6 iterations either
 * way and three full Hessians of four saved.
 */
const SUBSAMPLE_MIN = 4096;
const SUBSAMPLE = 4;
const SUBSAMPLE_ROWS = 8192;
/** A chord step must shrink the step at least this much (step ≤ CHORD_RATE × previous step), else the next step recomputes the Hessian. */
const CHORD_RATE = 0.2;

/** Every `stride`-th row of the columns, and room for their weights. */
function subsampleColumns(Z: readonly Float64Array[], n: number, stride: number): { Z: Float64Array[]; d: Float64Array } {
  const ns = Math.ceil(n / stride);
  const cols = Z.map((z) => {
    const out = new Float64Array(ns);
    for (let i = 0, k = 0; i < n; i += stride, k++) out[k] = z[i]!;
    return out;
  });
  return { Z: cols, d: new Float64Array(ns) };
}

/** Cholesky factorisation H = L Lᵀ in place (L in the lower triangle of row-major H, size m). False when H is not positive definite. */
function cholesky(H: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let d = H[j * m + j]!;
    for (let k = 0; k < j; k++) d -= H[j * m + k]! * H[j * m + k]!;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    H[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = H[i * m + j]!;
      for (let k = 0; k < j; k++) s -= H[i * m + k]! * H[j * m + k]!;
      H[i * m + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ x = g in place given the factor from `cholesky`. */
function choleskySolve(L: Float64Array, g: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= L[i * m + k]! * g[k]!;
    g[i] = s / L[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = g[i]!;
    for (let k = i + 1; k < m; k++) s -= L[k * m + i]! * g[k]!;
    g[i] = s / L[i * m + i]!;
  }
}

export function fitLogistic(
  Z: readonly Float64Array[],
  y: Uint8Array,
  w: Float64Array,
  l2: number,
  tolerance: number,
  maxIterations: number,
  onProgress: ((p: TrainingProgress) => void) | undefined,
): LogisticFit {
  const n = y.length;
  const p = Z.length;
  const m = p + 1;
  const theta = new Float64Array(m);
  // start from the weighted base rate
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    swy += w[i]! * y[i]!;
  }
  theta[0] = Math.log(swy / (sw - swy));
  const classW = classWeights(y, w, n);
  const etaB = new Float64Array(Math.min(n, BLOCK));
  const acc = new Float64Array(m);
  const buffers = (): Evaluation => ({ r: new Float64Array(n), d: new Float64Array(n), g: new Float64Array(m) });
  // the evaluation at theta, and one for trial points (swapped when a trial is accepted)
  let cur = buffers();
  let next = buffers();
  const H = new Float64Array(m * m);
  const dz = new Float64Array(Math.min(n, BLOCK));
  const dz1 = new Float64Array(Math.min(n, BLOCK));
  const Hp = new Float64Array((m + 1) * (m + 3));
  let fCur = evaluate(Z, theta, y, w, classW, l2, n, etaB, acc, cur);
  const trial = new Float64Array(m);
  const step = new Float64Array(m);
  let converged = false;
  let it = 0;
  // the factor in H is of the full Hessian (not a subsample's): only such a factor is reused
  let fullFactor = false;
  let sub: { Z: Float64Array[]; d: Float64Array } | null = null;
  let lastStep = Infinity;
  let prevStep = Infinity;
  let wasChord = false;
  // the last step was taken in full (t = 1); `done`: this step ends the fit (see the line search)
  let lastFull = false;
  let done = false;
  // far steps use a subsample's Hessian until one of them needs a shorter step (see SUBSAMPLE_MIN)
  let subOk = n >= SUBSAMPLE_MIN;
  for (; it < maxIterations; ) {
    it++;
    const { d, g } = cur;
    // Near the optimum (last step < 1e-2) the Hessian hardly changes: reuse the full Hessian's
    // factor (the chord method; Kelley 1995, "Iterative Methods for Linear and Nonlinear
    // Equations", §5.4), which costs O(n p) per iteration instead of O(n p²) and converges
    // linearly at a rate proportional to the step — as long as a chord step shrinks the step at
    // least CHORD_RATE-fold; a slower one says the Hessian moved, and the next step refreshes it.
    step.set(g);
    const chord: boolean = fullFactor && lastStep < 1e-2 && !(wasChord && lastStep > CHORD_RATE * prevStep);
    wasChord = chord;
    if (!chord) {
      fullFactor = !(subOk && lastStep >= 0.05);
      if (!fullFactor) {
        // far from the optimum: the Hessian of every stride-th row, weights scaled by the
        // stride (see SUBSAMPLE_MIN)
        const stride = Math.max(SUBSAMPLE, Math.round(n / SUBSAMPLE_ROWS));
        if (!sub) sub = subsampleColumns(Z, n, stride);
        const ds = sub.d;
        for (let i = 0, k = 0; i < n; i += stride, k++) ds[k] = stride * d[i]!;
        hessian(sub.Z, ds, l2, ds.length, H, Hp, dz, dz1);
      } else hessian(Z, d, l2, n, H, Hp, dz, dz1);
      const Hc = H.slice();
      if (!cholesky(H, m)) {
        // singular (only possible with l2 = 0 and collinear columns): add a tiny ridge and retry
        let tr = 0;
        for (let a = 0; a < m; a++) tr += Math.abs(Hc[a * m + a]!);
        const ridge = (1e-10 * tr) / m + 1e-300;
        for (let a = 0; a < m; a++) Hc[a * m + a] = Hc[a * m + a]! + ridge;
        cholesky(Hc, m);
        H.set(Hc);
      }
    }
    choleskySolve(H, step, m);
    // step = H^{-1} g; move theta - step with backtracking
    let t = 1;
    let accepted = false;
    let maxStep = 0;
    for (let half = 0; half < 60; half++) {
      for (let a = 0; a < m; a++) trial[a] = theta[a]! - t * step[a]!;
      if (half === 0) {
        // A full step already below the tolerance is the last one: taken without evaluating
        // the objective (it changes f by ~|g|·step, far below the test's 1e-12 relative slack).
        // So is a chord step whose error estimate is: chord steps converge linearly, and with
        // ρ = this step ÷ the last (same factor, both full steps) the distance left after this
        // step is about ρ / (1 − ρ) × this step (the usual bound for a contraction).
        let full = 0;
        for (let a = 0; a < m; a++) full = Math.max(full, Math.abs(trial[a]! - theta[a]!));
        const rho = chord && lastFull ? full / lastStep : 1;
        if (full < tolerance || (rho < 0.5 && (rho / (1 - rho)) * full < tolerance)) {
          maxStep = full;
          theta.set(trial);
          accepted = true;
          done = true;
          break;
        }
      }
      const fNew = evaluate(Z, trial, y, w, classW, l2, n, etaB, acc, next);
      if (fNew <= fCur + 1e-12 * Math.abs(fCur)) {
        maxStep = 0;
        for (let a = 0; a < m; a++) maxStep = Math.max(maxStep, Math.abs(trial[a]! - theta[a]!));
        theta.set(trial);
        const e = cur;
        cur = next;
        next = e;
        fCur = fNew;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!fullFactor && t < 1) subOk = false;
    lastFull = t === 1;
    prevStep = lastStep;
    lastStep = maxStep;
    onProgress?.({ algorithm: 'logistic', unit: 'iteration', done: it, total: maxIterations });
    if (!accepted || done || maxStep < tolerance) {
      converged = done || maxStep < tolerance || !accepted;
      if (!accepted) {
        // no descent possible: we are at the minimum to machine precision if the gradient is tiny
        let gmax = 0;
        for (let a = 0; a < m; a++) gmax = Math.max(gmax, Math.abs(g[a]!));
        converged = gmax <= 1e-6 * Math.max(1, sw);
      }
      break;
    }
  }
  let maxResidual = 0;
  for (let i = 0; i < n; i++) if (w[i]! > 0) maxResidual = Math.max(maxResidual, Math.abs(cur.r[i]! / w[i]!));
  return { intercept: theta[0]!, coef: theta.slice(1), iterations: it, converged, maxResidual };
}
