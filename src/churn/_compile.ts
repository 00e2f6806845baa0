import { ChurnkitError, show } from '../internal/errors.js';
import { DAY_MS, toEpochMs } from '../internal/time.js';
import { sortedMedian } from '../internal/sortedMedian.js';
import type { EventLog } from '../data/EventLog.js';
import type { Role } from '../data/types.js';
import type { CancellationRule, ChurnRule, InactivityRule, OverdueRule, ValueDropRule } from './ChurnRule.js';
import { copySpells, intersectSpells, Spells, unionSpells } from './_spells.js';
import { neumaierError } from '../internal/neumaier.js';

/**
 * A compiled rule: writes the churn spells of the customer whose events are at positions
 * `[a, b)` (time-sorted) into `out`. Reads only those positions, so spells up to time `t`
 * depend only on events before `t` when `b` is `positionAt(c, t)`. @internal
 */
export type SpellFn = (a: number, b: number, out: Spells) => void;

/**
 * Compiles a validated rule against a log. O(types) per rule node. With `requireSelection`, a
 * top-level inactivity rule whose roles select none of the log's event types is an error too
 * (every customer would be churned: what a pipeline that trains on the labels cannot use). @internal
 */
export function compileRule(rule: ChurnRule, log: EventLog, fn: string, path: (string | number)[] = [], requireSelection = false): SpellFn {
  switch (rule.kind) {
    case 'inactivity':
      return inactivity(rule, log, fn, path, requireSelection);
    case 'cancellation':
      return cancellation(rule, log, fn, path);
    case 'valueDrop':
      return valueDrop(rule, log);
    case 'overdue':
      return overdue(rule, log, fn, path);
    case 'anyOf':
    case 'allOf': {
      const children = rule.rules.map((r, i) => compileRule(r, log, fn, [...path, 'rules', i]));
      const combine = rule.kind === 'anyOf' ? unionSpells : intersectSpells;
      let accA = new Spells();
      let accB = new Spells();
      const cb = new Spells();
      return (a, b, out) => {
        children[0]!(a, b, accA);
        for (let j = 1; j < children.length; j++) {
          children[j]!(a, b, cb);
          combine(accA, cb, accB);
          const t = accA;
          accA = accB;
          accB = t;
        }
        copySpells(accA, out);
      };
    }
  }
}

/** Mask over type codes of the selected events; `all` when nothing is given and the default is every type. @internal */
export function selectionMask(log: EventLog, roles: readonly Role[] | undefined, types: readonly string[] | undefined, defaults: readonly Role[] | 'all'): Uint8Array {
  if (roles === undefined && types === undefined) {
    if (defaults === 'all') return new Uint8Array(Math.max(1, log.types.length)).fill(1);
    roles = defaults;
  }
  const mask = log.rolesMask(roles ?? []);
  for (const name of types ?? []) {
    const id = log.typeId(name);
    if (id >= 0) mask[id] = 1;
  }
  return mask;
}

function inactivity(rule: InactivityRule, log: EventLog, fn: string, path: (string | number)[], requireSelection: boolean): SpellFn {
  const mask = selectionMask(log, rule.roles, rule.types, 'all');
  // The rule names event types and none of them, nor its roles, selects any type of this log:
  // every customer would churn `days` after their first event whatever they did — a misspelt
  // type. (Roles alone that select nothing keep their meaning: no such event yet, the clock runs
  // from the first event.)
  const unknown = (rule.types ?? []).filter((t) => log.typeId(t) < 0);
  if (unknown.length > 0 && log.types.length > 0 && !log.types.some((_, t) => mask[t] === 1)) {
    throw new ChurnkitError('INVALID_RULE', `${fn}: the inactivity rule's event type${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => show(t)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in this log, so no event counts as activity and every customer would be churned; the log's event types are ${log.types.map((t) => show(t)).join(', ')}.`, {
      path: [...path, 'types'],
      expected: `event types of this log (${log.types.join(', ')})`,
      received: rule.types,
    });
  }
  if (requireSelection && log.types.length > 0 && !log.types.some((_, t) => mask[t] === 1)) {
    const roles = rule.roles ?? [];
    throw new ChurnkitError('INVALID_RULE', `${fn}: no event type of this log (${log.types.join(', ')}) plays the rule's role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}, so every customer would be churned; map the types with the vocabulary option (e.g. vocabulary: { purchase: ['${log.types[0]}'] }) or name types in the rule.`, {
      path: [...path, 'roles'],
      expected: `roles played by some of ${log.types.join(', ')}`,
      received: rule.roles,
    });
  }
  const D = rule.days * DAY_MS;
  const { time, type, rows } = log;
  return (a, b, out) => {
    out.clear();
    if (a >= b) return;
    let last = time[rows === null ? a : rows[a]!]!; // clock starts at the first event of any type
    for (let k = a; k < b; k++) {
      const i = rows === null ? k : rows[k]!;
      if (mask[type[i]!] !== 1) continue;
      const e = time[i]!;
      if (e > last + D) out.push(last + D, e, last);
      last = e;
    }
    out.push(last + D, Infinity, last);
  };
}

