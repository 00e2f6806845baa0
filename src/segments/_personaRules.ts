/**
 * The persona clauses as a table (data, not code paths) and the resolution of
 * {@link PersonaOptions} thresholds over the defaults.
 *
 * @module
 * @internal
 */
import { isPlainObject } from '../internal/args.js';
import { ChurnkitError, show } from '../internal/errors.js';
import type { PersonaName } from './PersonaName.js';
import { DEFAULT_PERSONA_OPTIONS, type PersonaOptions, type PersonaThresholds } from './PersonaOptions.js';

export type Persona = Exclude<PersonaName, 'none'>;

/** How a clause compares the feature with its threshold. */
export type Cmp = 'ge' | 'le' | 'lt';

/** How a value is shown in reason text. */
type Fmt = 'share' | 'count' | 'days' | 'ratio' | 'score' | 'money';

/** One interpretable sub-signal of a persona. */
export interface Clause {
  readonly persona: Persona;
  /** Column of the feature matrix. */
  readonly feature: string;
  /** Key of the persona's thresholds (`highValue` resolves to an amount per matrix). */
  readonly key: string;
  readonly cmp: Cmp;
  /** Weight in the score; 0 for pure conditions. */
  readonly weight: number;
  /** When it fails the persona's score is 0. */
  readonly required: boolean;
  readonly fmt: Fmt;
  /** Reason text, `{v}` and `{t}` replaced by the formatted value and threshold. */
  readonly text: string;
}

const c = (persona: Persona, feature: string, key: string, cmp: Cmp, weight: number, required: boolean, fmt: Fmt, text: string): Clause =>
  Object.freeze({ persona, feature, key, cmp, weight, required, fmt, text });

/**
 * Every clause, persona by persona. Score = Σ weight of the clauses that hold ÷ Σ weight of the
 * persona's clauses, and 0 when a required clause fails; a NaN feature never satisfies a clause.
 */
export const CLAUSES: readonly Clause[] = Object.freeze([
  c('price_sensitive', 'coupon_order_share', 'minCouponOrderShare', 'ge', 2, false, 'share', '{v} of orders used a coupon or discount (≥ {t})'),
  c('price_sensitive', 'coupon_issue_overdue_ratio', 'minCouponOverdueRatio', 'ge', 1, false, 'ratio', 'no coupon issued for {v} the usual interval (≥ {t}): offers stopped'),
  c('price_sensitive', 'coupon_redemption_rate', 'minCouponRedemptionRate', 'ge', 1, false, 'share', 'redeemed {v} of the coupons issued (≥ {t})'),
  c('price_sensitive', 'price_text_count_180d', 'minPriceTexts', 'ge', 1, false, 'count', '{v} texts about price in the last 180 days (≥ {t})'),

  c('disappointed', 'complaint_count_180d', 'minComplaints', 'ge', 2, false, 'count', '{v} complaints in the last 180 days (≥ {t})'),
  c('disappointed', 'refund_count_180d', 'minRefunds', 'ge', 1, false, 'count', '{v} refunds in the last 180 days (≥ {t})'),
  c('disappointed', 'survey_last_score', 'maxSurveyScore', 'le', 1, false, 'score', 'last survey score {v} (≤ {t})'),
  c('disappointed', 'negative_text_share_180d', 'minNegativeTextShare', 'ge', 1, false, 'share', '{v} of texts in the last 180 days were negative (≥ {t})'),

  c('fading', 'complaint_count_180d', 'minComplaints', 'lt', 0, true, 'count', 'no negative signal: {v} complaints in the last 180 days (< {t})'),
  c('fading', 'session_gap_growth', 'minGapGrowth', 'ge', 2, true, 'ratio', 'the last silences were {v} the usual gap (≥ {t}): a growing silence'),
  c('fading', 'session_count_change_90d', 'maxSessionCountChange', 'le', 1, false, 'ratio', 'active days fell to {v} of the 90 days before (≤ {t})'),

  c('lost_loyal', 'complaint_count_180d', 'minComplaints', 'lt', 0, true, 'count', 'no negative signal: {v} complaints in the last 180 days (< {t})'),
  c('lost_loyal', 'tenure_days', 'minTenureDays', 'ge', 1, true, 'days', 'a customer for {v} (≥ {t})'),
  c('lost_loyal', 'monetary_total', 'highValue', 'ge', 2, true, 'money', 'spent {v} in total (≥ {t}, high value)'),
  c('lost_loyal', 'session_gap_growth', 'maxGapGrowth', 'lt', 1, true, 'ratio', 'the last gaps were {v} the usual (< {t}): a sudden stop'),
  c('lost_loyal', 'coupon_order_share', 'minCouponOrderShare', 'lt', 1, false, 'share', 'paid full price: {v} of orders used a coupon (< {t})'),
]);

