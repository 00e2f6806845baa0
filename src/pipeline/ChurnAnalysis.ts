import type { ChurnRule } from '../churn/ChurnRule.js';
import type { ChurnStatusName } from '../churn/churnStatus.js';
import type { DataQualityReport } from '../data/auditEvents.js';
import type { LiftRow } from '../evaluate/liftTable.js';
import type { FeatureImportance } from '../models/types.js';
import type { ChurnAlgorithm } from '../models/types.js';
import type { PersonaName } from '../segments/PersonaName.js';

/** The format tag and version of a {@link ChurnAnalysis}; bumped when its shape changes incompatibly. @category Pipeline */
export const ANALYSIS_FORMAT = Object.freeze({ format: 'churnkit.analysis', version: 1 } as const);

/** Risk band of a scored customer. @category Pipeline */
export type RiskBand = 'high' | 'medium' | 'low';

/** One reason behind a customer's risk (from the model's explanation). @category Pipeline */
export interface AnalysisDriver {
  feature: string;
  /** The customer's value (null when missing). */
  value: number | string | null;
  /** The training median (numeric) or most frequent level (categorical); null when unknown. */
  typical: number | string | null;
  /** Contribution on the model's scale; positive pushes towards churn. */
  contribution: number;
  /** The driver in words. */
  text: string;
}

/** One active customer, scored. @category Pipeline */
export interface ScoredCustomer {
  customerId: string;
  /** Churn probability within the horizon (model `predict`). */
  risk: number;
  band: RiskBand;
  /** `churnStatus` at `asOf`. */
  status: ChurnStatusName;
  /** Lifecycle stage (`lifecycleStages`). */
  stage: string;
  /** Named RFM segment (`scoreRfm`), or null for customers without a purchase. */
  rfmSegment: string | null;
  /** Tags that hold (`applyTags` with the built-in library). */
  tags: string[];
  /** Win-back persona (`assignPersonas`; assessed for high and medium risk), else null. */
  persona: PersonaName | null;
  /** Customer value used for actions; null when unknown (no purchase, or missing from `options.value`). */
  value: number | null;
  /** Top drivers (`explain`), for high and medium risk customers; empty for low risk. */
  drivers: AnalysisDriver[];
}

/** A recently churned customer: a win-back candidate. @category Pipeline */
export interface LapsedCustomer {
  customerId: string;
  /** When the churn spell began (ISO 8601). */
  churnedAt: string;
  rfmSegment: string | null;
  persona: PersonaName;
  /** Customer value; null when unknown. */
  value: number | null;
}

/** A recommended action, as made by `recommendActions`. @category Pipeline */
export interface AnalysisAction {
  rank: number;
  customerId: string;
  persona: string;
  strategyId: string;
  channel: string;
  action: string;
  kpi: string;
  risk: number;
  value: number;
  successRate: number;
  cost: number;
  expectedValueSaved: number;
  reason: string;
}

/** One time-based backtest fold (`backtest`), without the per-customer scores. @category Pipeline */
export interface AnalysisFold {
  cutoff: string;
  trainCutoffs: string[];
  trainRows: number;
  testRows: number;
  testChurners: number;
  rocAuc: number | null;
  prAuc: number | null;
  logLoss: number;
  brierScore: number;
  topDecileLift: number | null;
}

/**
 * The result of {@link analyzeChurn}: JSON-serializable (plain arrays and numbers, ISO dates,
 * `null` for undefined values), versioned by `format`/`version`, with `provenance` naming the
 * module function that made each section.
 *
 * @category Pipeline
 */
export interface ChurnAnalysis {
  format: 'churnkit.analysis';
  version: 1;
  /** Plain-language summary ("1,284 active customers; 212 high-risk; main drivers: …"). */
  summary: string;
  /** The summary's facts, one per line. */
  highlights: string[];
  /** Settings actually used (defaults filled in). */
  settings: {
    asOf: string;
    rule: ChurnRule;
    horizonDays: number;
    trainCutoffs: string[];
    algorithm: ChurnAlgorithm;
    seed: number;
    bands: { high: number; medium: number };
    budget: number | null;
    winBackDays: number;
    valueBasis: 'given' | 'annualised_spend';
  };
  /** `auditEvents` as of `asOf`. */
  audit: DataQualityReport;
  /** `churnStatus` counts at `asOf`. */
  status: { counts: Record<ChurnStatusName, number>; customers: number };
  /** `churnRateSeries` by month up to `asOf`. */
  churnRate: {
    label: string;
    start: string;
    activeAtStart: number;
    churned: number;
    rate: number | null;
    returned: number;
    newCustomers: number;
    complete: boolean;
  }[];
  /** `labelHistory` counts per training snapshot. */
  labels: { cutoff: string; eligible: number; churned: number; retained: number; censored: number }[];
  /** `backtest` folds and the evaluation curves of the latest fold. */
  backtest: {
    folds: AnalysisFold[];
    mean: { rocAuc: number | null; prAuc: number | null; logLoss: number | null; brierScore: number | null };
    /** Curves of the latest fold (held-out customers). */
    latest: {
      cutoff: string;
      roc: { fpr: number; tpr: number }[];
      gains: { fraction: number; capture: number }[];
      lift: LiftRow[];
      calibration: { meanPredicted: number; fractionPositive: number; count: number }[];
      ece: number;
    } | null;
  };
  /** The final model (`trainChurnModel`) trained on every snapshot. */
  model: {
    algorithm: ChurnAlgorithm;
    features: number;
    trainRows: number;
    trainChurnRate: number;
    importance: FeatureImportance[];
  };
  /** Risk of today's active customers. */
  risk: {
    scored: number;
    counts: Record<RiskBand, number>;
    histogram: { from: number; to: number; count: number }[];
  };
  /** Active customers by descending risk. */
  customers: ScoredCustomer[];
  /** Churned within `winBackDays` before `asOf`, by descending value. */
  lapsed: LapsedCustomer[];
  /** Segment views. */
  segments: {
    rfm: { name: string; size: number; share: number; meanMonetary: number | null; meanRisk: number | null }[];
    rfmGrid: { r: number; f: number; count: number; meanMonetary: number | null }[];
    lifecycle: Record<string, number>;
    tags: { id: string; label: string; count: number }[];
    personas: Record<PersonaName, number>;
  };
  /** `recommendActions` within the budget. */
  actions: {
    recommendations: AnalysisAction[];
    totalCost: number;
    totalExpectedValueSaved: number;
    byStrategy: { strategyId: string; customers: number; cost: number; expectedValueSaved: number }[];
    /** Positive expected value but over the budget. */
    leftOut: number;
    /** Assessed customers whose best strategy saves nothing (expected value ≤ 0). */
    notWorthIt: number;
    /** Assessed customers no strategy of the playbook matches. */
    noStrategy: number;
    /** Where the value came from: known (`input`) or the playbook's placeholder (`default`). */
    valueSources: { input: number; default: number };
  };
  /** Changes since `previous` (empty without it). */
  alerts: {
    previousAsOf: string | null;
    newlyHighRisk: { customerId: string; risk: number; previousRisk: number | null }[];
    risingSegments: { kind: 'rfm' | 'persona'; segment: string; meanRisk: number; previousMeanRisk: number }[];
  };
  /** Module function behind each section. */
  provenance: Record<string, string>;
}