function cancellation(rule: CancellationRule, log: EventLog, fn: string, path: (string | number)[]): SpellFn {
  const cancel = selectionMask(log, rule.roles, rule.types, ['cancel']);
  const undo = selectionMask(log, rule.undoRoles, rule.undoTypes, ['subscribe']);
  for (let t = 0; t < log.types.length; t++) {
    if (cancel[t] === 1 && undo[t] === 1) {
      const key = rule.undoTypes !== undefined ? 'undoTypes' : 'undoRoles';
      throw new ChurnkitError('INVALID_RULE', `${fn}: event type ${show(log.types[t])} both cancels and undoes a cancellation under this rule and vocabulary.`, {
        path: [...path, key],
        expected: 'cancel and undo event types that do not overlap',
        received: log.types[t],
      });
    }
  }
  const grace = (rule.graceDays ?? 0) * DAY_MS;
  const attrName = rule.effectiveDateAttr;
  const col = attrName === undefined ? undefined : log.attr(attrName);
  const parsed = col === undefined ? null : Float64Array.from(col.values, (v) => (typeof v === 'string' || typeof v === 'number' ? toEpochMs(v) : NaN));
  const { time, type, rows } = log;
  return (a, b, out) => {
    out.clear();
    let status = 0; // 0 active, 1 cancellation pending, 2 churned
    let m = NaN;
    let mAnchor = NaN;
    let s = NaN;
    let sAnchor = NaN;
    for (let k = a; k < b; k++) {
      const i = rows === null ? k : rows[k]!;
      const ty = type[i]!;
      const isCancel = cancel[ty] === 1;
      if (!isCancel && undo[ty] !== 1) continue;
      const x = time[i]!;
      if (status === 1 && m < x) {
        status = 2;
        s = m;
        sAnchor = mAnchor;
      }
      if (isCancel) {
        let eff = x;
        if (col !== undefined && parsed !== null) {
          const code = col.codes[i]!;
          if (code >= 0) {
            eff = parsed[code]!;
            if (Number.isNaN(eff)) {
              throw new ChurnkitError('INVALID_TIME', `${fn}: attribute "${attrName}" of the cancel event at base row ${i} must be an ISO 8601 date or epoch ms; received ${show(col.values[code])}.`, {
                path: [...path, 'effectiveDateAttr'],
                row: i,
                field: attrName,
                expected: 'an ISO 8601 date or epoch ms',
                received: col.values[code],
              });
            }
          }
        }
        const effect = Math.max(eff + grace, x);
        if (status !== 2) {
          status = 1;
          m = effect;
          mAnchor = x;
        }
      } else if (status === 2) {
        out.push(s, x, sAnchor);
        status = 0;
      } else status = 0;
    }
    if (status === 1) out.push(m, Infinity, mAnchor);
    else if (status === 2) out.push(s, Infinity, sAnchor);
  };
}

