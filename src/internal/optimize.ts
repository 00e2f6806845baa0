/**
 * Small-dimension unconstrained minimisers shared by churnkit's maximum-likelihood fits:
 * BFGS (quasi-Newton) with a backtracking Armijo line search and numeric or analytic gradients,
 * Nelder–Mead (adaptive parameters), box bounds by reparameterisation, and a central
 * finite-difference Hessian for standard errors.
 *
 * References: Nocedal & Wright, "Numerical Optimization" (2nd ed., 2006), §6.1 (BFGS inverse
 * update, eq. 6.17) and §3.1 (Armijo backtracking); Lagarias, Reeds, Wright & Wright (1998),
 * "Convergence properties of the Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9;
 * Gao & Han (2012), "Implementing the Nelder–Mead simplex algorithm with adaptive parameters",
 * Comput. Optim. Appl. 51.
 *
 * @module
 * @internal
 */

/** Objective: a number for a parameter vector (NaN or ±Infinity are treated as +Infinity). @internal */
export type Objective = (x: Float64Array) => number;

/** Gradient callback: writes ∂f/∂x into `out`. @internal */
export type Gradient = (x: Float64Array, out: Float64Array) => void;

/** Options of {@link minimize}. @internal */
export interface MinimizeOptions {
  /** `'bfgs'` (default) or `'nelder-mead'`. */
  method?: 'bfgs' | 'nelder-mead';
  /** Analytic gradient in the ORIGINAL (bounded) parameters; central differences otherwise. */
  gradient?: Gradient;
  /** BFGS: stop when max |gradient| ≤ tol (default 1e-7). Nelder–Mead: simplex f spread ≤ tol·(1+|f|). */
  tol?: number;
  /** Maximum iterations (default 500 for BFGS, 400·n for Nelder–Mead). */
  maxIter?: number;
  /** Per-parameter `[lower, upper]` (±Infinity for open ends), enforced by reparameterisation. */
  bounds?: readonly (readonly [number, number])[];
}

/** Outcome of {@link minimize}. @internal */
export interface MinimizeResult {
  /** Best point found (in the original parameters). */
  x: Float64Array;
  /** Objective at `x`. */
  fx: number;
  /** True when the stopping test was met (not just maxIter or a failed line search). */
  converged: boolean;
  /** Method used. */
  method: 'bfgs' | 'nelder-mead';
  iterations: number;
  evaluations: number;
  /** Max |gradient| at the end (NaN for Nelder–Mead). */
  gradientNorm: number;
  /** Why it stopped, in words. */
  message: string;
}

interface Transform {
  toInner(x: ArrayLike<number>): Float64Array;
  toOuter(u: Float64Array, out: Float64Array): Float64Array;
  /** dx/du at u. */
  jacobian(u: Float64Array, out: Float64Array): void;
}

function makeTransform(n: number, bounds: MinimizeOptions['bounds']): Transform | null {
  if (bounds === undefined) return null;
  if (bounds.length !== n) throw new RangeError(`minimize: ${bounds.length} bounds for ${n} parameters`);
  const lo = Float64Array.from(bounds, (b) => b[0]);
  const hi = Float64Array.from(bounds, (b) => b[1]);
  for (let i = 0; i < n; i++) if (!(lo[i]! < hi[i]!)) throw new RangeError(`minimize: bound ${i} is empty`);
  return {
    toInner(x) {
      const u = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const h = hi[i]!;
        const v = x[i]!;
        if (l === -Infinity && h === Infinity) u[i] = v;
        else if (h === Infinity) u[i] = Math.log(Math.max(v - l, 1e-300));
        else if (l === -Infinity) u[i] = Math.log(Math.max(h - v, 1e-300));
        else {
          const p = Math.min(Math.max((v - l) / (h - l), 1e-15), 1 - 1e-15);
          u[i] = Math.log(p / (1 - p));
        }
      }
      return u;
    },
    toOuter(u, out) {
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const h = hi[i]!;
        const v = u[i]!;
        if (l === -Infinity && h === Infinity) out[i] = v;
        else if (h === Infinity) out[i] = l + Math.exp(v);
        else if (l === -Infinity) out[i] = h - Math.exp(v);
        else out[i] = l + (h - l) / (1 + Math.exp(-v));
      }
      return out;
    },
    jacobian(u, out) {
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const h = hi[i]!;
        const v = u[i]!;
        if (l === -Infinity && h === Infinity) out[i] = 1;
        else if (h === Infinity) out[i] = Math.exp(v);
        else if (l === -Infinity) out[i] = -Math.exp(v);
        else {
          const s = 1 / (1 + Math.exp(-v));
          out[i] = (h - l) * s * (1 - s);
        }
      }
    },
  };
}

