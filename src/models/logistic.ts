/**
 * L2-regularised logistic regression by Newton's method / IRLS (internal).
 *
 * Minimises  Σ_i w_i [log(1 + e^{η_i}) − y_i η_i] + (λ/2) Σ_j β_j²,  η_i = b + Σ_j β_j z_ij,
 * the intercept b unpenalised. With λ = 1/C this is scikit-learn's LogisticRegression objective
 * (C Σ w_i loss_i + ½‖β‖², divided by C). Newton step: solve H Δ = −g with
 * H = Z̃ᵀ diag(w p(1−p)) Z̃ + λ I' (I' zero in the intercept slot), Z̃ = [1 Z]
 * (McCullagh & Nelder 1989, §4.4: iteratively reweighted least squares); a step that does not
 * lower the objective is halved (backtracking), so the iteration always descends.
 */
import type { TrainingProgress } from './types.js';

export interface LogisticFit {
  intercept: number;
  coef: Float64Array;
  iterations: number;
  converged: boolean;
}

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** Σ a_i b_i with two interleaved accumulators (halves the add latency chain). */
function dot2(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
  }
  if (i < n) s0 += a[i]! * b[i]!;
  return s0 + s1;
}

export function sigmoid(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/**
 * Rows are processed in blocks of this many (even, so that a row's parity within a block is its
 * parity overall): a block of every design column (31 columns × 256 rows × 8 bytes ≈ 62 KB)
 * stays in L1/L2 cache while all the products over it are summed, instead of streaming each
 * column from memory once per pair of Hessian rows. Every sum still runs over the rows in order
 * with its own accumulator, carried from block to block, so the result is the same bytes as
 * the unblocked loops.
 */
const BLOCK = 256;

/**
 * η = th₀ + Σ_j th_j z_j (columns with th_j = 0 skipped) into `out`, and the objective
 * Σ_i w_i (softplus(η_i) − y_i η_i) + (λ/2) Σ_j th_j², in row blocks (each η block is finished
 * and summed while it is in cache). Per row the additions run in column order and the loss
 * sum in row order, as the unblocked loops.
 */
function etaAndObjective(Z: readonly Float64Array[], th: Float64Array, y: Uint8Array, w: Float64Array, l2: number, n: number, out: Float64Array): number {
  const p = Z.length;
  const b0 = th[0]!;
  let f = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    out.fill(b0, i0, i1);
    for (let j = 0; j < p; j++) {
      const b = th[j + 1]!;
      if (b === 0) continue;
      const z = Z[j]!;
      for (let i = i0; i < i1; i++) out[i] = out[i]! + (b * z[i]!);
    }
    for (let i = i0; i < i1; i++) f += w[i]! * (softplus(out[i]!) - y[i]! * out[i]!);
  }
  let pen = 0;
  for (let j = 1; j <= p; j++) pen += th[j]! * th[j]!;
  return f + 0.5 * l2 * pen;
}

/**
 * The Hessian Z̃ᵀ diag(d) Z̃ + λ I' into H (m × m row-major, m = p + 1, both triangles), in row
 * blocks. Lower-triangle entries: rows j, j+1 (dz_j = d ⊙ z_j formed per block) against four
 * columns k at a time, six loads feeding eight multiply-adds in independent accumulators; the
 * entries left over are two-accumulator dot products (even and odd rows, the odd half kept in
 * `odd` until the end). `dz`, `dz1` hold one block.
 */
