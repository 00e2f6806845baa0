import { optionsOf } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { checkBinary } from './checkBinary.js';
import { NeumaierSum } from '../internal/neumaier.js';

/** Options of {@link calibrationCurve}. @category Evaluate */
export interface CalibrationOptions {
  /** Number of bins, an integer ≥ 1 (default 10). */
  bins?: number;
  /**
   * `'uniform'` (default): equal-width bins on [0, 1]. `'quantile'`: edges at the quantiles
   * of the predicted probabilities (numpy's default linear interpolation), so bins hold about
   * equally many customers; better when probabilities crowd near the base rate.
   */
  strategy?: 'uniform' | 'quantile';
}

/**
 * A reliability diagram: observed churn rate against mean predicted probability per bin.
 * @category Evaluate
 */
export interface CalibrationCurve {
  /** All bin edges, `bins + 1` values from the lowest to the highest. */
  edges: Float64Array;
  /** For each NON-EMPTY bin: the observed share of churners (scikit-learn's `prob_true`). */
  fractionPositive: Float64Array;
  /** For each non-empty bin: the mean predicted probability (`prob_pred`). */
  meanPredicted: Float64Array;
  /** For each non-empty bin: customers in it. */
  count: Uint32Array;
  /** For each non-empty bin: its index into the bins (0-based; bin j spans edges[j]..edges[j+1]). */
  bin: Uint32Array;
  /** Expected calibration error: Σ (countᵦ / n)·|fractionPositiveᵦ − meanPredictedᵦ|. */
  ece: number;
  /** Maximum calibration error: the largest |fractionPositiveᵦ − meanPredictedᵦ|. */
  mce: number;
}

/**
 * Calibration curve (reliability diagram) with expected and maximum calibration error.
 *
 * Checks whether "30% churn risk" means 30 in 100 such customers leave: needed whenever
 * probabilities are multiplied by money (expected loss, {@link profitCurve}, campaign
 * budgets), not only ranked. A perfectly calibrated model lies on the diagonal.
 *
 * Maths: bins as scikit-learn 1.2.1 `calibration_curve`: with interior edges e₁ < … < e_{b−1},
 * probability p goes to bin #{eⱼ : eⱼ < p} (numpy `searchsorted`, side "left": a value equal
 * to an edge falls in the lower bin); quantile edges are numpy 1.24 `percentile` (linear
 * method, same floating-point steps); empty bins are dropped. ECE = Σ (nᵦ/n)|ōᵦ − p̄ᵦ| and
 * MCE = maxᵦ |ōᵦ − p̄ᵦ| (Naeini, Cooper & Hauskrecht 2015, AAAI). Checked against scikit-learn
 * 1.2.1 within 1e-9. O(n log n) for quantile edges, O(n·log bins) otherwise.
 *
 * @param y - labels, 1 = churned, 0 = stayed (one class only is allowed)
 * @param probabilities - predicted churn probabilities in [0, 1]
 * @param options - {@link CalibrationOptions}
 * @returns per-bin arrays for the non-empty bins, the edges, ECE and MCE
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (a probability NaN or
 *   outside [0, 1], with its row), `INVALID_OPTION` for bad `bins` or `strategy`
 * @example
 * ```ts
 * const c = calibrationCurve([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], { bins: 2 });
 * c.fractionPositive; // [0, 1]
 * c.meanPredicted;    // [0.2, 0.75]
 * c.ece;              // 0.5·0.2 + 0.5·0.25 = 0.225
 * ```
 * @category Evaluate
 */
export function calibrationCurve(
  y: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: CalibrationOptions = {},
): CalibrationCurve {
  options = optionsOf('calibrationCurve', options);
  const bins = options.bins ?? 10;
  const strategy = options.strategy ?? 'uniform';
  if (!Number.isInteger(bins) || bins < 1) invalidOption('calibrationCurve', 'bins', 'an integer ≥ 1', bins);
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    invalidOption('calibrationCurve', 'strategy', '"uniform" or "quantile"', strategy);
  }
  const { n } = checkBinary('calibrationCurve', y, probabilities, { probability: true });
  const edges = strategy === 'uniform' ? linspace(bins) : quantileEdges(probabilities, bins);

  const sums = Array.from({ length: bins }, () => new NeumaierSum());
  const positives = new Float64Array(bins);
  const totals = new Uint32Array(bins);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!;
    // first interior edge >= p (binary search over edges[1..bins-1]); its offset is the bin
    let lo = 1;
    let hi = bins;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    const b = lo - 1;
    sums[b]!.add(p);
    positives[b]! += y[i]!;
    totals[b]!++;
  }
  let filled = 0;
  for (let b = 0; b < bins; b++) if (totals[b]! > 0) filled++;
  const fractionPositive = new Float64Array(filled);
  const meanPredicted = new Float64Array(filled);
  const count = new Uint32Array(filled);
  const bin = new Uint32Array(filled);
  const ece = new NeumaierSum();
  let mce = 0;
  let k = 0;
  for (let b = 0; b < bins; b++) {
    const t = totals[b]!;
    if (t === 0) continue;
    fractionPositive[k] = positives[b]! / t;
    meanPredicted[k] = sums[b]!.value / t;
    count[k] = t;
    bin[k] = b;
    const gap = Math.abs(fractionPositive[k]! - meanPredicted[k]!);
    ece.add((t / n) * gap);
    if (gap > mce) mce = gap;
    k++;
  }
  return { edges, fractionPositive, meanPredicted, count, bin, ece: ece.value, mce };
}

/** numpy.linspace(0, 1, bins + 1): i·(1/bins), last value set to exactly 1. */
function linspace(bins: number): Float64Array {
  const out = new Float64Array(bins + 1);
  const step = 1 / bins;
  for (let i = 0; i < bins; i++) out[i] = i * step;
  out[bins] = 1;
  return out;
}

/**
 * numpy 1.24 `percentile(p, linspace(0, 1, bins + 1) * 100)` with the default linear method,
 * reproduced step by step so that values equal to an edge land in the same bin as in numpy:
 * q = (qᵢ·100)/100, h = (n−1)·q, lerp(a, b, γ) = γ < 0.5 ? a + (b−a)·γ : b − (b−a)·(1−γ).
 */
function quantileEdges(values: ArrayLike<number>, bins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const q = linspace(bins);
  const out = new Float64Array(bins + 1);
  for (let j = 0; j <= bins; j++) {
    const h = (n - 1) * ((q[j]! * 100) / 100);
    if (h >= n - 1) {
      out[j] = sorted[n - 1]!;
      continue;
    }
    const lo = Math.floor(h);
    const gamma = h - lo;
    const a = sorted[lo]!;
    const b = sorted[lo + 1]!;
    const diff = b - a;
    out[j] = gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }
  return out;
}