/**
 * Central-difference gradient of `f` at `x` into `out` (step 6e-6·max(1, |xᵢ|) ≈ ε^{1/3}).
 * @returns the number of objective evaluations (2n)
 * @internal
 */
export function numericGradient(f: Objective, x: Float64Array, out: Float64Array): number {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const h = 6e-6 * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const fp = f(x);
    x[i] = xi - h;
    const fm = f(x);
    x[i] = xi;
    out[i] = (fp - fm) / (2 * h);
  }
  return 2 * n;
}

function safe(v: number): number {
  return Number.isFinite(v) ? v : Infinity;
}

/**
 * Minimises `f` from `x0` with BFGS (default) or Nelder–Mead.
 *
 * Never throws on a bad objective: non-finite values count as +Infinity and the result says
 * whether it converged; callers decide whether to fall back or raise `NOT_CONVERGED`.
 *
 * @param f - objective
 * @param x0 - start point (inside the bounds when bounds are given)
 * @param options - method, gradient, tol, maxIter, bounds
 * @returns the best point, its value and convergence diagnostics
 * @internal
 */
export function minimize(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const tr = makeTransform(n, options.bounds);
  const xo = new Float64Array(n);
  let evaluations = 0;
  const inner: Objective = tr === null
    ? (u) => {
        evaluations++;
        return safe(f(u));
      }
    : (u) => {
        evaluations++;
        return safe(f(tr.toOuter(u, xo)));
      };
  let innerGrad: ((u: Float64Array, out: Float64Array) => void) | null = null;
  if (options.gradient !== undefined) {
    const g = options.gradient;
    const jac = new Float64Array(n);
    innerGrad = tr === null
      ? g
      : (u, out) => {
          g(tr.toOuter(u, xo), out);
          tr.jacobian(u, jac);
          for (let i = 0; i < n; i++) out[i]! *= jac[i]!;
        };
  }
  const u0 = tr === null ? Float64Array.from(x0) : tr.toInner(x0);
  const method = options.method ?? 'bfgs';
  const res = method === 'nelder-mead'
    ? nelderMead(inner, u0, options.tol ?? 1e-10, options.maxIter ?? 400 * n)
    : bfgs(inner, innerGrad, u0, options.tol ?? 1e-7, options.maxIter ?? 500);
  const x = tr === null ? res.u : tr.toOuter(res.u, new Float64Array(n));
  return { x, fx: res.fu, converged: res.converged, method, iterations: res.iterations, evaluations, gradientNorm: res.gnorm, message: res.message };
}

