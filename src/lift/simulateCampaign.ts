import type { ChurnCause, SimulatedShop } from '../data/simulateShop.js';
import { byIdOption, checkOptions, daysOption, timeOption } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { Random } from '../internal/random.js';
import { DAY_MS } from '../internal/time.js';
import type { CampaignOutcome } from './CampaignOutcome.js';

/** A retention strategy of a simulated campaign, with its true effect. @category Lift */
export interface SimulatedStrategy {
  /** Strategy id (non-empty, unique). */
  id: string;
  /** Cost per treated customer (≥ 0). */
  cost: number;
  /**
   * Probability in [0, 1] that the treatment keeps a customer who would otherwise churn in the
   * window, by the customer's planted churn cause (`'none'`: no cause); missing causes get 0.
   */
  successByCause: Partial<Record<ChurnCause | 'none', number>>;
}

/** How treated customers get a strategy in {@link simulateCampaign}. @category Lift */
export type StrategyAssignment = 'round_robin' | 'random' | Readonly<Record<string, string>> | ReadonlyMap<string, string>;

/** Options of {@link simulateCampaign}. @category Lift */
export interface SimulateCampaignOptions {
  /** Campaign start: the window is [asOf, asOf + windowDays). */
  asOf: Date | string | number;
  /**
   * Customer ids in the campaign. Default: every customer with an event before `asOf` who has
   * not churned before it (truth.churnTime ≥ asOf or none) — the customers a retention campaign can still keep.
   */
  customers?: Iterable<string>;
  /** The strategies (at least one). */
  strategies: readonly SimulatedStrategy[];
  /** Probability in (0, 1) that a customer is held out as a control. Default 0.2. */
  holdout?: number;
  /** Window length in days. Default 90. */
  windowDays?: number;
  /**
   * Strategy per customer (controls get the one they would have had): `'round_robin'` (default:
   * the k-th campaign customer gets strategy k mod S), `'random'` (uniform, seeded), or a record
   * customer id → strategy id covering every campaign customer.
   */
  assign?: StrategyAssignment;
  /** Seed of the holdout draw, the random assignment and the saves. */
  seed: number;
}

/** The planted effect of a simulated campaign. @category Lift */
export interface SimulatedCampaignTruth {
  /**
   * Expected lift in the retention rate over all campaign customers (both arms): the mean of
   * wouldChurn × success, where wouldChurn = 1 when truth.churnTime falls in the window and
   * success is the customer's strategy's probability for its cause — the sample average
   * treatment effect, given the sample, in expectation over the saves.
   */
  overall: number;
  /** The same mean over the customers (both arms) of each strategy, by strategy id. */
  byStrategy: Record<string, number>;
  /** Campaign customers who would churn in the window without treatment. */
  wouldChurn: number;
  /** Treated would-be churners actually saved in this draw. */
  saved: number;
}

/** Result of {@link simulateCampaign}. @category Lift */
export interface SimulatedCampaign {
  /** One outcome per campaign customer, in log order: retained, expected revenue, cost, value segment, strategy, spend rate as value. */
  outcomes: CampaignOutcome[];
  /** The planted effect. */
  truth: SimulatedCampaignTruth;
  /** Campaign start (epoch ms). */
  asOf: number;
  /** Window end (exclusive, epoch ms). */
  windowEnd: number;
}

const CAUSE_KEYS: readonly string[] = ['price_sensitive', 'bad_experience', 'fading', 'lured_away', 'none'];

/**
 * Simulates a retention campaign with a holdout on `simulateShop`'s customers, whose true effect is known.
 *
 * In the churn workflow it is the test bench of the lift stage: run a campaign whose effect you
 * planted, evaluate it with {@link evaluateCampaign}, and see whether the interval covers the
 * truth and the verdicts pick the right strategies — before trusting them on real campaigns.
 *
 * Model: the window is [asOf, asOf + windowDays). A customer's natural outcome comes from the
 * shop's truth: lost when truth.churnTime falls before the window end (would-be churner when it
 * falls inside the window; customers already gone before asOf stay lost and cannot be saved),
 * retained otherwise. Each customer is held out with probability `holdout` (independent seeded
 * Bernoulli draws; sfc32), gets a strategy (controls: the one they would have had), and a treated
 * would-be churner is saved with its strategy's `successByCause[cause]`. Random draws are taken
 * for every customer in log order whatever the outcome, so a seed fixes the whole campaign.
 * Outcomes carry cost = the strategy's cost (treated) or 0, revenue = the expected spend in the
 * window (truth.spendRate × days kept / 30: the whole window when retained, until churnTime for a
 * lost would-be churner, 0 when gone before asOf), segment = value segment and value = spendRate.
 * The truth is the **expected** lift given the sample (see {@link SimulatedCampaignTruth}), the
 * estimand `evaluateCampaign`'s lift estimates. O(customers).
 *
 * @param shop - a simulated shop
 * @param options - {@link SimulateCampaignOptions}
 * @returns outcomes for `evaluateCampaign` and the planted truth
 * @throws ChurnkitError `INVALID_TIME` (an asOf that is not a time), `INVALID_OPTION` (bad holdout, windowDays, seed, strategies, assign;
 *   with its path), `UNKNOWN_CUSTOMER` (a customer id not in the shop), `DUPLICATE_CUSTOMER`,
 *   `EMPTY_INPUT` (no campaign customer), `INVALID_INPUT` (shop is not a simulated shop)
 * @example
 * ```ts
 * const shop = simulateShop({ customers: 5000, seed: 1 });
 * const sim = simulateCampaign(shop, {
 *   asOf: '2024-01-01', seed: 7, holdout: 0.5,
 *   strategies: [
 *     { id: 'coupon', cost: 5, successByCause: { price_sensitive: 0.6, fading: 0.2 } },
 *     { id: 'apology', cost: 1, successByCause: { bad_experience: 0.5 } },
 *   ],
 * });
 * sim.outcomes.length; // 2547 customers active on 1 Jan 2024 (177 would churn within 90 days)
 * sim.truth.overall;   // 0.01661: the planted lift (coupon 0.01868, apology 0.01453)
 * evaluateCampaign(sim.outcomes).overall.lift; // 0.02832: its estimate from this draw
 * ```
 * @category Lift
 */
