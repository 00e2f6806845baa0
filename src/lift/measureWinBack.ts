import type { ChurnRule } from '../churn/ChurnRule.js';
import { CustomerSpells, resolveDataEnd } from '../churn/_prepare.js';
import type { EventLog } from '../data/EventLog.js';
import { NeumaierSum } from '../internal/neumaier.js';
import { checkLog, checkOptions, daysOption } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import { DAY_MS, isoDate, toEpochMs } from '../internal/time.js';
import type { ActionIssue, ActionRecord } from './ActionRecord.js';
import type { CampaignGroup, CampaignOutcome } from './CampaignOutcome.js';
import type { CampaignResult } from './CampaignResult.js';
import { evaluateCampaign, type EvaluateCampaignOptions } from './evaluateCampaign.js';
import { badField, checkRows, numberField, rowObject, textField } from './_rows.js';

/**
 * Which windows that run past the end of the data are censored (left out of the outcomes):
 * `'unreturned'` only those whose customer has not come back yet (the customers who did come
 * back are counted as returned); `'incomplete'` every one of them, returned or not.
 *
 * @category Lift
 */
export type WinBackCensoring = 'unreturned' | 'incomplete';

/** Options of {@link measureWinBack}. @category Lift */
export interface MeasureWinBackOptions {
  /** Length of each action's measurement window in days: events in [action time, action time + windowDays) are read. */
  windowDays: number;
  /**
   * "Came back" under a churn rule: the customer is not churned under the rule at the end of the
   * window (the same spells as `churnStatus` with `asOf` = window end). Default: any purchase-role event in the window.
   */
  rule?: ChurnRule;
  /** End of the observed data (exclusive); events at or after it are not read. Default: the log's last event + 1 ms. */
  dataEnd?: Date | string | number;
  /** Which windows that run past `dataEnd` are censored. Default `'unreturned'`. */
  censor?: WinBackCensoring;
  /** Options passed to `evaluateCampaign` (alpha, expectedTreatmentShare, test). */
  campaign?: EvaluateCampaignOptions;
}

/** One measured action (one row per action of a customer found in the log). @category Lift */
export interface WinBackRow {
  /** Index of the action in the input array. */
  index: number;
  /** Customer id. */
  customerId: string;
  /** Treated or held out. */
  group: CampaignGroup;
  /** Strategy of the action, or null. */
  strategy: string | null;
  /** Segment of the action, or null. */
  segment: string | null;
  /** The action time (epoch ms). */
  actionTime: number;
  /** End of the window (exclusive, epoch ms): actionTime + windowDays. */
  windowEnd: number;
  /** Whether the window ends at or before `dataEnd` (false: only part of it was observed). */
  windowComplete: boolean;
  /** Came back in the window (false when censored). */
  returned: boolean;
  /**
   * When the customer came back: the first purchase in the window; under a rule, the end of the
   * last churn spell that ended in the window (the event that brought the customer back). NaN when
   * not returned, or under a rule when the customer was never churned in the window (retained).
   */
  returnTime: number;
  /** (returnTime − actionTime) in days (fractional); NaN with returnTime. */
  daysToReturn: number;
  /** Sum of purchase values in the observed part of the window (compensated sum; NaN values are skipped and counted). */
  revenue: number;
  /** Purchase-role events in the observed part of the window. */
  purchases: number;
  /** Under a rule, whether the customer was in a churn spell at the action time; null without a rule. */
  churnedAtAction: boolean | null;
  /** Left out of the outcomes because the window runs past `dataEnd` (see {@link WinBackCensoring}). */
  censored: boolean;
}

/** Result of {@link measureWinBack}. @category Lift */
export interface WinBackResult {
  /** One row per action of a known customer, in input order. */
  rows: WinBackRow[];
  /**
   * The uncensored rows as campaign outcomes (`retained` = returned), in input order. A customer's
   * first action keeps the plain id; a later action of the same customer gets `id#2`, `id#3`, …
   */
  outcomes: CampaignOutcome[];
  /** Censored actions (left out of the outcomes). */
  censored: number;
  /** Censored actions per arm. */
  censoredByGroup: Record<CampaignGroup, number>;
  /** Actions whose customer is not in the log: counted here, listed in `issues`, left out. */
  unknownCustomers: number;
  /** Problems with single actions. */
  issues: ActionIssue[];
  /** Actions whose customer has an earlier action in the input (measured on their own windows). */
  repeatedActions: number;
  /** Purchase events in measured windows whose value is missing (NaN): not added to revenue. */
  purchasesWithoutValue: number;
  /** `evaluateCampaign(outcomes, options.campaign)`, or null when an arm has no uncensored outcome. */
  evaluation: CampaignResult | null;
  /** `'purchase'` (default) or `'rule'`: how "came back" was decided. */
  definition: 'purchase' | 'rule';
  /** The end of the observed data used (epoch ms). */
  dataEnd: number;
  /** The window length used. */
  windowDays: number;
  /** What the reader should know: censoring, repeats, unknown customers, missing arms. */
  warnings: string[];
}

