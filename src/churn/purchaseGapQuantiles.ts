import { checkLog, knownOptions, optionNames, optionsOf, timeOption } from '../internal/args.js';
import { ChurnkitError, show } from '../internal/errors.js';
import { DAY_MS } from '../internal/time.js';
import type { EventLog } from '../data/EventLog.js';
import type { Role } from '../data/types.js';
import { selectionMask } from './_compile.js';
import { quantileSorted } from '../internal/quantile.js';
import { neumaierError } from '../internal/neumaier.js';

const GAP_QUANTILE_OPTION_NAMES = optionNames<GapQuantileOptions>()(['probs', 'roles', 'types', 'before']);

/** Options of {@link purchaseGapQuantiles}. @category Churn */
export interface GapQuantileOptions {
  /** Probabilities in [0, 1]. Default `[0.5, 0.75, 0.8, 0.9, 0.95, 0.99]`. */
  probs?: readonly number[];
  /** Roles of the events whose gaps are measured. Default `['purchase']` when `types` is also omitted. */
  roles?: readonly Role[];
  /** Event types whose gaps are measured. */
  types?: readonly string[];
  /** Read only events strictly before this time (to choose a window without looking ahead). */
  before?: Date | string | number;
}

/** Result of {@link purchaseGapQuantiles}. @category Churn */
export interface GapQuantiles {
  /** The probabilities asked for. */
  probs: number[];
  /** Gap quantiles in days, one per probability; NaN when there is no gap at all. */
  days: number[];
  /** Number of gaps measured. */
  gaps: number;
  /** Customers with at least two purchase occasions (at least one gap). */
  customersWithGaps: number;
  /** Customers with exactly one purchase occasion (no gap; they are not in the quantiles). */
  singleOccasionCustomers: number;
  /** Mean gap in days (NaN when there is none). */
  meanDays: number;
}

/**
 * Distribution of the days between a customer's consecutive purchases — to choose the window of an inactivity rule.
 *
 * A common non-contractual choice is an inactivity window near a high quantile of the gaps
 * (say the 90th percentile: 9 in 10 returning customers come back within it). Purchase
 * occasions are the distinct event times of the selected events per customer; each gap is
 * the time between consecutive occasions. Quantiles use linear interpolation between order
 * statistics (Hyndman & Fan 1996, definition 7; numpy's default). O(n log n) in the number of gaps.
 *
 * @param log - the event log
 * @param options - probabilities, selection, and an optional `before` time
 * @returns quantiles in days and how many gaps and customers they rest on
 * @throws ChurnkitError `INVALID_OPTION` for a probability outside [0, 1], `INVALID_TIME` for a bad `before`
 * @example
 * ```ts
 * const q = purchaseGapQuantiles(log, { probs: [0.5, 0.9] });
 * q.days; // e.g. [31, 142]: a 150-day inactivity window covers 9 in 10 repeat gaps
 * ```
 * @category Churn
 */
export function purchaseGapQuantiles(log: EventLog, options: GapQuantileOptions = {}): GapQuantiles {
  knownOptions('purchaseGapQuantiles', options, GAP_QUANTILE_OPTION_NAMES);
  const fn = 'purchaseGapQuantiles';
  checkLog(fn, log);
  options = optionsOf(fn, options);
  const probs = [...(options.probs ?? [0.5, 0.75, 0.8, 0.9, 0.95, 0.99])];
  probs.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: probs[${i}] must be a number in [0, 1]; received ${show(p)}.`, {
        path: ['probs', i],
        field: 'probs',
        expected: 'a number in [0, 1]',
        received: p,
      });
    }
  });
  const before = options.before === undefined ? Infinity : timeOption(fn, 'before', options.before);
  const mask = selectionMask(log, options.roles, options.types, ['purchase']);
  const { time, type, offsets, rows } = log;
  let gaps = new Float64Array(1024);
  let n = 0;
  let withGaps = 0;
  let single = 0;
  let sum = 0;
  let comp = 0;
  for (let c = 0; c < log.customerCount; c++) {
    const end = before === Infinity ? offsets[c + 1]! : log.positionAt(c, before);
    let last = NaN;
    let occasions = 0;
    for (let k = offsets[c]!; k < end; k++) {
      const i = rows === null ? k : rows[k]!;
      if (mask[type[i]!] !== 1) continue;
      const t = time[i]!;
      if (t === last) continue;
      if (occasions > 0) {
        if (n === gaps.length) {
          const g = new Float64Array(n * 2);
          g.set(gaps);
          gaps = g;
        }
        const d = (t - last) / DAY_MS;
        gaps[n++] = d;
        const s = sum + d;
        comp += neumaierError(sum, d, s);
        sum = s;
      }
      occasions++;
      last = t;
    }
    if (occasions === 1) single++;
    else if (occasions > 1) withGaps++;
  }
  const sorted = gaps.slice(0, n).sort();
  const days = probs.map((p) => quantileSorted(sorted, p));
  return { probs, days, gaps: n, customersWithGaps: withGaps, singleOccasionCustomers: single, meanDays: n === 0 ? NaN : (sum + comp) / n };
}