export function simulateCampaign(shop: SimulatedShop, options: SimulateCampaignOptions): SimulatedCampaign {
  const fn = 'simulateCampaign';
  const s = shop as Partial<SimulatedShop> | null;
  if (s === null || typeof s !== 'object' || s.truth === undefined || s.log === undefined || !(s.truth.churnTime instanceof Float64Array)) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: the first argument must be a SimulatedShop (see simulateShop); received ${show(shop)}.`, {
      expected: 'a SimulatedShop', received: shop,
    });
  }
  checkOptions(fn, options);
  const asOf = timeOption(fn, 'asOf', options.asOf);
  const holdout = options.holdout ?? 0.2;
  if (typeof holdout !== 'number' || !(holdout > 0 && holdout < 1)) invalidOption(fn, 'holdout', 'a number in (0, 1)', holdout);
  const windowDays = daysOption(fn, 'windowDays', options.windowDays ?? 90);
  if (!Number.isSafeInteger(options.seed)) invalidOption(fn, 'seed', 'a safe integer', options.seed);
  const strategies = readStrategies(fn, options.strategies);
  const windowEnd = asOf + windowDays * DAY_MS;
  const { log, truth } = shop;
  // The shop's truth ends at shop.end: a churn after it is never drawn, so a window reaching past
  // it would count everyone not yet churned as retained.
  if (typeof shop.end === 'number' && windowEnd > shop.end) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: the campaign window [asOf, asOf + ${windowDays} days) ends ${new Date(windowEnd).toISOString()}, after the simulated shop ends (${new Date(shop.end).toISOString()}); churn after the shop's end is not simulated, so nobody would churn there. Choose asOf ≤ ${new Date(shop.end - windowDays * DAY_MS).toISOString()} or a shorter window.`, {
      path: ['asOf'],
      field: 'asOf',
      expected: `a time ≤ ${new Date(shop.end - windowDays * DAY_MS).toISOString()} (the shop's end minus windowDays)`,
      received: options.asOf,
    });
  }

  // Campaign customers, as indices into the shop (log order).
  let members: number[];
  if (options.customers === undefined) {
    members = [];
    const { offsets, time, rows } = log;
    for (let c = 0; c < log.customerCount; c++) {
      const a = offsets[c]!;
      if (a === offsets[c + 1]!) continue;
      const first = time[rows === null ? a : rows[a]!]!;
      const ct = truth.churnTime[c]!;
      if (first < asOf && !(ct < asOf)) members.push(c);
    }
  } else {
    const ids = options.customers as unknown;
    if (ids === null || typeof ids !== 'object' || typeof (ids as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      invalidOption(fn, 'customers', 'an iterable of customer ids', ids);
    }
    const seen = new Set<number>();
    let k = 0;
    for (const id of ids as Iterable<unknown>) {
      const c = typeof id === 'string' ? log.customerIndex(id) : -1;
      if (c < 0) {
        throw new ChurnkitError('UNKNOWN_CUSTOMER', `${fn}: customers[${k}] = ${show(id)} is not a customer of the shop.`, {
          path: ['customers', k], field: 'customers', expected: 'ids of the shop (C00001, …)', received: id,
        });
      }
      if (seen.has(c)) {
        throw new ChurnkitError('DUPLICATE_CUSTOMER', `${fn}: customer ${show(id)} appears twice in option "customers" (again at ${k}).`, {
          path: ['customers', k], field: 'customers', expected: 'each customer once', received: id,
        });
      }
      seen.add(c);
      k++;
    }
    members = [...seen].sort((x, y) => x - y);
  }
  if (members.length === 0) {
    throw new ChurnkitError('EMPTY_INPUT', `${fn}: no campaign customer (asOf ${new Date(asOf).toISOString()}); nobody is active before it.`, {
      path: ['customers'], expected: 'at least one customer',
    });
  }

  const assign = options.assign ?? 'round_robin';
  const strategyIndex = new Map<string, number>();
  strategies.forEach((st, j) => strategyIndex.set(st.id, j));
  let fixed: ReadonlyMap<string, string> | null = null;
  if (assign !== 'round_robin' && assign !== 'random') {
    fixed = byIdOption(fn, 'assign', assign, (v): v is string => typeof v === 'string' && strategyIndex.has(v), `a strategy id (${strategies.map((x) => x.id).join(', ')})`, "'round_robin', 'random', or a record or Map from customer id to strategy id");
  }

  const rng = new Random(options.seed);
  const nS = strategies.length;
  const effectSum = new Float64Array(nS);
  const countS = new Float64Array(nS);
  let effectAll = 0;
  let wouldChurnCount = 0;
  let saved = 0;
  const outcomes: CampaignOutcome[] = new Array<CampaignOutcome>(members.length);
  for (let k = 0; k < members.length; k++) {
    const c = members[k]!;
    const id = truth.customerIds[c]!;
    // Three draws per customer, always taken, so that a seed fixes the whole campaign.
    const uHoldout = rng.next();
    const uStrategy = rng.next();
    const uSave = rng.next();
    let j: number;
    if (fixed !== null) {
      const sid = fixed.get(id);
      if (sid === undefined) {
        throw new ChurnkitError('INVALID_OPTION', `${fn}: option "assign" gives no strategy for campaign customer ${show(id)}; every campaign customer needs one.`, {
          path: ['assign', id],
          field: 'assign',
          expected: `a strategy id (${strategies.map((x) => x.id).join(', ')})`,
          received: undefined,
        });
      }
      j = strategyIndex.get(sid)!;
    } else {
      j = assign === 'random' ? Math.floor(uStrategy * nS) : k % nS;
    }
    const st = strategies[j]!;
    const treated = !(uHoldout < holdout);
    const ct = truth.churnTime[c]!;
    const gone = ct < asOf;
    const wouldChurn = !gone && ct < windowEnd;
    const cause = truth.cause[c] ?? 'none';
    const success = wouldChurn ? st.success[cause] ?? 0 : 0;
    effectSum[j]! += success;
    countS[j]!++;
    effectAll += success;
    if (wouldChurn) wouldChurnCount++;
    const isSaved = treated && wouldChurn && uSave < success;
    if (isSaved) saved++;
    const retained = !gone && (!wouldChurn || isSaved);
    const keptDays = gone ? 0 : retained ? windowDays : Math.max(0, ct - asOf) / DAY_MS;
    const rate = truth.spendRate[c]!;
    outcomes[k] = {
      customerId: id,
      group: treated ? 'treatment' : 'control',
      retained,
      revenue: (rate * keptDays) / 30,
      cost: treated ? st.cost : 0,
      segment: truth.valueSegment[c]!,
      strategy: st.id,
      value: rate,
    };
  }
  const byStrategy: Record<string, number> = {};
  for (let j = 0; j < nS; j++) byStrategy[strategies[j]!.id] = countS[j]! > 0 ? effectSum[j]! / countS[j]! : NaN;
  return {
    outcomes,
    truth: { overall: effectAll / members.length, byStrategy, wouldChurn: wouldChurnCount, saved },
    asOf,
    windowEnd,
  };
}

