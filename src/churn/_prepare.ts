import { timeOption } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { EventLog } from '../data/EventLog.js';
import type { ChurnRule } from './ChurnRule.js';
import { compileRule, type SpellFn } from './_compile.js';
import { Spells } from './_spells.js';
import { assertRule } from './validateChurnRule.js';

/**
 * The default end of observation: one millisecond after the log's last event, so that the
 * last event is observed and nothing after it is assumed; NaN for an empty log. @internal
 */
export function resolveDataEnd(fn: string, log: EventLog, v: unknown): number {
  if (v !== undefined) return timeOption(fn, 'dataEnd', v);
  const span = log.timeSpan();
  return span === null ? NaN : span.end + 1;
}

/** Which customers an `eligible` option selects (null = all). @internal */
export function selectCustomers(fn: string, log: EventLog, ids: Iterable<string | number> | undefined): Uint8Array | null {
  if (ids === undefined) return null;
  if (ids === null || typeof (ids as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof ids === 'string') {
    invalidOption(fn, 'eligible', 'an iterable of customer ids', ids);
  }
  const sel = new Uint8Array(log.customerCount);
  for (const id of ids) {
    const c = log.customerIndex(id);
    if (c < 0) {
      throw new ChurnkitError('UNKNOWN_CUSTOMER', `${fn}: customer ${show(id)} in option "eligible" has no events in the log.`, {
        path: ['eligible'],
        field: 'eligible',
        expected: 'ids of customers in the log',
        received: id,
      });
    }
    sel[c] = 1;
  }
  return sel;
}

/**
 * Per-customer spell computation with observation clipping: spells starting at or after
 * `dataEnd` are unobserved and dropped; ends at or after it become Infinity. @internal
 */
export class CustomerSpells {
  readonly spells = new Spells();
  readonly #fn: SpellFn;
  readonly #log: EventLog;

  constructor(fn: string, log: EventLog, rule: unknown) {
    this.#fn = compileRule(assertRule(rule, fn) as ChurnRule, log, fn);
    this.#log = log;
  }

  /** Spells of customer c from its events strictly before `until`, clipped at `dataEnd`. */
  compute(c: number, until: number, dataEnd: number): Spells {
    const log = this.#log;
    const a = log.offsets[c]!;
    const last = log.offsets[c + 1]! - 1;
    const b = last >= a && log.time[log.rows === null ? last : log.rows[last]!]! < until ? last + 1 : log.positionAt(c, until);
    const sp = this.spells;
    this.#fn(a, b, sp);
    let n = sp.n;
    while (n > 0 && sp.start[n - 1]! >= dataEnd) n--;
    sp.n = n;
    if (n > 0 && sp.end[n - 1]! >= dataEnd) sp.end[n - 1] = Infinity;
    return sp;
  }
}
