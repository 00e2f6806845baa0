import { optionsOf } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { normalQuantile } from './_normal.js';
import { checkArrayLike } from './_rows.js';

/** Options of {@link kaplanMeier}. @category Lift */
export interface KaplanMeierOptions {
  /** 1 − confidence level of the intervals, in (0, 1). Default 0.05 (95% intervals). */
  alpha?: number;
}

/**
 * A Kaplan–Meier survival curve with Greenwood standard errors and log-log intervals.
 *
 * Arrays are parallel, one entry per distinct time at which at least one event (churn)
 * happened, ascending. S(t) is the survival at and just after `time[j]` (a right-continuous
 * step function; S = 1 before the first event time).
 *
 * @category Lift
 */
export interface KaplanMeierFit {
  /** Distinct event times, ascending (in the unit of the durations, e.g. days). */
  time: Float64Array;
  /** Customers still at risk just before each time (duration ≥ time). */
  atRisk: Float64Array;
  /** Events (churns) at each time. */
  events: Float64Array;
  /**
   * Customers censored in [time[j], time[j+1]) (the last entry: at or after the last event
   * time), so that atRisk[j+1] = atRisk[j] − events[j] − censored[j]. Censoring at an event
   * time counts after the event, as usual (Kaplan & Meier 1958).
   */
  censored: Float64Array;
  /** Customers censored before the first event time (they never enter the table). */
  censoredBefore: number;
  /** Kaplan–Meier survival S(t) after each time. */
  survival: Float64Array;
  /** Greenwood standard error of S (NaN once S reaches 0, where it is undefined). */
  standardError: Float64Array;
  /** Lower bound of the pointwise log-log interval (NaN where S = 0). */
  lower: Float64Array;
  /** Upper bound of the pointwise log-log interval (NaN where S = 0). */
  upper: Float64Array;
  /** Median survival: the first time with S ≤ 0.5; NaN when the curve never gets there (say so, do not read it as 0). */
  median: number;
  /** Lower bound of the median's interval (NaN when no time is in the interval). */
  medianLower: number;
  /** Upper bound of the median's interval (Infinity when the interval is open to the right). */
  medianUpper: number;
  /** Customers in the fit. */
  n: number;
  /** Events in the fit. */
  totalEvents: number;
  /** The alpha of the intervals. */
  alpha: number;
}

/**
 * Kaplan–Meier estimate of the survival (still-a-customer) curve from durations with right censoring.
 *
 * Churn as time-to-event: each customer is followed from acquisition until churn (an event)
 * or until the data ends while still active (censored). The curve answers "what share of
 * customers is still with us after t days?" without treating the still-active as churned or
 * dropping them; {@link survivalFromLog} builds the durations from an event log.
 *
 * Maths (Kaplan & Meier 1958): at each distinct event time t_j with n_j at risk (duration
 * ≥ t_j) and d_j events, S(t_j) = Π_{i≤j} (1 − d_i/n_i). Greenwood (1926):
 * Var S = S² Σ_{i≤j} d_i/(n_i(n_i − d_i)). Pointwise interval on the log-log scale
 * (Kalbfleisch & Prentice 1980, §1.3): exp(−exp(log(−log S) ± z·se/(S·|log S|))) with
 * z = Φ⁻¹(1 − α/2); the bounds stay inside [0, 1]. Median: the first t_j with S ≤ 0.5 (with a
 * 1e-12 tolerance, so S = 0.5 computed as 0.5000000000000001 counts). Its interval inverts the
 * same test (Brookmeyer & Crowley 1982, with the log-log transform, as SAS PROC LIFETEST and
 * statsmodels `quantile_ci(method='cloglog')`): the event times with
 * |log(−log S) − log(−log 0.5)| ≤ z·se/(S·|log S|) form the set; its first time is the lower
 * bound and the event time after its last is the upper bound (Infinity when that is the last
 * time). Note: statsmodels' `quantile` uses S < 0.5 strictly; the two differ only when S is
 * exactly 0.5 on a step. O(n log n).
 *
 * @param durations - time from start to churn or censoring, ≥ 0 (any unit; days from {@link survivalFromLog})
 * @param observed - 1 (or true) = churned at that duration, 0 (or false) = still active (censored)
 * @param options - `alpha`
 * @returns the {@link KaplanMeierFit}
 * @throws ChurnkitError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (with the row) for a
 *   negative or non-finite duration or a flag that is not 0/1, `INVALID_OPTION` for a bad alpha
 * @example
 * ```ts
 * const km = kaplanMeier([5, 8, 8, 12, 20], [1, 1, 0, 1, 0]);
 * km.time;     // [5, 8, 12]
 * km.survival; // [0.8, 0.6, 0.3]
 * km.median;   // 12
 * ```
 * @category Lift
 */