interface ReadStrategy {
  id: string;
  cost: number;
  success: Partial<Record<string, number>>;
}

function readStrategies(fn: string, list: unknown): ReadStrategy[] {
  if (!Array.isArray(list) || list.length === 0) invalidOption(fn, 'strategies', 'a non-empty array of strategies', list);
  const out: ReadStrategy[] = [];
  const ids = new Set<string>();
  list.forEach((raw: unknown, j: number) => {
    const fail = (field: string, expected: string, received: unknown): never => {
      const path = field === '' ? ['strategies', j] : ['strategies', j, ...field.split('.')];
      throw new ChurnkitError('INVALID_OPTION', `${fn}: option "${path.join('.')}" must be ${expected}; received ${show(received)}.`, {
        path, field: 'strategies', expected, received,
      });
    };
    if (raw === null || typeof raw !== 'object') fail('', 'a strategy { id, cost, successByCause }', raw);
    const o = raw as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id === '') fail('id', 'a non-empty string', o.id);
    const id = o.id as string;
    if (ids.has(id)) fail('id', 'a unique strategy id', id);
    ids.add(id);
    if (typeof o.cost !== 'number' || !Number.isFinite(o.cost) || o.cost < 0) fail('cost', 'a finite number ≥ 0', o.cost);
    const sbc = o.successByCause;
    if (sbc === null || typeof sbc !== 'object' || Array.isArray(sbc)) fail('successByCause', 'a record cause → probability', sbc);
    const success: Partial<Record<string, number>> = {};
    for (const [k, v] of Object.entries(sbc as Record<string, unknown>)) {
      if (!CAUSE_KEYS.includes(k)) fail(`successByCause.${k}`, `a key among ${CAUSE_KEYS.join(', ')}`, k);
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(`successByCause.${k}`, 'a probability in [0, 1]', v);
      success[k] = v as number;
    }
    out.push({ id, cost: o.cost as number, success });
  });
  return out;
}
