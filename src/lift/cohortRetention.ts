import { resolveDataEnd } from '../churn/_prepare.js';
import type { EventLog } from '../data/EventLog.js';
import type { Role } from '../data/types.js';
import { checkLog, checkOptions, timeOption } from '../internal/args.js';
import { invalidOption } from '../internal/errors.js';
import { isoDate } from '../internal/time.js';
import { addPeriods } from '../time/addPeriods.js';
import { startOfPeriod } from '../time/startOfPeriod.js';

/** Options of {@link cohortRetention}. @category Lift */
export interface CohortRetentionOptions {
  /** Calendar period of cohorts and of activity: ISO weeks (Monday to Sunday, UTC) or UTC months. */
  period: 'week' | 'month';
  /** Roles whose events count for acquisition and activity (e.g. `['purchase']`). Default: every event. */
  roles?: readonly Role[];
  /**
   * End of the data, exclusive: only events strictly before it are read, and a period counts
   * only when it ended by then. Default: one millisecond after the log's last event.
   */
  asOf?: Date | string | number;
}

/** One period of a cohort's life. @category Lift */
export interface CohortPeriod {
  /** Periods since acquisition (0 = the acquisition period itself). */
  index: number;
  /** Start of the calendar period (epoch ms UTC). */
  periodStart: number;
  /** Cohort members with at least one counted event in the period. */
  active: number;
  /** active / size. */
  rate: number;
}

/** One acquisition cohort. @category Lift */
export interface CohortRow {
  /** Label: `'2024-05'` for a month, the Monday `'2024-05-13'` for an ISO week. */
  cohort: string;
  /** Start of the acquisition period (epoch ms UTC). */
  cohortStart: number;
  /** Customers whose first counted event falls in the acquisition period. */
  size: number;
  /** Whether the acquisition period had ended by `asOf` (else `size` may still grow). */
  complete: boolean;
  /** The complete periods only, index 0, 1, …; periods still running at `asOf` are left out, not shown as drops. */
  periods: CohortPeriod[];
}

/** One (cohort, period) cell, flat for heatmaps. @category Lift */
export interface CohortCell {
  /** Cohort label. */
  cohort: string;
  /** Start of the acquisition period (epoch ms UTC). */
  cohortStart: number;
  /** Periods since acquisition. */
  index: number;
  /** Start of the calendar period (epoch ms UTC). */
  periodStart: number;
  /** Cohort size. */
  size: number;
  /** Active customers. */
  active: number;
  /** active / size. */
  rate: number;
}

/** Result of {@link cohortRetention}. @category Lift */
export interface CohortRetention {
  /** The period of the table. */
  period: 'week' | 'month';
  /** End of the data used (epoch ms, exclusive). */
  asOf: number;
  /** Cohorts by acquisition period, oldest first. */
  cohorts: CohortRow[];
  /** Every complete (cohort, period) cell, cohort by cohort then by index. */
  cells: CohortCell[];
  /** Customers with no counted event before `asOf` (in no cohort). */
  notYetCustomers: number;
}

/**
 * Acquisition-cohort retention table: of the customers acquired in each week or month, the
 * share active in each later period.
 *
 * The classic view of whether retention is improving: each row is a cohort (customers whose
 * first counted event fell in that calendar period), each column the number of periods since
 * acquisition. A cohort member is active in a period when it has at least one counted event
 * (of `roles`) in it. Point in time: only events strictly before `asOf` are read, and a period
 * appears only once it has ended (start of the next period ≤ `asOf`), so the running period
 * never looks like a drop.
 *
 * Maths: cohort(c) = startOfPeriod(first event of c); period k of a cohort starting at s is
 * [addPeriods(s, k), addPeriods(s, k + 1)) on the UTC calendar ({@link startOfPeriod},
 * {@link addPeriods}; ISO weeks start on Monday); rate = active/size (the layout of the usual
 * product-analytics cohort chart). Period 0 has rate 1 by construction. O(events + cohorts × periods).
 *
 * @param log - the event log
 * @param options - `period`, `roles`, `asOf`
 * @returns cohorts with their complete periods, and the flat cells
 * @throws ChurnkitError `INVALID_INPUT` for a non-log, `INVALID_OPTION` for a bad period or
 *   roles list, `UNKNOWN_ROLE`, `INVALID_TIME` for a bad `asOf`
 * @example
 * ```ts
 * const r = cohortRetention(log, { period: 'month', roles: ['purchase'], asOf: '2024-07-01' });
 * r.cohorts[0]; // { cohort: '2024-01', size: 412, complete: true, periods: [{ index: 0, rate: 1, ... }, { index: 1, rate: 0.38, ... }, ...] }
 * ```
 * @category Lift
 */
