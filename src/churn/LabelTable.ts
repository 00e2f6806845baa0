/**
 * How the customers of a log were counted at one cutoff (or summed over cutoffs).
 * `eligible = churned + retained + censored`, and
 * `customers = noHistory + alreadyChurned + notSelected + eligible`.
 *
 * @category Churn
 */
export interface LabelCounts {
  /** Customers considered (log customers × cutoffs for sums). */
  customers: number;
  /** No event strictly before the cutoff: not yet customers. */
  noHistory: number;
  /** Already churned at the cutoff under the rule: not eligible. */
  alreadyChurned: number;
  /** Left out by the `eligible` option. */
  notSelected: number;
  /** Labelled rows. */
  eligible: number;
  /** Churned within the horizon (label 1). */
  churned: number;
  /** Observed through the whole horizon without churning (label 0, not censored). */
  retained: number;
  /** Not churned by the end of the data, with the horizon running past it (label 0, censored 1). */
  censored: number;
}

/**
 * Point-in-time churn labels in columns: one row per eligible (customer, cutoff).
 *
 * Row `r`: customer `customerIds[r]` (index `customerIndex[r]` in the log), `cutoff[r]`,
 * `label[r]` = 1 when the customer churned within `[cutoff, cutoff + horizonDays)`,
 * `churnTime[r]` the churn time (NaN when label is 0), and `censored[r]` = 1 when the customer
 * had not churned by `dataEnd` but the horizon runs past it — such a row is *unknown*, not
 * retained: drop it or use a survival model. Rows are sorted by customer, then cutoff.
 *
 * @category Churn
 */
export interface LabelTable {
  /** Customer id per row. */
  readonly customerIds: readonly string[];
  /** Customer index in the log per row. */
  readonly customerIndex: Int32Array;
  /** Cutoff per row (epoch ms). */
  readonly cutoff: Float64Array;
  /** 1 = churned within the horizon. */
  readonly label: Uint8Array;
  /** Churn time (epoch ms), NaN when not churned within the horizon. */
  readonly churnTime: Float64Array;
  /** 1 = horizon runs past `dataEnd` and no churn was observed before it. */
  readonly censored: Uint8Array;
  /** The cutoffs used, ascending (epoch ms). */
  readonly cutoffs: readonly number[];
  /** Horizon length in days. */
  readonly horizonDays: number;
  /** End of observation (exclusive, epoch ms): events at or after it were not read. NaN for an empty log without `dataEnd`. */
  readonly dataEnd: number;
  /** Totals over all cutoffs. */
  readonly counts: LabelCounts;
  /** Counts per cutoff, in the order of `cutoffs`. */
  readonly countsByCutoff: readonly LabelCounts[];
}
