import { timeOption, knownOptions, optionNames } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { grown } from '../internal/grown.js';
import { Random } from '../internal/random.js';
import { DAY_MS } from '../internal/time.js';
import { CustomerTable, type CustomerColumn } from './CustomerTable.js';
import type { EventLog, TimeInput } from './EventLog.js';
import { EventLogBuilder } from './EventLogBuilder.js';
import { NEGATIVE_EN, NEGATIVE_ZH, NEUTRAL_EN, NEUTRAL_ZH, POSITIVE_EN, POSITIVE_ZH, PRICE_EN, PRICE_ZH } from './_simTexts.js';

const SIMULATE_SHOP_OPTIONS = optionNames<SimulateShopOptions>()(['customers', 'seed', 'start', 'end', 'subscriptions', 'churnFraction', 'causeWeights', 'reactivationFraction']);

/**
 * Why a simulated customer leaves. See `docs/simulated-shop.md` for the signals each leaves behind.
 *
 * @category Data
 */
export type ChurnCause = 'price_sensitive' | 'bad_experience' | 'fading' | 'lured_away';

/** A simulated customer's spending level. @category Data */
export type ValueSegment = 'low' | 'mid' | 'high';

/**
 * Options of {@link simulateShop}.
 *
 * @category Data
 */
export interface SimulateShopOptions {
  /** Number of customers, a non-negative integer. Default 5,000. */
  customers?: number;
  /** Seed of every random choice (a safe integer). Default 1. */
  seed?: number;
  /** First instant of the simulated period (inclusive). Default `'2023-01-01'` (UTC). */
  start?: TimeInput;
  /** End of the simulated period (exclusive): every event has `time < end`. Default `'2025-01-01'`. */
  end?: TimeInput;
  /** Add plans with `subscribe`, monthly `renew` and a final `cancel` for churners. Default false. */
  subscriptions?: boolean;
  /**
   * Probability in [0, 1] that a customer is planted with a churn cause. Customers who sign up
   * too late for their cause to play out inside the period stay loyal, so the realised share of
   * churners is a little lower (about 30% with the default 0.36 over two years).
   */
  churnFraction?: number;
  /** Relative weights of the causes among churners. Default `{ price_sensitive: 0.3, bad_experience: 0.25, fading: 0.25, lured_away: 0.2 }`. */
  causeWeights?: Partial<Record<ChurnCause, number>>;
  /**
   * Probability in [0, 1] that a churner comes back 90-240 days after leaving (after a
   * `COMEBACK10` coupon) and stays active to the end; flagged in {@link ShopTruth.reactivated}.
   * Default 0: churners never return.
   */
  reactivationFraction?: number;
}

/** {@link SimulateShopOptions} with every default filled in and times as epoch ms. @category Data */
export interface ResolvedSimulateShopOptions {
  /** Number of customers. */
  readonly customers: number;
  /** Seed of every random choice. */
  readonly seed: number;
  /** Start of the period, epoch ms. */
  readonly start: number;
  /** End of the period (exclusive), epoch ms. */
  readonly end: number;
  /** Whether plans, renewals and cancellations are simulated. */
  readonly subscriptions: boolean;
  /** Probability that a customer is planted with a churn cause. */
  readonly churnFraction: number;
  /** Relative weights of the causes, every cause present. */
  readonly causeWeights: Readonly<Record<ChurnCause, number>>;
  /** Probability that a churner comes back. */
  readonly reactivationFraction: number;
}

/**
 * The planted truth about one simulated customer.
 *
 * @category Data
 */
export interface CustomerTruth {
  /** Customer id, as in the log. */
  customerId: string;
  /** Whether the customer churned inside the period. */
  churned: boolean;
  /** Epoch ms of the customer's last customer-initiated event (churners), else null. */
  churnTime: number | null;
  /** The planted cause (churners), else null. */
  cause: ChurnCause | null;
  /** Epoch ms when the cause began (coupons stopped, first bad experience, fading began, lured away), else null. */
  causeTime: number | null;
  /** Spending level drawn for the customer. */
  valueSegment: ValueSegment;
  /** Net order value per 30 days between signup and the cause (or the end) — the customer's steady spend rate. */
  spendRate: number;
  /** Whether the customer buys mostly with coupons (every `price_sensitive` churner, and some loyal customers). */
  priceSensitive: boolean;
  /** Whether the churner came back (only with `reactivationFraction` > 0). */
  reactivated: boolean;
  /** Epoch ms of the first event after the return, else null. */
  reactivationTime: number | null;
}

/**
 * The planted truth of a simulated shop, by column. Row `i` is customer `customerIds[i]`, which
 * is also customer index `i` of {@link SimulatedShop.log} and row `i` of its customer table.
 *
 * @category Data
 */
export interface ShopTruth {
  /** Customer ids, in log order. */
  readonly customerIds: readonly string[];
  /** 1 when the customer churned inside the period. */
  readonly churned: Uint8Array;
  /** Epoch ms of the last customer-initiated event of each churner; NaN for customers who stay. */
  readonly churnTime: Float64Array;
  /** Planted cause per customer; null for customers who stay. */
  readonly cause: readonly (ChurnCause | null)[];
  /** Epoch ms when the cause began; NaN for customers who stay. */
  readonly causeTime: Float64Array;
  /** Spending level per customer. */
  readonly valueSegment: readonly ValueSegment[];
  /** Net order value per 30 days from signup to the cause (or the end). */
  readonly spendRate: Float64Array;
  /** 1 when the customer buys mostly with coupons. */
  readonly priceSensitive: Uint8Array;
  /** 1 when the churner came back after its churn time (only with `reactivationFraction` > 0). */
  readonly reactivated: Uint8Array;
  /** Epoch ms of a returning churner's first event after the silence; NaN otherwise. */
  readonly reactivationTime: Float64Array;
  /** The truth of row `i` as one object (allocates). */
  at(i: number): CustomerTruth;
}