function hessian(Z: readonly Float64Array[], d: Float64Array, l2: number, n: number, H: Float64Array, odd: Float64Array, dz: Float64Array, dz1: Float64Array): void {
  const p = Z.length;
  const m = p + 1;
  H.fill(0);
  odd.fill(0);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    const len = i1 - i0;
    let dd = H[0]!;
    for (let i = i0; i < i1; i++) dd += d[i]!;
    H[0] = dd;
    for (let j = 0; j < p; j += 2) {
      const two = j + 1 < p;
      const zj = Z[j]!;
      const zj1 = two ? Z[j + 1]! : zj;
      let t = H[(j + 1) * m]!;
      let t1 = two ? H[(j + 2) * m]! : 0;
      for (let i = 0; i < len; i++) {
        const di = d[i0 + i]!;
        const v = di * zj[i0 + i]!;
        const v1 = di * zj1[i0 + i]!;
        dz[i] = v;
        dz1[i] = v1;
        t += v;
        t1 += v1;
      }
      H[(j + 1) * m] = t;
      if (two) H[(j + 2) * m] = t1;
      let k = 0;
      for (; k + 3 <= j; k += 4) {
        const z0 = Z[k]!;
        const z1 = Z[k + 1]!;
        const z2 = Z[k + 2]!;
        const z3 = Z[k + 3]!;
        const row = (j + 1) * m + k + 1;
        const row1 = row + m;
        let u0 = H[row]!;
        let u1 = H[row + 1]!;
        let u2 = H[row + 2]!;
        let u3 = H[row + 3]!;
        let w0 = two ? H[row1]! : 0;
        let w1 = two ? H[row1 + 1]! : 0;
        let w2 = two ? H[row1 + 2]! : 0;
        let w3 = two ? H[row1 + 3]! : 0;
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
        H[row] = u0;
        H[row + 1] = u1;
        H[row + 2] = u2;
        H[row + 3] = u3;
        if (two) {
          H[row1] = w0;
          H[row1 + 1] = w1;
          H[row1 + 2] = w2;
          H[row1 + 3] = w3;
        }
      }
      for (let k2 = k; k2 <= j; k2++) dot2Block(dz, Z[k2]!, i0, len, H, odd, (j + 1) * m + k2 + 1);
      if (two) for (let k2 = k; k2 <= j + 1; k2++) dot2Block(dz1, Z[k2]!, i0, len, H, odd, (j + 2) * m + k2 + 1);
    }
  }
  for (let e = 0; e < m * m; e++) H[e] = H[e]! + odd[e]!;
  for (let j = 0; j < p; j++) H[(j + 1) * m + j + 1] = H[(j + 1) * m + j + 1]! + l2;
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) H[a * m + b] = H[b * m + a]!;
}

/** One block of dot2(a, z) (a holds the block from offset 0, z is indexed from i0): even rows into H[e], odd rows into odd[e]. */
function dot2Block(a: Float64Array, z: Float64Array, i0: number, len: number, H: Float64Array, odd: Float64Array, e: number): void {
  let s0 = H[e]!;
  let s1 = odd[e]!;
  let i = 0;
  for (; i + 1 < len; i += 2) {
    s0 += a[i]! * z[i0 + i]!;
    s1 += a[i + 1]! * z[i0 + i + 1]!;
  }
  if (i < len) s0 += a[i]! * z[i0 + i]!;
  H[e] = s0;
  odd[e] = s1;
}

/**
 * From this many rows on, Newton steps far from the optimum (the previous step ≥ 0.05) use the
 * Hessian of a systematic subsample — every SUBSAMPLE-th row, its weight times SUBSAMPLE — at a
 * quarter of the cost; the steps near the optimum use the full Hessian (then its factor, see the
 * chord step below). The gradient is always exact, so the fixed point and the stopping rule are
 * unchanged: a sub-sampled Newton method (Byrd, Chin, Neveitt & Nocedal 2011, "On the use of
 * stochastic Hessian information in optimization methods for machine learning", SIAM J. Optim.
 * 21(3); Roosta-Khorasani & Mahoney 2019, "Sub-sampled Newton methods", Math. Program. 174).
 * The backtracking line search keeps every step a descent step. Measured: at 75,000 × 30 it
 * saved three of four full Hessians (≈ 35% of the fit) with the same 6 iterations; at 5,250 × 20
 * (subsample 1,313 rows) ≈ 25% of the fit with 7 iterations instead of 6.
 */
const SUBSAMPLE_MIN = 4096;
const SUBSAMPLE = 4;