interface Inner {
  u: Float64Array;
  fu: number;
  converged: boolean;
  iterations: number;
  gnorm: number;
  message: string;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

function bfgs(f: Objective, grad: ((u: Float64Array, out: Float64Array) => void) | null, u0: Float64Array, tol: number, maxIter: number): Inner {
  const n = u0.length;
  const x = Float64Array.from(u0);
  const g = new Float64Array(n);
  const gNew = new Float64Array(n);
  const xNew = new Float64Array(n);
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const H = new Float64Array(n * n);
  const gradient = (at: Float64Array, out: Float64Array): void => {
    if (grad !== null) grad(at, out);
    else numericGradient(f, at, out);
  };
  const resetH = (): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  resetH();
  let fx = f(x);
  if (fx === Infinity) return { u: x, fu: fx, converged: false, iterations: 0, gnorm: NaN, message: 'objective is not finite at the start point' };
  gradient(x, g);
  let fresh = true; // H is the identity
  let it = 0;
  for (; it < maxIter; it++) {
    const gn = maxAbs(g);
    if (!Number.isFinite(gn)) return { u: x, fu: fx, converged: false, iterations: it, gnorm: gn, message: 'gradient is not finite' };
    if (gn <= tol) return { u: x, fu: fx, converged: true, iterations: it, gnorm: gn, message: 'gradient below tolerance' };
    // p = −H g
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j]! * g[j]!;
      p[i] = v;
      slope += v * g[i]!;
    }
    if (!(slope < 0)) {
      resetH();
      fresh = true;
      slope = 0;
      for (let i = 0; i < n; i++) {
        p[i] = -g[i]!;
        slope -= g[i]! * g[i]!;
      }
    }
    // Armijo backtracking with a safeguarded quadratic step
    let step = 1;
    if (fresh) step = Math.min(1, 1 / Math.max(gn, 1e-12));
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * p[i]!;
      fNew = f(xNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      const q = fNew === Infinity ? 0.1 : (-slope * step * step) / (2 * (fNew - fx - slope * step));
      step = Math.min(0.5 * step, Math.max(0.1 * step, q));
    }
    if (!accepted) {
      if (!fresh) {
        resetH();
        fresh = true;
        continue;
      }
      // No descent possible along −g: we are at the noise floor of the objective/gradient.
      const ok = gn <= 1e3 * tol;
      return { u: x, fu: fx, converged: ok, iterations: it, gnorm: gn, message: ok ? 'no further decrease (gradient at its noise floor)' : 'line search failed' };
    }
    gradient(xNew, gNew);
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      sy += s[i]! * y[i]!;
      yy += y[i]! * y[i]!;
    }
    const fOld = fx;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (sy > 1e-12 * Math.sqrt(yy) * Math.hypot(...s)) {
      if (fresh) {
        // scale the initial inverse Hessian (Nocedal & Wright eq. 6.20)
        const scale = sy / yy;
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded: H − ρ(s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j]! * y[j]!;
        Hy[i] = v;
        yHy += y[i]! * v;
      }
      const c = rho * rho * yHy + rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) H[i * n + j] = H[i * n + j]! - rho * (s[i]! * Hy[j]! + Hy[i]! * s[j]!) + c * s[i]! * s[j]!;
      }
      fresh = false;
    }
    if (Math.abs(fOld - fx) <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) <= 1e3 * tol) {
      return { u: x, fu: fx, converged: true, iterations: it + 1, gnorm: maxAbs(g), message: 'objective stopped changing' };
    }
  }
  return { u: x, fu: fx, converged: false, iterations: it, gnorm: maxAbs(g), message: `reached maxIter ${maxIter}` };
}