/**
 * What {@link simulateShop} returns.
 *
 * @category Data
 */
export interface SimulatedShop {
  /** Every event, from six sources (`web`, `app`, `pos`, `crm`, `service_desk`, `marketing`). */
  readonly log: EventLog;
  /** Static attributes: `age`, `gender`, `region`, `channel`, `language`, `signupDate` (time) and, with subscriptions, `plan`. */
  readonly customers: CustomerTable;
  /** Who churned, when and why. */
  readonly truth: ShopTruth;
  /** Start of the period, epoch ms. */
  readonly start: number;
  /** End of the period (exclusive), epoch ms. */
  readonly end: number;
  /** The options used, defaults filled in. */
  readonly options: ResolvedSimulateShopOptions;
  /** Event types the shop sends by itself (`campaign_sent`, `coupon_issued`); they may continue after a customer's churn time. */
  readonly shopInitiatedTypes: readonly string[];
  /**
   * Longest silence, in days, between consecutive sessions of a customer before churn (and
   * before the end for those who stay). Every session emits an `activity` or `purchase` event,
   * so an inactivity rule over those roles with more days than this recovers `churnTime`.
   */
  readonly maxActiveGapDays: number;
}

const FN = 'simulateShop';
const CAUSES: readonly ChurnCause[] = ['price_sensitive', 'bad_experience', 'fading', 'lured_away'];
const DEFAULT_WEIGHTS: Readonly<Record<ChurnCause, number>> = Object.freeze({ price_sensitive: 0.3, bad_experience: 0.25, fading: 0.25, lured_away: 0.2 });
const MAX_GAP_DAYS = 45;
const SHOP_INITIATED = Object.freeze(['campaign_sent', 'coupon_issued']);

// Event kinds: type, source and attribute pattern of every event the simulator writes.
const K_VISIT = 0, K_LOGIN = 1, K_APP_OPEN = 2, K_VIEW = 3, K_CART = 4, K_CHECKOUT = 5, K_ORDER = 6, K_POS_SALE = 7;
const K_REDEEM = 8, K_FEATURE = 9, K_REFUND = 10, K_TICKET = 11, K_COMPLAINT = 12, K_SURVEY = 13, K_SENT = 14, K_OPENED = 15;
const K_ISSUED = 16, K_SUBSCRIBE = 17, K_RENEW = 18, K_CANCEL = 19;
const KIND_TYPE = [
  'visit', 'login', 'app_open', 'product_view', 'cart_add', 'checkout', 'order', 'pos_sale', 'coupon_redeemed', 'feature_use', 'refund',
  'ticket', 'complaint', 'survey', 'campaign_sent', 'campaign_opened', 'coupon_issued', 'subscribe', 'renew', 'cancel',
] as const;
// Fixed source per kind; -1 = the session's device (web/app/pos) stored with the event.
const KIND_SOURCE = [0, 0, 1, -1, -1, -1, -1, 2, -1, 1, 4, 4, 4, 3, 5, 5, 5, 3, 3, 3] as const;
const SOURCES = ['web', 'app', 'pos', 'crm', 'service_desk', 'marketing'] as const;
const DEV_WEB = 0, DEV_APP = 1, DEV_POS = 2;

const COUPON_CODES = ['WELCOME10', 'SAVE5', 'SAVE8', 'SAVE15', 'VIP20', 'FLASH12', 'COMEBACK10', 'DOUBLE11'] as const;
const COUPON_VALUES = [10, 5, 8, 15, 20, 12, 10, 11] as const;
const COMEBACK = 6;
const FEATURES = ['search', 'wishlist', 'reviews', 'live_chat', 'size_guide', 'price_alert', 'outfit_builder', 'scan_to_pay'] as const;
const PLANS = ['basic', 'plus', 'premium'] as const;
const PLAN_PRICES = [9.9, 19.9, 39.9] as const;
const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;
const REGION_W = [0.22, 0.26, 0.27, 0.1, 0.15];
const CHANNELS = ['organic', 'paid_search', 'social', 'referral', 'offline_store'] as const;
const CHANNEL_W = [0.3, 0.22, 0.2, 0.12, 0.16];
const GENDERS = ['female', 'male', 'other'] as const;
const GENDER_W = [0.51, 0.46, 0.03];
const SEGMENTS: readonly ValueSegment[] = ['low', 'mid', 'high'];
const BASKET = [28, 65, 150] as const;

// Text banks: text id = (language * 4 + bank) * 64 + sentence; language 0 = English, 1 = Chinese.
const B_NEG = 0, B_PRICE = 1, B_NEUTRAL = 2, B_POS = 3;
const BANKS = [NEGATIVE_EN, PRICE_EN, NEUTRAL_EN, POSITIVE_EN, NEGATIVE_ZH, PRICE_ZH, NEUTRAL_ZH, POSITIVE_ZH] as const;

/** Per-customer scratch: events in seconds from the period start, sorted before pushing. */
class Scratch {
  n = 0;
  sec: Float64Array = new Float64Array(256);
  kind: Uint8Array = new Uint8Array(256);
  dev: Uint8Array = new Uint8Array(256);
  val: Float64Array = new Float64Array(256);
  qty: Float64Array = new Float64Array(256);
  /** session number, coupon / feature / campaign / plan index, or text id (-1 none) */
  a0: Int32Array = new Int32Array(256);
  /** coupon index of an order (-1 none) */
  a2: Int32Array = new Int32Array(256);
  /** discount of an order or pos sale */
  a1: Float64Array = new Float64Array(256);
  key: Float64Array = new Float64Array(256);

