import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import type { FeatureSpec } from '../../src/features/FeatureSpec.js';

// The optimised engine (shared channels per role and window, per-class object lists, the BTYD
// stream folded into the one pass, block-buffered outputs) against a straightforward reference:
// each feature recomputed on its own from the raw event list with the definitions of
// src/features/FeatureSpec.ts (windows [cutoff − offset − window, cutoff − offset), NaN for "no
// such event"), and the BTYD summary from Fader, Hardie & Lee (2005): transactions are distinct
// UTC purchase days, x = days − 1, t_x = last − first, T = (last day before the cutoff) − first.
// Values are small integers, so every sum is exact in either summation order and the comparison
// is exact (Object.is, so NaN matches NaN and +0 / −0 are told apart). No tolerance.
const DAY = 86_400_000;
const BASE = Date.UTC(2024, 5, 1);
const TYPES = ['order', 'login', 'visit', 'refund', 'nps', 'campaign_sent', 'campaign_opened', 'cart_add', 'product_view'];
/** Role → types, as in DEFAULT_VOCABULARY for the types above. */
const ROLE_TYPES: Record<string, readonly string[]> = {
  purchase: ['order'],
  activity: ['login', 'visit'],
  refund: ['refund'],
  survey: ['nps'],
  campaignSent: ['campaign_sent'],
  campaignOpened: ['campaign_opened'],
  cartAdd: ['cart_add'],
  productView: ['product_view'],
};
const ROLES = Object.keys(ROLE_TYPES) as (keyof typeof ROLE_TYPES)[];
const IDS = ['1', '2', '10', 'x'];

const eventArb: fc.Arbitrary<EventInput> = fc.record({
  customerId: fc.constantFrom(...IDS),
  // 6-hour steps from 120 days before BASE to 5 days after (some at or after the cutoff): coarse
  // on purpose, so events often fall exactly on window bounds and several share one time
  time: fc.integer({ min: -120 * 4, max: 5 * 4 }).map((q) => BASE + q * 6 * 3_600_000),
  type: fc.constantFrom(...TYPES),
  value: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
});

const windowArb = fc.record({
  windowDays: fc.option(fc.constantFrom(1, 7, 30, 90), { nil: undefined }),
  offsetDays: fc.option(fc.constantFrom(0, 7, 30), { nil: undefined }),
});
const roleArb = fc.constantFrom(...ROLES);

/** Random simple specs; names are set later (f0, f1, ...) so duplicates of one spec are allowed. */
const specArb: fc.Arbitrary<FeatureSpec> = fc.oneof(
  fc.record({ op: fc.constantFrom('count', 'sum', 'mean'), role: roleArb, w: windowArb }).map(({ op, role, w }) => ({ op, role, ...w }) as FeatureSpec),
  fc.record({ role: fc.option(roleArb, { nil: undefined }), w: windowArb }).map(({ role, w }) => ({ op: 'activeDays', ...(role ? { role } : {}), ...w }) as FeatureSpec),
  fc.option(roleArb, { nil: undefined }).map((role) => ({ op: 'recency', ...(role ? { role } : {}) }) as FeatureSpec),
  fc.constant({ op: 'tenure' } as FeatureSpec),
  fc
    .record({ nr: roleArb, nw: windowArb, nm: fc.constantFrom('count', 'sum'), dr: roleArb, dw: windowArb, dm: fc.constantFrom('count', 'sum') })
    .map(({ nr, nw, nm, dr, dw, dm }) => ({ op: 'ratio', numerator: { role: nr, measure: nm, ...nw }, denominator: { role: dr, measure: dm, ...dw } }) as FeatureSpec),
  fc.record({ stat: fc.constantFrom('last', 'mean', 'change', 'detractor'), threshold: fc.constantFrom(3, 6, 9) }).map((s) => ({ op: 'survey', ...s }) as FeatureSpec),
  fc.constantFrom(1, 3, 7).map((responseDays) => ({ op: 'campaignResponse', responseDays }) as FeatureSpec),
  fc.record({ stat: fc.constantFrom('x', 't_x', 'T'), unit: fc.constantFrom('day', 'week') }).map((s) => ({ op: 'btyd', ...s }) as FeatureSpec),
  fc.constantFrom(2, 4, 12).map((weeks) => ({ op: 'weeklySlope', role: 'activity', weeks }) as FeatureSpec),
  fc.constantFrom('mean', 'overdue').map((stat) => ({ op: 'gap', role: 'purchase', stat }) as FeatureSpec),
);

interface Ev {
  t: number;
  type: string;
  v: number;
}

function bounds(cutoff: number, w: { windowDays?: number; offsetDays?: number }): [number, number] {
  const off = (w.offsetDays ?? 0) * DAY;
  return [w.windowDays === undefined ? -Infinity : cutoff - off - w.windowDays * DAY, cutoff - off];
}