export function cohortRetention(log: EventLog, options: CohortRetentionOptions): CohortRetention {
  const fn = 'cohortRetention';
  checkLog(fn, log);
  checkOptions(fn, options);
  const period = options.period;
  if (period !== 'week' && period !== 'month') invalidOption(fn, 'period', '"week" or "month"', period);
  let mask: Uint8Array | null = null;
  if (options.roles !== undefined) {
    if (!Array.isArray(options.roles) || options.roles.length === 0) invalidOption(fn, 'roles', 'a non-empty array of roles', options.roles);
    mask = log.rolesMask(options.roles);
  }
  // Default end: the log's last event + 1 ms; an empty log has none, so nothing is read.
  const end = options.asOf === undefined ? resolveDataEnd(fn, log, undefined) : timeOption(fn, 'asOf', options.asOf);
  const asOf = Number.isNaN(end) ? -Infinity : end;

  interface Acc { start: number; size: number; active: number[] }
  const byStart = new Map<number, Acc>();
  const { offsets, time, type, rows } = log;
  let notYet = 0;
  for (let c = 0; c < log.customerCount; c++) {
    const a = offsets[c]!;
    const b = log.positionAt(c, asOf); // events before asOf only
    let acc: Acc | undefined;
    let k = 0;
    let next = 0;
    let lastCounted = -1;
    for (let p = a; p < b; p++) {
      const i = rows === null ? p : rows[p]!;
      if (mask !== null && mask[type[i]!] !== 1) continue;
      const t = time[i]!;
      if (acc === undefined) {
        const start = startOfPeriod(t, period);
        acc = byStart.get(start);
        if (acc === undefined) {
          acc = { start, size: 0, active: [] };
          byStart.set(start, acc);
        }
        acc.size++;
        next = addPeriods(start, period, 1);
      }
      while (t >= next) {
        k++;
        next = addPeriods(acc.start, period, k + 1);
      }
      if (k !== lastCounted) {
        while (acc.active.length <= k) acc.active.push(0);
        acc.active[k] = acc.active[k]! + 1;
        lastCounted = k;
      }
    }
    if (acc === undefined) notYet++;
  }

  const starts = Array.from(byStart.keys()).sort((x, y) => x - y);
  const cohorts: CohortRow[] = [];
  const cells: CohortCell[] = [];
  for (const start of starts) {
    const acc = byStart.get(start)!;
    const label = period === 'month' ? isoDate(start).slice(0, 7) : isoDate(start);
    const periods: CohortPeriod[] = [];
    for (let k = 0; ; k++) {
      if (addPeriods(start, period, k + 1) > asOf) break;
      const active = acc.active[k] ?? 0;
      const periodStart = addPeriods(start, period, k);
      const rate = active / acc.size;
      periods.push({ index: k, periodStart, active, rate });
      cells.push({ cohort: label, cohortStart: start, index: k, periodStart, size: acc.size, active, rate });
    }
    cohorts.push({ cohort: label, cohortStart: start, size: acc.size, complete: periods.length > 0, periods });
  }
  return { period, asOf, cohorts, cells, notYetCustomers: notYet };
}