export function kaplanMeier(
  durations: ArrayLike<number>,
  observed: ArrayLike<number | boolean>,
  options?: KaplanMeierOptions,
): KaplanMeierFit {
  const fn = 'kaplanMeier';
  const o = optionsOf(fn, options);
  const alpha = o.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) invalidOption(fn, 'alpha', 'a number in (0, 1)', alpha);
  checkArrayLike(fn, 'durations', durations, 'an array');
  checkArrayLike(fn, 'observed', observed, 'an array');
  const n = durations.length;
  if (observed.length !== n) {
    throw new ChurnkitError('LENGTH_MISMATCH', `${fn}: durations and observed must have the same length; received ${n} and ${observed.length}.`, {
      field: 'observed',
      expected: `${n} flags`,
      received: observed.length,
    });
  }
  if (n === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: needs at least one duration; received empty arrays.`, { expected: 'at least one duration', received: 0 });
  }
  const dur = new Float64Array(n);
  const ev = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = durations[i];
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: duration at row ${i} must be a finite number ≥ 0; received ${show(d)}.`, {
        row: i,
        field: 'durations',
        expected: 'a finite number ≥ 0',
        received: d,
      });
    }
    const e = observed[i];
    if (e === 1 || e === true) ev[i] = 1;
    else if (e !== 0 && e !== false) {
      throw new ChurnkitError('INVALID_INPUT', `${fn}: observed at row ${i} must be 0/1 or a boolean (1 = churned); received ${show(e)}.`, {
        row: i,
        field: 'observed',
        expected: '0, 1, false or true',
        received: e,
      });
    }
    dur[i] = d;
  }
  // Sort positions by duration; within a time, the counting below does not need an order.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((p, q) => dur[p]! - dur[q]!);

  // First pass: distinct event times.
  let m = 0;
  for (let k = 0; k < n; ) {
    const t = dur[order[k]!]!;
    let d = 0;
    while (k < n && dur[order[k]!] === t) d += ev[order[k++]!]!;
    if (d > 0) m++;
  }
  const time = new Float64Array(m);
  const atRisk = new Float64Array(m);
  const events = new Float64Array(m);
  const censored = new Float64Array(m);
  const survival = new Float64Array(m);
  const se = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  const z = normalQuantile(1 - alpha / 2);
  let censoredBefore = 0;
  let j = -1;
  let s = 1;
  let greenwood = 0;
  let totalEvents = 0;
  for (let k = 0; k < n; ) {
    const t = dur[order[k]!]!;
    const risk = n - k;
    let d = 0;
    let c = 0;
    while (k < n && dur[order[k]!] === t) {
      if (ev[order[k]!] === 1) d++;
      else c++;
      k++;
    }
    if (d > 0) {
      j++;
      totalEvents += d;
      time[j] = t;
      atRisk[j] = risk;
      events[j] = d;
      s *= 1 - d / risk;
      survival[j] = s;
      if (d < risk && !Number.isNaN(greenwood)) greenwood += d / (risk * (risk - d));
      else greenwood = NaN; // S = 0 from here: Greenwood's variance is undefined
      const sd = s * Math.sqrt(greenwood);
      se[j] = sd;
      if (s > 0 && s < 1) {
        const logS = Math.log(s);
        const w = (z * sd) / (s * Math.abs(logS));
        const ll = Math.log(-logS);
        lower[j] = Math.exp(-Math.exp(ll + w));
        upper[j] = Math.exp(-Math.exp(ll - w));
      } else {
        lower[j] = NaN;
        upper[j] = NaN;
      }
    }
    if (j < 0) censoredBefore += c;
    else censored[j] = censored[j]! + c;
  }

  // Median and its Brookmeyer–Crowley interval on the log-log scale.
  let median = NaN;
  for (let i = 0; i < m; i++) {
    if (survival[i]! <= 0.5 + 1e-12) {
      median = time[i]!;
      break;
    }
  }
  const target = Math.log(-Math.log(0.5));
  let first = -1;
  let last = -1;
  for (let i = 0; i < m; i++) {
    const si = survival[i]!;
    if (!(si > 0 && si < 1) || !(se[i]! > 0)) continue;
    const logS = Math.log(si);
    const r = (Math.log(-logS) - target) * ((si * Math.abs(logS)) / se[i]!);
    if (Math.abs(r) <= z) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const medianLower = first < 0 ? NaN : time[first]!;
  const medianUpper = first < 0 ? NaN : last === m - 1 ? Infinity : time[last + 1]!;
  return {
    time,
    atRisk,
    events,
    censored,
    censoredBefore,
    survival,
    standardError: se,
    lower,
    upper,
    median,
    medianLower,
    medianUpper,
    n,
    totalEvents,
    alpha,
  };
}