  add(sec: number, kind: number, dev: number, val: number, qty: number, a0: number, a1 = 0, a2 = -1): void {
    if (this.n === this.sec.length) this.grow();
    const i = this.n++;
    this.sec[i] = sec;
    this.kind[i] = kind;
    this.dev[i] = dev;
    this.val[i] = val;
    this.qty[i] = qty;
    this.a0[i] = a0;
    this.a1[i] = a1;
    this.a2[i] = a2;
  }

  private grow(): void {
    const m = this.sec.length * 2;
    this.sec = grown(this.sec, m);
    this.val = grown(this.val, m);
    this.qty = grown(this.qty, m);
    this.a1 = grown(this.a1, m);
    this.a0 = grown(this.a0, m);
    this.a2 = grown(this.a2, m);
    this.kind = grown(this.kind, m);
    this.dev = grown(this.dev, m);
    this.key = new Float64Array(m);
  }
}

/** A sentence id from `bank`, in the customer's language 90% of the time. */
function pickText(rng: Random, zh: boolean, bank: number): number {
  const lang = rng.bernoulli(0.9) === zh ? 1 : 0;
  const b = lang * 4 + bank;
  return b * 64 + rng.int(BANKS[b]!.length);
}

function textOf(id: number): string {
  return BANKS[id >> 6]![id & 63]!;
}

/** An NPS answer with a comment 30% of the time: praise from promoters, complaints from detractors. */
function addSurvey(s: Scratch, rng: Random, sec: number, score: number, zh: boolean): void {
  let text = -1;
  if (rng.bernoulli(0.3)) {
    if (score >= 8) text = pickText(rng, zh, B_POS);
    else if (score <= 4) text = pickText(rng, zh, B_NEG);
  }
  s.add(sec, K_SURVEY, 3, score, NaN, text);
}

function resolveOptions(options: SimulateShopOptions): ResolvedSimulateShopOptions {
  if (options === null || typeof options !== 'object') invalidOption(FN, 'options', 'an object', options);
  knownOptions(FN, options, SIMULATE_SHOP_OPTIONS);
  const customers = options.customers ?? 5000;
  if (typeof customers !== 'number' || !Number.isInteger(customers) || customers < 0 || customers > 50_000_000) {
    invalidOption(FN, 'customers', 'an integer from 0 to 50,000,000', customers);
  }
  const seed = options.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) invalidOption(FN, 'seed', 'a safe integer', seed);
  const startIn = options.start ?? '2023-01-01';
  const endIn = options.end ?? '2025-01-01';
  const start = timeOption(FN, 'start', startIn);
  const end = timeOption(FN, 'end', endIn);
  if (!(end - start >= DAY_MS)) invalidOption(FN, 'end', `a time at least one day after start (${new Date(start).toISOString()})`, endIn);
  const subscriptions = options.subscriptions ?? false;
  if (typeof subscriptions !== 'boolean') invalidOption(FN, 'subscriptions', 'a boolean', subscriptions);
  const churnFraction = options.churnFraction ?? 0.36;
  if (typeof churnFraction !== 'number' || !(churnFraction >= 0 && churnFraction <= 1)) invalidOption(FN, 'churnFraction', 'a number from 0 to 1', churnFraction);
  const cw = options.causeWeights;
  let causeWeights: Readonly<Record<ChurnCause, number>> = DEFAULT_WEIGHTS;
  if (cw !== undefined) {
    if (cw === null || typeof cw !== 'object' || Array.isArray(cw)) invalidOption(FN, 'causeWeights', 'an object of cause → weight', cw);
    const out: Record<ChurnCause, number> = { ...DEFAULT_WEIGHTS };
    let sum = 0;
    for (const [k, w] of Object.entries(cw)) {
      if (!(CAUSES as readonly string[]).includes(k)) {
        throw new ChurnkitError('INVALID_OPTION', `${FN}: causeWeights has unknown cause ${show(k)}; causes are ${CAUSES.join(', ')}.`, {
          path: ['causeWeights', k],
          field: 'causeWeights',
          expected: CAUSES.join(' | '),
          received: k,
        });
      }
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw new ChurnkitError('INVALID_OPTION', `${FN}: causeWeights.${k} must be a finite number ≥ 0; received ${show(w)}.`, {
          path: ['causeWeights', k],
          field: 'causeWeights',
          expected: 'a finite number ≥ 0',
          received: w,
        });
      }
      out[k as ChurnCause] = w;
    }
    for (const c of CAUSES) sum += out[c];
    if (!(sum > 0)) invalidOption(FN, 'causeWeights', 'weights with a positive sum', cw);
    causeWeights = Object.freeze(out);
  }
  const reactivationFraction = options.reactivationFraction ?? 0;
  if (typeof reactivationFraction !== 'number' || !(reactivationFraction >= 0 && reactivationFraction <= 1)) {
    invalidOption(FN, 'reactivationFraction', 'a number from 0 to 1', reactivationFraction);
  }
  return Object.freeze({ customers, seed, start, end, subscriptions, churnFraction, causeWeights, reactivationFraction });
}