/**
 * Measures win-back from the event log: for each action (and each held-out control), did the
 * customer come back within the window, when, and with how much revenue — then evaluates the
 * campaign on the outcomes.
 *
 * In the churn workflow this turns an action log (who got which win-back offer, who was held
 * out and when) plus the events that followed into `CampaignOutcome` rows for
 * {@link evaluateCampaign}, so the lift is measured from what customers did, not from a flag
 * someone typed in.
 *
 * Window: [t, t + windowDays) for an action at t, cut at `dataEnd` (events at or after `dataEnd`
 * are never read). Default definition: the customer came back when a purchase-role event falls in
 * the window (an order at the very moment t counts); returnTime = the first such purchase. With
 * `rule`: the customer came back when it is not churned under the rule at the window end W —
 * exactly `churnStatus(log, rule, { asOf: W })` ≠ `'churned'`, i.e. no churn spell computed from
 * the events before W has start < W ≤ end. This reads the customer's history before t as well
 * (an inactivity clock needs the last purchase), but nothing at or after W. A customer who was
 * never churned in the window counts as retained (returned, returnTime NaN).
 * Revenue: the compensated (Neumaier) sum of purchase values in [t, min(W, dataEnd)).
 *
 * Censoring: a window with W > `dataEnd` is only partly observed. With `censor: 'unreturned'`
 * (default) a customer who has not come back by `dataEnd` is censored — reported, counted, and
 * left out of the outcomes, not counted as a failure — while a customer who already came back is
 * kept as returned (under a rule: not churned at `dataEnd`), with the revenue seen so far. That
 * keeps early returners and drops late ones, which favours the arm that brings customers back
 * sooner; `censor: 'incomplete'` censors every partly observed window instead and gives an
 * unbiased comparison when action times do not depend on the arm.
 *
 * Several actions of one customer are each measured on their own window (a purchase in two
 * overlapping windows counts in both); their outcomes are not independent, which the campaign
 * interval assumes, so they are counted and warned about. Customers absent from the log are
 * listed in `issues` and left out. O(actions × log(events per customer)) with `positionAt`,
 * plus the purchases inside the windows; with a rule, plus the customer's events before W.
 *
 * @param log - the event log
 * @param actions - the action log (see {@link ActionRecord}); not modified
 * @param options - {@link MeasureWinBackOptions}
 * @returns rows, campaign outcomes, censoring counts, issues and the campaign evaluation
 * @throws ChurnkitError `INVALID_INPUT` (log or actions not an array, or a bad group, strategy,
 *   segment, cost or value at path `['actions', i, field]`), `INVALID_ROW` (an action that is not
 *   an object), `INVALID_CUSTOMER` (`['actions', i, 'customerId']`), `INVALID_TIME`
 *   (`['actions', i, 'time']`, or a bad `dataEnd`), `EMPTY_INPUT` (no actions), `INVALID_OPTION`
 *   (windowDays, censor, campaign options), `INVALID_RULE`
 * @example
 * ```ts
 * const log = createEventLog([
 *   { customerId: 'a', time: '2024-01-05', type: 'order', value: 30 },
 *   { customerId: 'a', time: '2024-03-10', type: 'order', value: 25 },
 *   { customerId: 'b', time: '2024-01-20', type: 'order', value: 40 },
 *   { customerId: 'b', time: '2024-06-30', type: 'visit' },
 * ]);
 * const r = measureWinBack(log, [
 *   { customerId: 'a', time: '2024-03-01', group: 'treatment', cost: 2 },
 *   { customerId: 'b', time: '2024-03-01', group: 'control' },
 * ], { windowDays: 30 });
 * r.rows.map((x) => [x.returned, x.daysToReturn, x.revenue]); // [[true, 9, 25], [false, NaN, 0]]
 * r.evaluation?.overall.lift; // 1
 * ```
 * @category Lift
 */
