import type { ChurnRule } from '../churn/ChurnRule.js';
import type { CustomerTable } from '../data/CustomerTable.js';
import type { Vocabulary } from '../data/types.js';
import type { ChurnAlgorithm } from '../models/types.js';
import type { Playbook } from '../playbook/Playbook.js';
import type { ChurnAnalysis } from './ChurnAnalysis.js';

/**
 * One step of {@link analyzeChurn}, reported to `onProgress` as it starts.
 *
 * @category Pipeline
 */
export interface AnalysisProgress {
  /** Step name: `audit`, `status`, `labels`, `features`, `backtest`, `model`, `scores`, `segments`, `personas`, `actions`, `alerts`. */
  step: AnalysisStep;
  /** 1-based position of the step. */
  index: number;
  /** Number of steps. */
  total: number;
  /** What the step does, in words. */
  message: string;
}

/** The steps of {@link analyzeChurn}, in order. @category Pipeline */
export type AnalysisStep =
  | 'audit'
  | 'status'
  | 'labels'
  | 'features'
  | 'backtest'
  | 'model'
  | 'scores'
  | 'segments'
  | 'personas'
  | 'actions'
  | 'alerts';

/**
 * Options of {@link analyzeChurn}. Every option has a stated default, so `analyzeChurn(log)` runs.
 *
 * @category Pipeline
 */
export interface AnalyzeChurnOptions {
  /**
   * The churn definition (data). Default `{ kind: 'inactivity', days: 90, roles: ['purchase', 'activity'] }`:
   * no purchase and no visit for more than 90 days.
   */
  rule?: ChurnRule;
  /** Days after a cutoff in which churn is predicted. Default 90. */
  horizonDays?: number;
  /**
   * The scoring moment ("today"): only events strictly before it are read anywhere. Default: the
   * end of the last full UTC day of data (00:00 UTC of the day of the last event), so a partly
   * loaded last day does not look like a drop.
   */
  asOf?: Date | string | number;
  /**
   * The last training cutoff. Default `asOf − horizonDays`: the latest snapshot whose outcome
   * window has closed by `asOf`.
   */
  trainCutoff?: Date | string | number;
  /** Number of training snapshots, `trainCutoff` and those before it. Default 4. */
  snapshots?: number;
  /** Days between training snapshots. Default `horizonDays`. */
  snapshotSpacingDays?: number;
  /** Learner. Default `'boosting'`. */
  algorithm?: ChurnAlgorithm;
  /** Seed of the learner. Default 1. */
  seed?: number;
  /**
   * Static customer attributes: every column becomes attribute features the model reads (named as
   * the column, or `attr_<column>` when a built-in feature has that name). Give only columns
   * known before each training cutoff — a current-state column (a cancellation flag, lifetime
   * orders) leaks the future into the backtest.
   */
  table?: CustomerTable;
  /** Event-type vocabulary for the labels, statuses and features: each role given replaces the log's event types for that role; the log's other roles stay (default: the log's). */
  vocabulary?: Vocabulary;
  /** Risk bands: `high` when risk ≥ `high`, `medium` when ≥ `medium`, else `low`. Default `{ high: 0.5, medium: 0.25 }`. */
  bands?: { high: number; medium: number };
  /**
   * Customer value used for expected value saved (e.g. a predicted lifetime value), by customer
   * id: a record `{ [id]: value }` or a `Map`. Customers left out get the playbook's default
   * value; a value that is not a finite number is an error. Default: annualised historical
   * spend, `monetary_total ÷ max(tenure_days, 30) × 365`.
   */
  value?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  /** Win-back playbook. Default: the default playbook of the playbook module. */
  playbook?: Playbook;
  /** Budget for recommended actions (sum of contact costs); default unlimited. */
  budget?: number;
  /**
   * Churned customers whose churn began within this many days before `asOf` are win-back candidates.
   * Default 90: personas read 90–180-day windows before `asOf`, so for customers who left long ago
   * those signals have aged out (assign personas when customers churn, e.g. in a monthly job).
   */
  winBackDays?: number;
  /** Drivers per explained customer. Default 3. */
  drivers?: number;
  /** The previous analysis, for alerts (customers newly high-risk, segments whose risk rose); it must be as of an earlier time (else INVALID_OPTION). */
  previous?: ChurnAnalysis;
  /** Rise in a segment's mean risk (absolute, 0..1) that raises an alert. Default 0.05. */
  segmentAlertRise?: number;
  /** Called as each step starts. */
  onProgress?: (progress: AnalysisProgress) => void;
}