/** Seed of customer `i`'s own generator: the user seed mixed with the index (splitmix-style). */
function customerSeed(seed: number, i: number): number {
  let h = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x85ebca6b);
  h = Math.imul(h ^ Math.imul(i + 1, 0x9e3779b1), 0xcc9e2d51);
  h ^= h >>> 15;
  h = Math.imul(h, 0x1b873593);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Simulates a multi-source online-and-offline shop whose customers churn for planted reasons.
 *
 * It is churnkit's embedded default dataset: the demo, the examples and the tests of every later
 * stage (labels, features, personas, lift) run on it and check themselves against its `truth`.
 * Customers sign up across the period and visit in a steady renewal rhythm (gamma-distributed
 * gaps, seasonal peak in late November, no silence longer than {@link SimulatedShop.maxActiveGapDays}
 * while active); a session walks the funnel view → cart → checkout → order (many carts never pay);
 * orders carry value, quantity and `{ session, coupon, discount }`; the shop sends campaigns and
 * coupons; customers open some, answer NPS surveys (0-10), write tickets and complaints in English
 * or Chinese, ask for refunds and use app features. A churner follows one planted cause:
 * `price_sensitive` (coupon-driven buyer; coupons stop, buying and visiting stop within weeks,
 * price words in tickets), `bad_experience` (complaint, refund, negative words, a detractor NPS,
 * feature use collapsing, gone within weeks), `fading` (gaps grow steadily, no negative signal),
 * `lured_away` (long tenure, high value, regular rhythm, sudden stop). After its churn time a
 * customer initiates nothing; only `campaign_sent` and `coupon_issued` may follow.
 *
 * Each customer draws from its own sfc32 stream seeded by (seed, index), so the result is
 * byte-for-byte reproducible (on one JavaScript engine: `Math.exp`, `Math.log` and `Math.cos` may
 * differ in the last bit between engines), and a smaller shop is a prefix of a larger one. Events are generated straight into an {@link EventLogBuilder} with no
 * per-event objects: about 45 events per customer (~0.23 M for the default 5,000 customers, in
 * roughly a quarter of a second), linear in `customers`; `docs/simulated-shop.md` describes every
 * distribution and `docs/performance.md` the figures at 1M customers.
 *
 * @param options - size, seed, period, subscriptions and churn mix
 * @returns the log, the customer table, the planted truth and the resolved options
 * @throws ChurnkitError `INVALID_TIME` for a start or end that is not a time, `INVALID_OPTION` for another bad option (with its path)
 * @example
 * ```ts
 * const shop = simulateShop({ customers: 1000, seed: 7 });
 * shop.log.customerCount;                    // 1000 (44,269 events)
 * shop.customers.categorical('region')![0];  // 'south'
 * shop.truth.at(0);
 * // { customerId: 'C00001', churned: true, cause: 'price_sensitive',
 * //   causeTime: 1721347304000 (2024-07-19), churnTime: 1724209063000 (2024-08-21T02:57:43Z),
 * //   valueSegment: 'low', spendRate: 12.33, priceSensitive: true, reactivated: false, reactivationTime: null }
 * ```
 * @category Data
 */