export function measureWinBack(log: EventLog, actions: readonly ActionRecord[], options: MeasureWinBackOptions): WinBackResult {
  const fn = 'measureWinBack';
  checkLog(fn, log);
  checkOptions(fn, options);
  const windowDays = daysOption(fn, 'windowDays', options.windowDays);
  const windowMs = windowDays * DAY_MS;
  const censorMode = options.censor ?? 'unreturned';
  if (censorMode !== 'unreturned' && censorMode !== 'incomplete') invalidOption(fn, 'censor', "'unreturned' or 'incomplete'", censorMode);
  const spellsOf = options.rule === undefined ? null : new CustomerSpells(fn, log, options.rule);
  const dataEndRaw = resolveDataEnd(fn, log, options.dataEnd);
  // An empty log: nothing was observed, every window is unobserved (all customers are unknown anyway).
  const dataEnd = Number.isNaN(dataEndRaw) ? -Infinity : dataEndRaw;
  checkRows(fn, 'actions', actions, 'ActionRecord', 'at least one action');

  const purchase = log.roleMask('purchase');
  const { time, value, type, rows: viewRows } = log;
  const rows: WinBackRow[] = [];
  const outcomes: CampaignOutcome[] = [];
  const issues: ActionIssue[] = [];
  const censoredByGroup: Record<CampaignGroup, number> = { treatment: 0, control: 0 };
  const timesSeen = new Map<string, number>();
  const outcomeIds = new Set<string>();
  let repeated = 0;
  let noValue = 0;
  let partialReturned = 0;

  for (let i = 0; i < actions.length; i++) {
    const a = readAction(fn, actions[i], i);
    const seen = timesSeen.get(a.customerId) ?? 0;
    timesSeen.set(a.customerId, seen + 1);
    if (seen > 0) repeated++;
    const c = log.customerIndex(a.customerId);
    if (c < 0) {
      issues.push({
        index: i,
        customerId: a.customerId,
        code: 'UNKNOWN_CUSTOMER',
        message: `actions[${i}]: customer ${show(a.customerId)} (${a.group}) has no event in the log; left out of the outcomes.`,
      });
      continue;
    }
    const t = a.time;
    const w = t + windowMs;
    const complete = w <= dataEnd;
    const until = complete ? w : dataEnd; // read events in [t, until)
    // Purchases in the window: first one, count and revenue.
    let firstPurchase = NaN;
    let purchases = 0;
    let revenue = 0;
    if (until > t) {
      const p0 = log.positionAt(c, t);
      const p1 = log.positionAt(c, until);
      const sum = new NeumaierSum(); // one per action, none per event
      for (let k = p0; k < p1; k++) {
        const r = viewRows === null ? k : viewRows[k]!;
        if (purchase[type[r]!] !== 1) continue;
        if (purchases === 0) firstPurchase = time[r]!;
        purchases++;
        const v = value[r]!;
        if (Number.isNaN(v)) noValue++;
        else sum.add(v);
      }
      revenue = sum.value;
    }

    let returned: boolean;
    let returnTime = NaN;
    let churnedAtAction: boolean | null = null;
    if (spellsOf === null) {
      returned = purchases > 0;
      returnTime = firstPurchase;
    } else {
      // Spells from events before `until`; spells starting at or after it are dropped and ends at
      // or after it become Infinity (still churned at `until`), as churnStatus does at asOf = until.
      const sp = spellsOf.compute(c, until, until);
      const n = sp.n;
      const churnedAtEnd = n > 0 && sp.end[n - 1]! >= until;
      churnedAtAction = false;
      for (let j = 0; j < n; j++) {
        if (sp.start[j]! < t && t <= sp.end[j]!) {
          churnedAtAction = true;
          break;
        }
      }
      returned = !churnedAtEnd && until > t;
      if (returned && n > 0 && sp.end[n - 1]! >= t) returnTime = sp.end[n - 1]!;
    }
    let censored = false;
    if (!complete) {
      if (censorMode === 'incomplete' || !returned) censored = true;
      else partialReturned++;
    }
    if (censored) {
      returned = false;
      returnTime = NaN;
      censoredByGroup[a.group]++;
    }
    rows.push({
      index: i,
      customerId: a.customerId,
      group: a.group,
      strategy: a.strategy,
      segment: a.segment,
      actionTime: t,
      windowEnd: w,
      windowComplete: complete,
      returned,
      returnTime,
      daysToReturn: Number.isNaN(returnTime) ? NaN : (returnTime - t) / DAY_MS,
      revenue,
      purchases,
      churnedAtAction,
      censored,
    });
    if (censored) continue;
    let id = seen === 0 ? a.customerId : `${a.customerId}#${seen + 1}`;
    while (outcomeIds.has(id)) id += '#';
    outcomeIds.add(id);
    const o: CampaignOutcome = { customerId: id, group: a.group, retained: returned, revenue };
    if (a.cost !== undefined) o.cost = a.cost;
    if (a.value !== undefined) o.value = a.value;
    if (a.segment !== null) o.segment = a.segment;
    if (a.strategy !== null) o.strategy = a.strategy;
    outcomes.push(o);
  }

  const warnings: string[] = [];
  const censored = censoredByGroup.treatment + censoredByGroup.control;
  const end = Number.isFinite(dataEnd) ? isoDate(dataEnd) : 'the start (empty log)';
  if (issues.length > 0) {
    warnings.push(`${issues.length} action(s) name customers with no event in the log (see issues); they are left out of the outcomes.`);
  }
  if (censored > 0) {
    warnings.push(`${censored} action(s) censored (${censoredByGroup.treatment} treated, ${censoredByGroup.control} controls): their window runs past ` +
      `the end of the data (${end})${censorMode === 'unreturned' ? ' and the customer has not come back yet' : ''}; left out of the outcomes.`);
  }
  if (partialReturned > 0) {
    warnings.push(`${partialReturned} returned action(s) have a window cut at the end of the data: their revenue is partial, and keeping them ` +
      "while censoring the unreturned favours the arm that returns sooner; censor: 'incomplete' avoids this.");
  }
  if (repeated > 0) {
    warnings.push(`${repeated} action(s) are for customers with an earlier action: each is measured on its own window, but their outcomes ` +
      'are not independent, which the campaign interval assumes.');
  }
  if (noValue > 0) warnings.push(`${noValue} purchase(s) in the windows have no value: counted as purchases, not added to revenue.`);
  let evaluation: CampaignResult | null = null;
  const hasT = outcomes.some((o) => o.group === 'treatment');
  const hasC = outcomes.some((o) => o.group === 'control');
  if (hasT && hasC) evaluation = evaluateCampaign(outcomes, options.campaign);
  else warnings.push(`no evaluation: the ${hasT ? 'control' : 'treatment'} arm has no uncensored outcome.`);

  return {
    rows,
    outcomes,
    censored,
    censoredByGroup,
    unknownCustomers: issues.length,
    issues,
    repeatedActions: repeated,
    purchasesWithoutValue: noValue,
    evaluation,
    definition: spellsOf === null ? 'purchase' : 'rule',
    dataEnd: dataEndRaw,
    windowDays,
    warnings,
  };
}