/** Every SUBSAMPLE-th row of the columns, and room for their weights. */
function subsampleColumns(Z: readonly Float64Array[], n: number): { Z: Float64Array[]; d: Float64Array } {
  const ns = Math.ceil(n / SUBSAMPLE);
  const cols = Z.map((z) => {
    const out = new Float64Array(ns);
    for (let i = 0, k = 0; i < n; i += SUBSAMPLE, k++) out[k] = z[i]!;
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
  let eta = new Float64Array(n);
  let etaNew = new Float64Array(n);
  const d = new Float64Array(n);
  const r = new Float64Array(n);
  const H = new Float64Array(m * m);
  const dz = new Float64Array(Math.min(n, BLOCK));
  const dz1 = new Float64Array(Math.min(n, BLOCK));
  const g = new Float64Array(m);
  const odd = new Float64Array(m * m);
  let fCur = etaAndObjective(Z, theta, y, w, l2, n, eta);
  const trial = new Float64Array(m);
  let converged = false;
  let it = 0;
  let haveFactor = false;
  let sub: { Z: Float64Array[]; d: Float64Array } | null = null;
  let lastStep = Infinity;
  for (; it < maxIterations; ) {
    it++;
    for (let i = 0; i < n; i++) {
      const pi = sigmoid(eta[i]!);
      r[i] = w[i]! * (pi - y[i]!);
      d[i] = w[i]! * pi * (1 - pi);
    }
    // gradient
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i]!;
    g[0] = s;
    // four columns per pass: independent accumulators instead of one latency-bound chain
    let jg = 0;
    for (; jg + 3 < p; jg += 4) {
      const z0 = Z[jg]!;
      const z1 = Z[jg + 1]!;
      const z2 = Z[jg + 2]!;
      const z3 = Z[jg + 3]!;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = 0; i < n; i++) {
        const v = r[i]!;
        t0 += v * z0[i]!;
        t1 += v * z1[i]!;
        t2 += v * z2[i]!;
        t3 += v * z3[i]!;
      }
      g[jg + 1] = t0 + l2 * theta[jg + 1]!;
      g[jg + 2] = t1 + l2 * theta[jg + 2]!;
      g[jg + 3] = t2 + l2 * theta[jg + 3]!;
      g[jg + 4] = t3 + l2 * theta[jg + 4]!;
    }
    for (; jg < p; jg++) g[jg + 1] = dot2(r, Z[jg]!, n) + l2 * theta[jg + 1]!;
    // Near the optimum (last step < 1e-2) the Hessian hardly changes: reuse its factor (the chord
    // method; Kelley 1995, "Iterative Methods for Linear and Nonlinear Equations", §5.4), which
    // costs O(n p) per iteration instead of O(n p²) and still converges, linearly at a rate
    // proportional to the step.
    const step = Float64Array.from(g);
    if (!(haveFactor && lastStep < 1e-2)) {
      if (n >= SUBSAMPLE_MIN && lastStep >= 0.05) {
        // far from the optimum: the Hessian of every SUBSAMPLE-th row, weights scaled by
        // SUBSAMPLE (see SUBSAMPLE_MIN)
        if (!sub) sub = subsampleColumns(Z, n);
        const ds = sub.d;
        for (let i = 0, k = 0; i < n; i += SUBSAMPLE, k++) ds[k] = SUBSAMPLE * d[i]!;
        hessian(sub.Z, ds, l2, ds.length, H, odd, dz, dz1);
      } else hessian(Z, d, l2, n, H, odd, dz, dz1);
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
      haveFactor = true;
    }
    choleskySolve(H, step, m);
    // step = H^{-1} g; move theta - step with backtracking
    let t = 1;
    let accepted = false;
    let maxStep = 0;
    for (let half = 0; half < 60; half++) {
      for (let a = 0; a < m; a++) trial[a] = theta[a]! - t * step[a]!;
      if (half === 0) {
        // a full step already below the tolerance is the last one: taken without evaluating
        // the objective (it changes f by ~|g|·step, far below the test's 1e-12 relative slack)
        let full = 0;
        for (let a = 0; a < m; a++) full = Math.max(full, Math.abs(trial[a]! - theta[a]!));
        if (full < tolerance) {
          maxStep = full;
          theta.set(trial);
          accepted = true;
          break;
        }
      }
      const fNew = etaAndObjective(Z, trial, y, w, l2, n, etaNew);
      if (fNew <= fCur + 1e-12 * Math.abs(fCur)) {
        maxStep = 0;
        for (let a = 0; a < m; a++) maxStep = Math.max(maxStep, Math.abs(trial[a]! - theta[a]!));
        theta.set(trial);
        const e = eta;
        eta = etaNew;
        etaNew = e;
        fCur = fNew;
        accepted = true;
        break;
      }
      t /= 2;
    }
    lastStep = maxStep;
    onProgress?.({ algorithm: 'logistic', unit: 'iteration', done: it, total: maxIterations });
    if (!accepted || maxStep < tolerance) {
      converged = maxStep < tolerance || !accepted;
      if (!accepted) {
        // no descent possible: we are at the minimum to machine precision if the gradient is tiny
        let gmax = 0;
        for (let a = 0; a < m; a++) gmax = Math.max(gmax, Math.abs(g[a]!));
        converged = gmax <= 1e-6 * Math.max(1, sw);
      }
      break;
    }
  }
  return { intercept: theta[0]!, coef: theta.slice(1), iterations: it, converged };
}