function nelderMead(f: Objective, u0: Float64Array, tol: number, maxIter: number): Inner {
  const n = u0.length;
  // adaptive coefficients (Gao & Han 2012)
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  const pts: Float64Array[] = [Float64Array.from(u0)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(u0);
    v[i] = v[i]! !== 0 ? v[i]! * 1.05 + (v[i]! > 0 ? 0.05 : -0.05) : 0.1;
    pts.push(v);
  }
  const fv = pts.map((v) => f(v));
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  let it = 0;
  for (; it < maxIter; it++) {
    order.sort((i, j) => fv[i]! - fv[j]!);
    const best = order[0]!;
    const worst = order[n]!;
    const fb = fv[best]!;
    let fSpread = 0;
    let xSpread = 0;
    for (let k = 1; k <= n; k++) {
      const idx = order[k]!;
      fSpread = Math.max(fSpread, Math.abs(fv[idx]! - fb));
      for (let i = 0; i < n; i++) xSpread = Math.max(xSpread, Math.abs(pts[idx]![i]! - pts[best]![i]!));
    }
    if (fb !== Infinity && fSpread <= tol * (1 + Math.abs(fb)) && xSpread <= 1e-8) {
      return { u: Float64Array.from(pts[best]!), fu: fb, converged: true, iterations: it, gnorm: NaN, message: 'simplex collapsed' };
    }
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const v = pts[order[k]!]!;
      for (let i = 0; i < n; i++) centroid[i]! += v[i]! / n;
    }
    const xw = pts[worst]!;
    for (let i = 0; i < n; i++) xr[i] = centroid[i]! + alpha * (centroid[i]! - xw[i]!);
    const fr = f(xr);
    const fSecond = fv[order[n - 1]!]!;
    if (fr < fb) {
      for (let i = 0; i < n; i++) xe[i] = centroid[i]! + beta * (xr[i]! - centroid[i]!);
      const fe = f(xe);
      if (fe < fr) {
        xw.set(xe);
        fv[worst] = fe;
      } else {
        xw.set(xr);
        fv[worst] = fr;
      }
      continue;
    }
    if (fr < fSecond) {
      xw.set(xr);
      fv[worst] = fr;
      continue;
    }
    const outside = fr < fv[worst]!;
    for (let i = 0; i < n; i++) xc[i] = outside ? centroid[i]! + gamma * (xr[i]! - centroid[i]!) : centroid[i]! - gamma * (centroid[i]! - xw[i]!);
    const fc = f(xc);
    if (fc < (outside ? fr : fv[worst]!)) {
      xw.set(xc);
      fv[worst] = fc;
      continue;
    }
    // shrink towards the best point
    const xb = pts[best]!;
    for (let k = 1; k <= n; k++) {
      const idx = order[k]!;
      const v = pts[idx]!;
      for (let i = 0; i < n; i++) v[i] = xb[i]! + delta * (v[i]! - xb[i]!);
      fv[idx] = f(v);
    }
  }
  order.sort((i, j) => fv[i]! - fv[j]!);
  return { u: Float64Array.from(pts[order[0]!]!), fu: fv[order[0]!]!, converged: false, iterations: it, gnorm: NaN, message: `reached maxIter ${maxIter}` };
}

/**
 * Central finite-difference Hessian of `f` at `x` (steps hᵢ = 1e-4·max(|xᵢ|, 1e-3)); error O(h²).
 * Complexity: 2n² + 1 objective evaluations.
 * @returns the symmetric n×n matrix as rows
 * @internal
 */
export function hessian(f: Objective, x: ArrayLike<number>, relStep = 1e-4): Float64Array[] {
  const n = x.length;
  const v = Float64Array.from(x);
  const h = Float64Array.from(v, (xi) => relStep * Math.max(Math.abs(xi), 1e-3));
  const f0 = f(v);
  const H = Array.from({ length: n }, () => new Float64Array(n));
  const at = (i: number, di: number, j: number, dj: number): number => {
    v.set(x as ArrayLike<number>);
    v[i]! += di;
    v[j]! += dj;
    return f(v);
  };
  for (let i = 0; i < n; i++) {
    const hi = h[i]!;
    H[i]![i] = (at(i, hi, i, 0) - 2 * f0 + at(i, -hi, i, 0)) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const hj = h[j]!;
      const d = (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) / (4 * hi * hj);
      H[i]![j] = d;
      H[j]![i] = d;
    }
  }
  return H;
}

/**
 * Inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting;
 * null when it is singular (pivot below 1e-300 or not finite).
 * @internal
 */
export function invertMatrix(m: readonly ArrayLike<number>[]): Float64Array[] | null {
  const n = m.length;
  const a = m.map((row) => Float64Array.from(row));
  const inv = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[piv]![col]!)) piv = r;
    const pv = a[piv]![col]!;
    if (!(Math.abs(pv) > 1e-300) || !Number.isFinite(pv)) return null;
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    [inv[col], inv[piv]] = [inv[piv]!, inv[col]!];
    const ar = a[col]!;
    const ir = inv[col]!;
    for (let j = 0; j < n; j++) {
      ar[j]! /= pv;
      ir[j]! /= pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const k = a[r]![col]!;
      if (k === 0) continue;
      const rr = a[r]!;
      const ri = inv[r]!;
      for (let j = 0; j < n; j++) {
        rr[j]! -= k * ar[j]!;
        ri[j]! -= k * ir[j]!;
      }
    }
  }
  return inv;
}