interface ParsedAction {
  customerId: string;
  time: number;
  group: CampaignGroup;
  strategy: string | null;
  segment: string | null;
  cost: number | undefined;
  value: number | undefined;
}

function readAction(fn: string, row: unknown, i: number): ParsedAction {
  const o = rowObject(fn, 'actions', i, row, 'customerId, time, group, ...', 'an ActionRecord object');
  const rawId = o.customerId;
  if (!((typeof rawId === 'string' && rawId !== '') || (typeof rawId === 'number' && Number.isFinite(rawId)))) {
    throw new ChurnkitError('INVALID_CUSTOMER', `${fn}: actions[${i}].customerId must be a non-empty string or a finite number; received ${show(rawId)}.`, {
      path: ['actions', i, 'customerId'], row: i, field: 'customerId', expected: 'a non-empty string or a finite number', received: rawId,
    });
  }
  const t = toEpochMs(o.time);
  if (Number.isNaN(t)) {
    throw new ChurnkitError('INVALID_TIME', `${fn}: actions[${i}].time must be a Date, ISO 8601 string or epoch ms; received ${show(o.time)}.`, {
      path: ['actions', i, 'time'], row: i, field: 'time', expected: 'a Date, ISO 8601 string or epoch ms', received: o.time,
    });
  }
  const group = o.group;
  if (group !== 'treatment' && group !== 'control') badField(fn, 'actions', i, 'group', "'treatment' or 'control'", group);
  return {
    customerId: String(rawId),
    time: t,
    group,
    strategy: textField(fn, 'actions', o, i, 'strategy', 'a string'),
    segment: textField(fn, 'actions', o, i, 'segment', 'a string'),
    cost: numberField(fn, 'actions', o, i, 'cost', 'a finite number ≥ 0', true),
    value: numberField(fn, 'actions', o, i, 'value', 'a finite number ≥ 0', true),
  };
}