/** The thresholds a clause reads, per persona: where persona P's `minComplaints` is `disappointed.minComplaints`. */
const THRESHOLD_HOME: Readonly<Record<string, keyof PersonaThresholds>> = Object.freeze({
  minComplaints: 'disappointed',
  minRefunds: 'disappointed',
  minCouponOrderShare: 'price_sensitive',
});

/** Columns `assignPersonas` reads, in first-use order. */
export const PERSONA_COLUMNS: readonly string[] = Object.freeze([...new Set(CLAUSES.map((x) => x.feature))]);

/** Primary persona on equal scores: the first in this order. */
export const TIE_ORDER: readonly Persona[] = Object.freeze(['price_sensitive', 'disappointed', 'lost_loyal', 'fading']);

function bad(path: (string | number)[], expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_OPTION', `assignPersonas: option ${path.join('.')} must be ${expected}; received ${show(received)}.`, {
    path,
    field: String(path[path.length - 1]),
    expected,
    received,
  });
}

/** Thresholds merged over the defaults and validated; `minScore` too. */
export function resolveThresholds(options: PersonaOptions): { minScore: number; thresholds: PersonaThresholds } {
  const minScore = options.minScore ?? DEFAULT_PERSONA_OPTIONS.minScore;
  if (typeof minScore !== 'number' || !(minScore > 0 && minScore <= 1)) bad(['minScore'], 'a number in (0, 1]', minScore);
  const d = DEFAULT_PERSONA_OPTIONS.thresholds;
  const out = {
    price_sensitive: { ...d.price_sensitive },
    disappointed: { ...d.disappointed },
    fading: { ...d.fading },
    lost_loyal: { ...d.lost_loyal },
  } as PersonaThresholds;
  const given = options.thresholds;
  if (given !== undefined) {
    if (!isPlainObject(given)) bad(['thresholds'], 'an object of persona → thresholds', given);
    for (const [p, t] of Object.entries(given)) {
      if (!(p in out)) bad(['thresholds', p], `a persona (${Object.keys(out).join(', ')})`, p);
      if (t === undefined) continue;
      if (!isPlainObject(t)) bad(['thresholds', p], 'an object of threshold → number', t);
      const target = out[p as keyof PersonaThresholds] as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(t)) {
        if (!(k in target)) bad(['thresholds', p, k], `a threshold of ${p} (${Object.keys(target).join(', ')})`, k);
        if (v === undefined) continue;
        if (k === 'highValue') {
          if (!isPlainObject(v)) bad(['thresholds', p, k], '{ quantile } or { amount }', v);
          const hv = v as Record<string, unknown>;
          const keys = Object.keys(hv);
          const q = hv.quantile;
          const a = hv.amount;
          if (keys.length === 1 && typeof q === 'number' && q >= 0 && q <= 1) target[k] = { quantile: q };
          else if (keys.length === 1 && typeof a === 'number' && Number.isFinite(a)) target[k] = { amount: a };
          else bad(['thresholds', p, k], '{ quantile: a number in [0, 1] } or { amount: a finite number }', v);
        } else {
          if (typeof v !== 'number' || !Number.isFinite(v)) bad(['thresholds', p, k], 'a finite number', v);
          target[k] = v;
        }
      }
    }
  }
  return { minScore, thresholds: out };
}

/** The threshold a clause compares with (before `highValue` is turned into an amount). */
export function thresholdOf(t: PersonaThresholds, clause: Clause): unknown {
  const home = THRESHOLD_HOME[clause.key] ?? clause.persona;
  return (t[home] as unknown as Record<string, unknown>)[clause.key];
}

function num(x: number, digits: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits).replace(/\.?0+$/, '');
}

/** A value or threshold as reason text shows it. */
export function formatValue(x: number, fmt: Fmt): string {
  if (Number.isNaN(x)) return 'unknown';
  switch (fmt) {
    case 'share':
      return `${num(Math.round(x * 1000) / 10, 1)}%`;
    case 'days':
      return `${num(Math.round(x), 0)} days`;
    case 'ratio':
      return `${num(x, 2)}×`;
    case 'money':
      return num(Math.round(x * 100) / 100, 2);
    default:
      return num(x, 2);
  }
}