function valueDrop(rule: ValueDropRule, log: EventLog): SpellFn {
  const mask = selectionMask(log, rule.roles, rule.types, rule.measure === 'activity' ? ['activity'] : ['purchase']);
  const W = rule.windowDays * DAY_MS;
  const WB = (rule.windowDays + rule.baselineDays) * DAY_MS;
  const ratio = rule.ratio;
  const spend = rule.measure === 'spend';
  const { time, type, value, rows } = log;
  let b = 0; // end position of the current customer (helpers below are allocated once)
  const next = (k: number): number => {
    while (k < b && mask[type[rows === null ? k : rows[k]!]!] !== 1) k++;
    return k;
  };
  const amount = (k: number): number => {
    if (!spend) return 1;
    const v = value[rows === null ? k : rows[k]!]!;
    return Number.isNaN(v) ? 0 : v;
  };
  const tm = (k: number): number => time[rows === null ? k : rows[k]!]!;
  return (a, end, out) => {
    out.clear();
    b = end;
    // Windows: recent [t-W, t), baseline [t-W-B, t-W). Event e counts in recent for t in (e, e+W]
    // and in baseline for t in (e+W, e+W+B]; the state is constant between breakpoints.
    let k0 = next(a);
    let k1 = k0;
    let k2 = k0;
    let r = 0; // recent sum (Neumaier: r + rc)
    let rc = 0;
    let nr = 0;
    let bs = 0; // baseline sum (bs + bc)
    let bc = 0;
    let nb = 0;
    let churned = false;
    let start = NaN;
    for (;;) {
      const t0 = k0 < b ? tm(k0) : Infinity;
      const t1 = k1 < b ? tm(k1) + W : Infinity;
      const t2 = k2 < b ? tm(k2) + WB : Infinity;
      const v = t0 < t1 ? (t0 < t2 ? t0 : t2) : t1 < t2 ? t1 : t2;
      if (v === Infinity) break;
      while (k0 < b && tm(k0) === v) {
        const x = amount(k0);
        const s = r + x;
        rc += neumaierError(r, x, s);
        r = s;
        nr++;
        k0 = next(k0 + 1);
      }
      while (k1 < b && tm(k1) + W === v) {
        const x = amount(k1);
        let s = r - x;
        rc += neumaierError(r, -x, s);
        r = s;
        nr--;
        s = bs + x;
        bc += neumaierError(bs, x, s);
        bs = s;
        nb++;
        k1 = next(k1 + 1);
      }
      while (k2 < b && tm(k2) + WB === v) {
        const x = amount(k2);
        const s = bs - x;
        bc += neumaierError(bs, -x, s);
        bs = s;
        nb--;
        k2 = next(k2 + 1);
      }
      if (nr === 0) r = rc = 0;
      if (nb === 0) bs = bc = 0;
      const base = bs + bc;
      // A customer with nothing left in either window stays churned until a new event.
      const now = (base > 0 && r + rc < ratio * base) || (churned && nr === 0 && nb === 0);
      if (now && !churned) {
        churned = true;
        start = v;
      } else if (!now && churned) {
        churned = false;
        out.push(start, v, start - W);
      }
    }
    if (churned) out.push(start, Infinity, start - W);
  };
}

function overdue(rule: OverdueRule, log: EventLog, fn: string, path: (string | number)[]): SpellFn {
  const mask = selectionMask(log, rule.roles, rule.types, ['purchase']);
  const fallback = compileRule(rule.fallback, log, fn, [...path, 'fallback']);
  const fb = new Spells();
  const own = new Spells();
  const mult = rule.multiple;
  const minP = rule.minPurchases;
  let gaps = new Float64Array(64);
  const { time, type, rows } = log;
  return (a, b, out) => {
    fallback(a, b, fb);
    own.clear();
    let n = 0; // distinct purchase times seen
    let ng = 0;
    let last = -Infinity;
    let med = NaN;
    let regime = Infinity; // time of the minP-th purchase occasion: own rhythm applies after it
    for (let k = a; k < b; k++) {
      const i = rows === null ? k : rows[k]!;
      if (mask[type[i]!] !== 1) continue;
      const x = time[i]!;
      if (x === last) continue; // same purchase occasion
      if (n >= minP) {
        const due = last + mult * med;
        if (x > due) own.push(due, x, last);
      }
      if (n >= 1) {
        if (ng === gaps.length) {
          const g = new Float64Array(ng * 2);
          g.set(gaps);
          gaps = g;
        }
        const gap = x - last;
        let lo = 0;
        let hi = ng;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (gaps[mid]! <= gap) lo = mid + 1;
          else hi = mid;
        }
        gaps.copyWithin(lo + 1, lo, ng);
        gaps[lo] = gap;
        ng++;
      }
      n++;
      last = x;
      if (n === minP) regime = x;
      if (n >= minP) med = sortedMedian(gaps, ng);
    }
    // Fallback spells hold while fewer than minP occasions are known (t <= regime); the
    // customer's own-rhythm spells all start after regime.
    out.clear();
    for (let j = 0; j < fb.n; j++) {
      const s = fb.start[j]!;
      if (s >= regime) break;
      const e = fb.end[j]!;
      out.push(s, e < regime ? e : regime, fb.anchor[j]!);
    }
    for (let j = 0; j < own.n; j++) out.push(own.start[j]!, own.end[j]!, own.anchor[j]!);
    if (n >= minP) out.push(last + mult * med, Infinity, last);
  };
}