const isRole = (e: Ev, role: string | undefined): boolean => role === undefined || ROLE_TYPES[role]!.includes(e.type);

/** One feature of one customer from its events before the cutoff (time order, ties in input order). */
function reference(spec: FeatureSpec, evs: readonly Ev[], cutoff: number): number {
  const inWin = (role: string | undefined, w: { windowDays?: number; offsetDays?: number }): Ev[] => {
    const [lo, hi] = bounds(cutoff, w);
    return evs.filter((e) => isRole(e, role) && e.t >= lo && e.t < hi);
  };
  const sum = (es: Ev[]): number => es.reduce((s, e) => (Number.isNaN(e.v) ? s : s + e.v), 0);
  const valued = (es: Ev[]): number => es.filter((e) => !Number.isNaN(e.v)).length;
  const days = (es: Ev[]): number[] => [...new Set(es.map((e) => Math.floor(e.t / DAY)))];
  switch (spec.op) {
    case 'count':
      return inWin(spec.role, spec).length;
    case 'sum':
      return sum(inWin(spec.role, spec));
    case 'mean': {
      const es = inWin(spec.role, spec);
      return valued(es) === 0 ? NaN : sum(es) / valued(es);
    }
    case 'activeDays':
      return days(inWin(spec.role, spec)).length;
    case 'recency': {
      const es = evs.filter((e) => isRole(e, spec.role));
      return es.length === 0 ? NaN : (cutoff - es[es.length - 1]!.t) / DAY;
    }
    case 'tenure':
      return evs.length === 0 ? NaN : (cutoff - evs[0]!.t) / DAY;
    case 'ratio': {
      const term = (x: { role: string; measure?: 'count' | 'sum'; windowDays?: number; offsetDays?: number }): number => {
        const es = inWin(x.role, x);
        return x.measure === 'sum' ? sum(es) : es.length;
      };
      const d = term(spec.denominator);
      return d === 0 ? NaN : term(spec.numerator) / d;
    }
    case 'survey': {
      const scores = evs.filter((e) => isRole(e, 'survey') && !Number.isNaN(e.v)).map((e) => e.v);
      const n = scores.length;
      const last = n === 0 ? NaN : scores[n - 1]!;
      if (spec.stat === 'last') return last;
      if (spec.stat === 'mean') return n === 0 ? NaN : scores.reduce((a, b) => a + b, 0) / n;
      if (spec.stat === 'change') return n < 2 ? NaN : last - scores[n - 2]!;
      return n === 0 ? NaN : last <= (spec.threshold ?? 6) ? 1 : 0;
    }
    case 'campaignResponse': {
      // Was the last campaign sent followed within responseDays by an open or a purchase (one at
      // the same instant as the send counts, whatever order the two are in)?
      const responds = (e: Ev) => isRole(e, 'campaignOpened') || isRole(e, 'purchase');
      const sends = evs.filter((e) => isRole(e, 'campaignSent'));
      if (sends.length === 0) return NaN;
      const last = sends[sends.length - 1]!.t;
      return evs.some((e) => responds(e) && e.t >= last && e.t - last <= (spec.responseDays ?? 7) * DAY) ? 1 : 0;
    }
    case 'btyd': {
      const d = days(evs.filter((e) => isRole(e, 'purchase'))).map((x) => x * DAY);
      if (d.length === 0) return NaN;
      const unit = spec.unit === 'week' ? 7 * DAY : DAY;
      const obsEnd = Math.floor((cutoff - 1) / DAY) * DAY;
      return spec.stat === 'x' ? d.length - 1 : spec.stat === 't_x' ? (d[d.length - 1]! - d[0]!) / unit : (obsEnd - d[0]!) / unit;
    }
    case 'weeklySlope': {
      // Ordinary least squares slope of weekly counts on x = 0 (oldest week) .. weeks − 1.
      const weeks = spec.weeks ?? 12;
      const y = new Array<number>(weeks).fill(0);
      for (const e of evs) {
        if (!isRole(e, spec.role)) continue;
        // Week k back from the cutoff is [cutoff − (k+1)·7d, cutoff − k·7d), like every window.
        const k = Math.ceil((cutoff - e.t) / (7 * DAY)) - 1;
        if (k < weeks) y[weeks - 1 - k]! += 1;
      }
      const xbar = (weeks - 1) / 2;
      const ybar = y.reduce((a, b) => a + b, 0) / weeks;
      let sxy = 0;
      let sxx = 0;
      for (let x = 0; x < weeks; x++) {
        sxy += (x - xbar) * (y[x]! - ybar);
        sxx += (x - xbar) * (x - xbar);
      }
      return sxy / sxx;
    }
    case 'gap': {
      const d = days(evs.filter((e) => isRole(e, spec.role)));
      if (d.length < 2) return NaN;
      const mean = (d[d.length - 1]! - d[0]!) / (d.length - 1);
      return spec.stat === 'mean' ? mean : (cutoff / DAY - d[d.length - 1]!) / mean;
    }
    default:
      throw new Error(`no reference for ${spec.op}`);
  }
}