export function simulateShop(options: SimulateShopOptions = {}): SimulatedShop {
  const o = resolveOptions(options);
  const N = o.customers;
  const startMs = o.start;
  const span = (o.end - o.start) / DAY_MS; // days
  const spanSec = Math.floor((o.end - o.start) / 1000); // every event has sec < spanSec
  const startEpochDay = o.start / DAY_MS;
  const builder = new EventLogBuilder({ fn: FN, source: 'web' });

  // Global campaign calendar: one campaign every 35 days from day 5, each sent to 30% of the customers signed up by then.
  const campaignDay: number[] = [];
  const campaignName: string[] = [];
  for (let d = 5, j = 1; d < span; d += 35, j++) {
    campaignDay.push(d);
    campaignName.push(`${new Date(startMs + d * DAY_MS).toISOString().slice(0, 7)}-C${String(j).padStart(2, '0')}`);
  }

  // Columns of the customer table and the truth.
  const width = Math.max(5, String(N).length);
  const ids: string[] = new Array<string>(N);
  const age = new Float64Array(N);
  const gender: (string | null)[] = new Array<string | null>(N);
  const region: (string | null)[] = new Array<string | null>(N);
  const channel: (string | null)[] = new Array<string | null>(N);
  const language: (string | null)[] = new Array<string | null>(N);
  const plan: (string | null)[] = new Array<string | null>(N);
  const signupDate = new Float64Array(N);
  const churned = new Uint8Array(N);
  const churnTime = new Float64Array(N);
  const cause: (ChurnCause | null)[] = new Array<ChurnCause | null>(N);
  const causeTime = new Float64Array(N);
  const valueSegment: ValueSegment[] = new Array<ValueSegment>(N);
  const spendRate = new Float64Array(N);
  const priceSensitive = new Uint8Array(N);
  const reactivated = new Uint8Array(N);
  const reactivationTime = new Float64Array(N);

  const weights = CAUSES.map((c) => o.causeWeights[c]);
  const feasibleW = new Float64Array(4);
  const s = new Scratch();
  // Reused attribute objects: the builder reads them synchronously in push().
  const aSession: Record<string, number> = { session: 0 };
  const aOrder: Record<string, number | string | null> = { session: 0, coupon: null, discount: 0 };
  const aPos: Record<string, number | string | null> = { coupon: null, discount: 0 };
  const aCoupon: Record<string, string> = { coupon: '' };
  const aCampaign: Record<string, string> = { campaign: '' };
  const aFeature: Record<string, string> = { feature: '' };
  const aPlan: Record<string, string> = { plan: '' };
  const couponSec: number[] = [];
  const couponCode: number[] = [];
  const refundSec: number[] = [];
  const refundVal: number[] = [];
  const refundQty: number[] = [];
  let row = 0;

  for (let i = 0; i < N; i++) {
    const rng = new Random(customerSeed(o.seed, i));
    const id = `C${String(i + 1).padStart(width, '0')}`;
    ids[i] = id;

    // --- Attributes -------------------------------------------------------------------
    age[i] = Math.round(Math.min(80, Math.max(18, rng.normal(37, 12))));
    gender[i] = rng.bernoulli(0.02) ? null : GENDERS[rng.weighted(GENDER_W)]!;
    region[i] = REGIONS[rng.weighted(REGION_W)]!;
    const ch = rng.weighted(CHANNEL_W);
    channel[i] = CHANNELS[ch]!;
    const zh = rng.bernoulli(0.55);
    language[i] = zh ? 'zh' : 'en';
    const signup = rng.bernoulli(0.08) ? rng.uniform(0, Math.min(30, span * 0.1)) : rng.uniform(0, Math.max(0, span - 7));
    signupDate[i] = startMs + Math.floor(signup * 86400) * 1000;
    const planIdx = o.subscriptions ? rng.weighted([0.5, 0.35, 0.15]) : -1;
    plan[i] = planIdx >= 0 ? PLANS[planIdx]! : null;

    // --- Churn cause ------------------------------------------------------------------
    let causeIdx = -1;
    let D = Infinity; // day the cause begins
    let L = span; // day after which the customer initiates nothing
    if (rng.bernoulli(o.churnFraction)) {
      // minimum tenure before the cause, maximum days from cause to churn
      const minTenure = [60, 30, 45, 365];
      const maxDur = [49, 56, 180, 0];
      let any = false;
      for (let c = 0; c < 4; c++) {
        const lo = signup + minTenure[c]!;
        const hi = span - 7 - maxDur[c]!;
        feasibleW[c] = hi > lo ? weights[c]! : 0;
        if (feasibleW[c]! > 0) any = true;
      }
      if (any) {
        causeIdx = rng.weighted(feasibleW);
        D = rng.uniform(signup + minTenure[causeIdx]!, span - 7 - maxDur[causeIdx]!);
        L = causeIdx === 0 ? D + rng.uniform(21, 49) : causeIdx === 1 ? D + rng.uniform(14, 56) : causeIdx === 2 ? D + rng.uniform(90, 180) : D;
      }
    }
    const isPs = causeIdx === 0 || (causeIdx < 0 && rng.bernoulli(0.12)) || (causeIdx >= 1 && rng.bernoulli(0.05));
    const seg = causeIdx === 3 ? 2 : causeIdx === 2 ? rng.weighted([0.6, 0.35, 0.05]) : rng.weighted([0.5, 0.35, 0.15]);
    valueSegment[i] = SEGMENTS[seg]!;
    priceSensitive[i] = isPs ? 1 : 0;
    const fadeLen = causeIdx === 2 ? L - D : 1;
    // A returning churner: back R days into the period, after a silence of 90-240 days (no draw when the option is 0).
    let R = Infinity;
    if (causeIdx >= 0 && o.reactivationFraction > 0 && rng.bernoulli(o.reactivationFraction)) {
      const r = L + rng.uniform(90, 240);
      if (r < span - 14) R = r;
    }
    const back = R < Infinity;

    // --- Behaviour parameters ----------------------------------------------------------
    const meanGap = causeIdx === 3 ? clamp(Math.exp(rng.normal(Math.log(14), 0.2)), 8, 20) : causeIdx === 2 ? clamp(Math.exp(rng.normal(Math.log(16), 0.15)), 10, 22) : clamp(Math.exp(rng.normal(Math.log(seg === 2 ? 27 : 34), 0.2)), 12, 42);
    const shape = 12;
    const pPos = ch === 4 ? 0.5 : 0.05;
    const pApp = (1 - pPos) * rng.beta(2, 2);
    const pCart = [0.2, 0.25, 0.32][seg]!;
    const basketMu = Math.log(BASKET[seg]!);
    const satisfaction = causeIdx === 1 ? rng.normal(7.6, 1) : rng.normal(8.2, 1.1);
    const openRate = clamp(rng.beta(2, 5) + (isPs ? 0.15 : 0), 0.02, 0.9);
    const pFeat = rng.uniform(0.15, 0.45);
    const fav0 = rng.int(FEATURES.length);
    const fav1 = rng.int(FEATURES.length);

    s.n = 0;
    // --- Coupons issued by the shop (generated first: sessions redeem them) -------------
    couponSec.length = 0;
    couponCode.length = 0;
    const couponStop = causeIdx === 0 ? D : span;
    {
      // Coupons stop at `couponStop` (price-sensitive churners); a returning churner gets a
      // COMEBACK10 coupon a few days before its return, and regular coupons resume.
      const comeback = back ? R - rng.uniform(1, 5) : Infinity;
      let comebackDue = back;
      let t = signup + (isPs ? rng.uniform(0, 10) : rng.exponential(1 / 90));
      for (;;) {
        if (t >= couponStop && t < comeback) {
          if (!back) break;
          t = comeback;
        }
        let code: number;
        if (comebackDue && t >= comeback) {
          t = comeback;
          code = COMEBACK;
          comebackDue = false;
        } else code = isPs ? 1 + rng.int(COUPON_CODES.length - 1) : rng.int(COUPON_CODES.length);
        const sec = Math.floor(t * 86400);
        if (sec >= spanSec) break;
        couponSec.push(sec);
        couponCode.push(code);
        s.add(sec, K_ISSUED, 0, COUPON_VALUES[code]!, NaN, code);
        t += isPs ? rng.uniform(24, 40) : rng.exponential(1 / 180);
      }
    }

    // --- Sessions ------------------------------------------------------------------------
    refundSec.length = 0;
    refundVal.length = 0;
    refundQty.length = 0;
    let t = signup;
    let sessionNo = 0;
    let lastSec = -1; // time of the last customer-initiated event so far
    let cp = 0; // next coupon not yet seen
    let held = -1; // newest coupon seen, -1 none
    let heldUsed = false;
    let spendSteady = 0;
    let lastOrderSec = -1;
    let lastOrderVal = 0;
    let lastOrderQty = 0;
    let lastOrderRefunded = false;
    let trigger = causeIdx === 1; // the bad experience still has to happen (in a session on day D)
    let phaseEnd = L; // sessions run in [signup, L), and for a returning churner also in [R, end)
    let until1 = -1; // last customer-initiated second before the silence of a returning churner
    const backSec = back ? Math.floor(R * 86400) : Infinity;
    for (;;) {
      if (t >= phaseEnd) {
        if (!back || phaseEnd !== L) break;
        until1 = lastSec;
        t = R;
        phaseEnd = span;
      }
      sessionNo++;
      const after = t >= D && t < R; // in the cause's phase (never after a return)
      const frac = causeIdx === 2 && after ? Math.min(1, (t - D) / fadeLen) : 0;
      let sec = Math.floor(t * 86400);
      if (sec >= spanSec) break;
      const u = rng.next();
      const dev = u < pPos ? DEV_POS : u < pPos + pApp ? DEV_APP : DEV_WEB;
      while (cp < couponSec.length && couponSec[cp]! <= sec) {
        held = cp++;
        heldUsed = false;
      }
      const couponOk = held >= 0 && !heldUsed && sec - couponSec[held]! < 30 * 86400;
      // Probability that this session ends in an order.
      let pBuy = isPs ? (couponOk ? 0.75 : 0.08) : pCart * (couponOk ? 1.2 : 1);
      if (causeIdx === 1 && after) pBuy *= 0.3;
      else if (causeIdx === 2) pBuy *= 1 - 0.7 * frac;
      else if (causeIdx === 0 && after) pBuy *= 0.5;
      const pRefund = causeIdx === 1 && after ? 0.4 : 0.025;

      let orderSec = -1;
      if (dev === DEV_POS) {
        // In store: the pos_sale is the session's only record.
        orderSec = sec;
      } else {
        s.add(sec, dev === DEV_APP ? K_APP_OPEN : K_VISIT, dev, NaN, NaN, sessionNo);
        lastSec = sec;
        if (dev === DEV_WEB && rng.bernoulli(0.15)) {
          sec += 5 + rng.int(40);
          if (sec < spanSec) {
            s.add(sec, K_LOGIN, dev, NaN, NaN, sessionNo);
            lastSec = sec;
          }
        }
        if (dev === DEV_APP && rng.bernoulli(pFeat * (causeIdx === 1 && after ? 0.25 : 1) * (1 - frac))) {
          sec += 20 + rng.int(200);
          if (sec < spanSec) {
            s.add(sec, K_FEATURE, dev, NaN, NaN, rng.bernoulli(0.7) ? fav0 : rng.bernoulli(0.5) ? fav1 : rng.int(FEATURES.length));
            lastSec = sec;
          }
        }
        const buys = rng.bernoulli(pBuy);
        // Funnel: buyers view, add, check out and pay; browsers view, and some leave carts or checkouts unpaid.
        if (buys || rng.bernoulli(0.2)) {
          sec += 30 + rng.int(300);
          if (sec < spanSec) {
            s.add(sec, K_VIEW, dev, NaN, NaN, sessionNo);
            lastSec = sec;
            if (buys || rng.bernoulli(0.15)) {
              sec += 30 + rng.int(400);
              if (sec < spanSec) {
                s.add(sec, K_CART, dev, NaN, NaN, sessionNo);
                lastSec = sec;
                if (buys ? rng.bernoulli(0.93) : rng.bernoulli(0.3)) {
                  sec += 30 + rng.int(300);
                  if (sec < spanSec) {
                    s.add(sec, K_CHECKOUT, dev, NaN, NaN, sessionNo);
                    lastSec = sec;
                    if (buys) {
                      sec += 10 + rng.int(120);
                      if (sec < spanSec) orderSec = sec;
                    }
                  }
                }
              }
            }
          }
        }
      }
      if (orderSec >= 0) {
        const q = 1 + rng.poisson(0.5 + seg * 0.4);
        const gross = round2(Math.exp(rng.normal(basketMu, 0.4)) * (0.7 + 0.15 * q));
        let disc = 0;
        let code = -1;
        if (couponOk && rng.bernoulli(isPs ? 0.95 : 0.55)) {
          code = couponCode[held]!;
          disc = Math.min(COUPON_VALUES[code]!, round2(gross * 0.5));
          heldUsed = true;
        }
        const net = round2(gross - disc);
        s.add(orderSec, dev === DEV_POS ? K_POS_SALE : K_ORDER, dev, net, q, sessionNo, disc, code);
        if (code >= 0) s.add(orderSec, K_REDEEM, dev, disc, NaN, code);
        lastSec = orderSec;
        if (t < D) spendSteady += net;
        lastOrderSec = orderSec;
        lastOrderVal = net;
        lastOrderQty = q;
        lastOrderRefunded = rng.bernoulli(pRefund);
        if (lastOrderRefunded) {
          refundSec.push(orderSec + Math.floor(rng.uniform(2, 15) * 86400));
          refundVal.push(net);
          refundQty.push(q);
        }
      }

      // The bad experience itself: a complaint, and often a refund of the last order, on day D.
      if (trigger && after) {
        trigger = false;
        let c = lastSec + 600 + rng.int(3600);
        if (c < spanSec) {
          s.add(c, K_COMPLAINT, 4, NaN, NaN, pickText(rng, zh, B_NEG));
          lastSec = c;
          if (lastOrderSec >= 0 && !lastOrderRefunded && rng.bernoulli(0.8)) {
            c += 60 + rng.int(600);
            if (c < spanSec) {
              s.add(c, K_REFUND, 4, lastOrderVal, lastOrderQty, -1);
              lastSec = c;
            }
          }
        }
      }

      // Next session: a truncated gamma gap, seasonal, stretched by the cause's phase.
      const mult = !after ? 1 : causeIdx === 0 ? 1.3 : causeIdx === 1 ? 1.5 : causeIdx === 2 ? 1 + 2.5 * frac : 1;
      const doy = ((startEpochDay + t) % 365.2425) / 365.2425;
      const season = 1 + 0.2 * Math.cos(2 * Math.PI * (doy - 0.9));
      const scale = (meanGap * mult) / season / shape;
      let gap = rng.gamma(shape, scale);
      for (let k = 0; k < 4 && gap > MAX_GAP_DAYS; k++) gap = rng.gamma(shape, scale);
      gap = clamp(gap, 0.05, MAX_GAP_DAYS);
      const next = t + gap;
      t = trigger && next > D ? D : next;
    }

    // Steady spend rate: net orders from signup to the cause (or the end), per 30 days.
    spendRate[i] = round2((spendSteady / Math.max(1, Math.min(D, span) - signup)) * 30);

    // --- Customer-initiated events outside sessions, up to `until` (inclusive) -----------
    if (!back) until1 = lastSec;
    const until = causeIdx >= 0 ? until1 : spanSec - 1;
    // Customer-initiated events happen only while active: up to `until`, and again from a return.
    const active = (sec: number): boolean => sec <= until || (sec >= backSec && sec < spanSec);
    const lastDay = back ? span : until / 86400;
    const dSec = D * 86400;
    for (let k = 0; k < refundSec.length; k++) {
      if (active(refundSec[k]!)) s.add(refundSec[k]!, K_REFUND, 4, refundVal[k]!, refundQty[k]!, -1);
    }
    // Campaigns: sends are shop-initiated and continue after churn; opens are the customer's.
    for (let j = 0; j < campaignDay.length; j++) {
      const cd = campaignDay[j]!;
      if (cd < signup || !rng.bernoulli(0.3)) continue;
      const sec = Math.floor(cd * 86400) + 3600 * (8 + rng.int(4));
      if (sec >= spanSec) continue;
      s.add(sec, K_SENT, 5, NaN, NaN, j);
      let pOpen = openRate;
      if (cd >= D && cd < R) pOpen *= causeIdx === 2 ? Math.max(0, 1 - (cd - D) / fadeLen) : causeIdx === 1 ? 0.3 : 0.8;
      if (rng.bernoulli(pOpen)) {
        const os = sec + Math.floor(rng.exponential(1 / 6) * 3600);
        if (active(os)) s.add(os, K_OPENED, 5, NaN, NaN, j);
      }
    }
    // NPS invitations every 60-150 days, answered 40% of the time; a detractor answer after a bad experience.
    {
      let d = signup + rng.uniform(20, 120);
      while (d <= lastDay) {
        const inCause = d >= D && d < R;
        if (rng.bernoulli(0.4) && !(causeIdx === 1 && inCause) && active(Math.floor(d * 86400))) {
          const score = clamp(Math.round(satisfaction + rng.normal(0, 1) - (causeIdx === 2 && inCause ? 1.5 : 0)), 0, 10);
          addSurvey(s, rng, Math.floor(d * 86400), score, zh);
        }
        d += rng.uniform(60, 150);
      }
      if (causeIdx === 1 && rng.bernoulli(0.85)) addSurvey(s, rng, Math.floor(rng.uniform(Math.min(dSec + 3600, until), until)), rng.int(4), zh);
    }
    // Tickets: questions about once per 200 days, half with price words for price-sensitive customers.
    {
      let d = signup + rng.exponential(1 / 200);
      while (d <= lastDay) {
        const bank = isPs && rng.bernoulli(0.5) ? B_PRICE : B_NEUTRAL;
        const sec = Math.floor(d * 86400);
        if (active(sec)) s.add(sec, K_TICKET, 4, NaN, NaN, pickText(rng, zh, bank));
        d += rng.exponential(1 / 200);
      }
      if (causeIdx === 0 && rng.bernoulli(0.6)) {
        s.add(Math.floor(rng.uniform(Math.min(dSec, until), until)), K_TICKET, 4, NaN, NaN, pickText(rng, zh, B_PRICE));
      }
    }
    // Complaints: rare in the background (never from fading or lured-away customers), several after a bad experience.
    if (causeIdx !== 2 && causeIdx !== 3) {
      let d = signup + rng.exponential(1 / 1000);
      while (d <= lastDay) {
        const sec = Math.floor(d * 86400);
        if (active(sec)) s.add(sec, K_COMPLAINT, 4, NaN, NaN, pickText(rng, zh, B_NEG));
        d += rng.exponential(1 / 1000);
      }
      if (causeIdx === 1) {
        const extra = 1 + rng.poisson(1);
        for (let k = 0; k < extra; k++) s.add(Math.floor(rng.uniform(Math.min(dSec, until), until)), K_COMPLAINT, 4, NaN, NaN, pickText(rng, zh, B_NEG));
      }
    }
    // Subscriptions: subscribe at signup, renew every 30 days while active, cancel an hour after the last activity.
    let cancelSec = -1;
    if (planIdx >= 0) {
      const price = PLAN_PRICES[planIdx]!;
      const s0 = Math.floor(signup * 86400) + 120;
      if (s0 <= until) {
        s.add(s0, K_SUBSCRIBE, 3, price, NaN, planIdx);
        for (let sec = s0 + 30 * 86400; sec <= until; sec += 30 * 86400) s.add(sec, K_RENEW, 3, price, NaN, planIdx);
      }
      if (causeIdx >= 0 && until + 3600 < spanSec) {
        cancelSec = until + 3600;
        s.add(cancelSec, K_CANCEL, 3, NaN, NaN, planIdx);
      }
      if (back) {
        for (let sec = backSec + 120, k = 0; sec < spanSec; sec += 30 * 86400, k++) s.add(sec, k === 0 ? K_SUBSCRIBE : K_RENEW, 3, price, NaN, planIdx);
      }
    }

    // --- Truth -------------------------------------------------------------------------
    if (causeIdx >= 0) {
      churned[i] = 1;
      cause[i] = CAUSES[causeIdx]!;
      causeTime[i] = startMs + Math.floor(dSec) * 1000;
      churnTime[i] = startMs + (cancelSec >= 0 ? cancelSec : until) * 1000;
      reactivated[i] = back ? 1 : 0;
      reactivationTime[i] = back ? startMs + backSec * 1000 : NaN;
    } else {
      reactivationTime[i] = NaN;
      cause[i] = null;
      causeTime[i] = NaN;
      churnTime[i] = NaN;
    }

    // --- Emit in time order (ties in generation order) -----------------------------------
    const n = s.n;
    let M = 256;
    while (M <= n) M *= 2;
    const key = s.key;
    for (let k = 0; k < n; k++) key[k] = s.sec[k]! * M + k;
    const sorted = key.subarray(0, n).sort();
    for (let k = 0; k < n; k++) {
      const e = sorted[k]! % M;
      const kind = s.kind[e]!;
      const tMs = startMs + s.sec[e]! * 1000;
      const fixed = KIND_SOURCE[kind]!;
      const src = SOURCES[fixed === -1 ? s.dev[e]! : fixed]!;
      const type = KIND_TYPE[kind]!;
      const a0 = s.a0[e]!;
      switch (kind) {
        case K_VIEW:
        case K_CART:
        case K_CHECKOUT:
          aSession.session = a0;
          builder.push(row++, id, tMs, type, NaN, NaN, undefined, aSession, src);
          break;
        case K_ORDER:
        case K_POS_SALE: {
          const code = s.a2[e]!;
          const attrs = kind === K_ORDER ? aOrder : aPos;
          if (kind === K_ORDER) aOrder.session = a0;
          attrs.coupon = code >= 0 ? COUPON_CODES[code]! : null;
          attrs.discount = s.a1[e]!;
          builder.push(row++, id, tMs, type, s.val[e]!, s.qty[e]!, undefined, attrs, src);
          break;
        }
        case K_REDEEM:
        case K_ISSUED:
          aCoupon.coupon = COUPON_CODES[a0]!;
          builder.push(row++, id, tMs, type, s.val[e]!, NaN, undefined, aCoupon, src);
          break;
        case K_FEATURE:
          aFeature.feature = FEATURES[a0]!;
          builder.push(row++, id, tMs, type, NaN, NaN, undefined, aFeature, src);
          break;
        case K_SENT:
        case K_OPENED:
          aCampaign.campaign = campaignName[a0]!;
          builder.push(row++, id, tMs, type, NaN, NaN, undefined, aCampaign, src);
          break;
        case K_SUBSCRIBE:
        case K_RENEW:
        case K_CANCEL:
          aPlan.plan = PLANS[a0]!;
          builder.push(row++, id, tMs, type, s.val[e]!, NaN, undefined, aPlan, src);
          break;
        case K_TICKET:
        case K_COMPLAINT:
        case K_SURVEY:
          builder.push(row++, id, tMs, type, s.val[e]!, NaN, a0 >= 0 ? textOf(a0) : undefined, undefined, src);
          break;
        default:
          // visit, login, app_open, refund
          builder.push(row++, id, tMs, type, s.val[e]!, s.qty[e]!, undefined, undefined, src);
      }
    }
  }

  const log = builder.build();
  const columns = new Map<string, CustomerColumn>();
  columns.set('age', Object.freeze({ kind: 'numeric', values: age }));
  columns.set('gender', Object.freeze({ kind: 'categorical', values: Object.freeze(gender) }));
  columns.set('region', Object.freeze({ kind: 'categorical', values: Object.freeze(region) }));
  columns.set('channel', Object.freeze({ kind: 'categorical', values: Object.freeze(channel) }));
  columns.set('language', Object.freeze({ kind: 'categorical', values: Object.freeze(language) }));
  columns.set('signupDate', Object.freeze({ kind: 'time', values: signupDate }));
  if (o.subscriptions) columns.set('plan', Object.freeze({ kind: 'categorical', values: Object.freeze(plan) }));
  const frozenIds = Object.freeze(ids);
  const customers = new CustomerTable(frozenIds, columns);
  const frozenCause = Object.freeze(cause);
  const frozenSeg = Object.freeze(valueSegment);
  const truth: ShopTruth = Object.freeze({
    customerIds: frozenIds,
    churned,
    churnTime,
    cause: frozenCause,
    causeTime,
    valueSegment: frozenSeg,
    spendRate,
    priceSensitive,
    reactivated,
    reactivationTime,
    at(i: number): CustomerTruth {
      if (!Number.isInteger(i) || i < 0 || i >= N) {
        throw new ChurnkitError('INVALID_INPUT', `ShopTruth.at: index must be an integer from 0 to ${N - 1}; received ${show(i)}.`, {
          expected: `an integer from 0 to ${N - 1}`,
          received: i,
        });
      }
      const ct = churnTime[i]!;
      const cs = causeTime[i]!;
      return {
        customerId: frozenIds[i]!,
        churned: churned[i] === 1,
        churnTime: Number.isNaN(ct) ? null : ct,
        cause: frozenCause[i]!,
        causeTime: Number.isNaN(cs) ? null : cs,
        valueSegment: frozenSeg[i]!,
        spendRate: spendRate[i]!,
        priceSensitive: priceSensitive[i] === 1,
        reactivated: reactivated[i] === 1,
        reactivationTime: reactivated[i] === 1 ? reactivationTime[i]! : null,
      };
    },
  });
  return Object.freeze({ log, customers, truth, start: o.start, end: o.end, options: o, shopInitiatedTypes: SHOP_INITIATED, maxActiveGapDays: MAX_GAP_DAYS });
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