describe('extractFeatures against a per-feature reference (fast-check)', () => {
  it('every column equals its reference value exactly, for listed, default and absent customers', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 30, maxLength: 150 }),
        fc.array(specArb, { minLength: 4, maxLength: 16 }),
        fc.integer({ min: 0, max: 3 }),
        (generated, raw, cutoffStep) => {
          let events = generated;
          const cutoff = BASE + cutoffStep * 6 * 3_600_000;
          const specs = raw.map((s, j) => ({ ...s, name: `f${j}` }) as FeatureSpec);
          // 'solo' has exactly one event before the cutoff (and one at it); 'absent' none at all.
          events = [...events, { customerId: 'solo', time: cutoff - DAY, type: 'login' }, { customerId: 'solo', time: cutoff, type: 'order', value: 1 }];
          const log = createEventLog(events);
          const listed = [...IDS, 'solo', 'absent'];
          const m = extractFeatures(log, { cutoff, features: specs, customers: listed });
          expect(m.names).toEqual(specs.map((s) => s.name));
          const byCustomer = new Map<string, Ev[]>();
          for (const id of listed) {
            const evs = events
              .map((e, k) => ({ e, k }))
              .filter(({ e }) => e.customerId === id && (e.time as number) < cutoff)
              // The log's documented order: time, then simultaneous events by type name, then value (absent last).
              .sort((a, b) => (a.e.time as number) - (b.e.time as number) || (a.e.type < b.e.type ? -1 : a.e.type > b.e.type ? 1 : 0) || (a.e.value ?? Infinity) - (b.e.value ?? Infinity) || a.k - b.k)
              .map(({ e }) => ({ t: e.time as number, type: e.type, v: e.value ?? NaN }));
            byCustomer.set(id, evs);
          }
          listed.forEach((id, r) => {
            specs.forEach((spec, j) => {
              const want = reference(spec, byCustomer.get(id)!, cutoff);
              const got = m.columns[j]![r]!;
              if (!Object.is(got, want)) expect({ id, spec, got }).toEqual({ id, spec, got: want });
            });
          });
          // Default rows: the customers with an event before the cutoff, in log order (canonical
          // integers numerically, then code-unit order), same values.
          const d = extractFeatures(log, { cutoff, features: specs });
          const expectedIds = ['1', '2', '10', 'solo', 'x'].filter((id) => byCustomer.get(id)!.length > 0);
          expect([...d.customerIds]).toEqual(expectedIds);
          d.customerIds.forEach((id, r) => {
            const lr = listed.indexOf(id);
            d.columns.forEach((c, j) => {
              if (!Object.is(c[r], m.columns[j]![lr])) expect({ id, j, got: c[r] }).toEqual({ id, j, got: m.columns[j]![lr] });
            });
          });
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it('a filtered view (positions through a rows index) gives the reference of the kept events', () => {
    const events: EventInput[] = [];
    for (let k = 0; k < 300; k++) {
      events.push({ customerId: IDS[k % 4]!, time: BASE - ((k * 7919) % (100 * 1440)) * 60_000, type: TYPES[k % TYPES.length]!, value: k % 5 === 0 ? undefined : k % 97 });
    }
    const specs: FeatureSpec[] = [
      { op: 'count', role: 'activity', windowDays: 30, name: 'a' },
      { op: 'sum', role: 'purchase', name: 'b' },
      { op: 'mean', role: 'purchase', windowDays: 90, name: 'c' },
      { op: 'activeDays', role: 'activity', windowDays: 90, name: 'd' },
      { op: 'recency', role: 'purchase', name: 'e' },
      { op: 'btyd', stat: 'T', name: 'f' },
    ];
    const view = createEventLog(events).filter({ roles: ['purchase', 'activity'] });
    expect(view.rows).not.toBeNull();
    const m = extractFeatures(view, { cutoff: BASE, features: specs });
    expect([...m.customerIds]).toEqual(['1', '2', '10', 'x']);
    m.customerIds.forEach((id, r) => {
      const evs = events
        .map((e, k) => ({ e, k }))
        .filter(({ e }) => e.customerId === id && (e.time as number) < BASE && ['order', 'login', 'visit'].includes(e.type))
        .sort((a, b) => (a.e.time as number) - (b.e.time as number) || a.k - b.k)
        .map(({ e }) => ({ t: e.time as number, type: e.type, v: e.value ?? NaN }));
      specs.forEach((spec, j) => expect(Object.is(m.columns[j]![r], reference(spec, evs, BASE))).toBe(true));
    });
  });
});
