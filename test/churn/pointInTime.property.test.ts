import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnStatus, labelCustomers, labelHistory, type ChurnRule } from '../../src/churn/index.js';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const TYPES = ['order', 'login', 'cancel', 'subscribe'];

const RULES: ChurnRule[] = [
  { kind: 'inactivity', days: 10, roles: ['purchase'] },
  { kind: 'inactivity', days: 7 },
  { kind: 'cancellation', graceDays: 3 },
  { kind: 'cancellation' },
  { kind: 'valueDrop', measure: 'spend', windowDays: 10, baselineDays: 20, ratio: 0.5 },
  { kind: 'valueDrop', measure: 'activity', windowDays: 5, baselineDays: 5, ratio: 1 },
  { kind: 'overdue', multiple: 2, minPurchases: 3, fallback: { kind: 'inactivity', days: 15, roles: ['purchase'] } },
  { kind: 'anyOf', rules: [{ kind: 'inactivity', days: 12, roles: ['activity'] }, { kind: 'cancellation' }] },
  { kind: 'allOf', rules: [{ kind: 'inactivity', days: 5, roles: ['purchase'] }, { kind: 'valueDrop', measure: 'orders', windowDays: 6, baselineDays: 12, ratio: 0.8 }] },
];

/** Events on whole days (so many land exactly on the cutoff) plus some with an hour offset. */
const arbEvent = fc.record({
  c: fc.integer({ min: 0, max: 5 }),
  d: fc.integer({ min: 0, max: 90 }),
  h: fc.constantFrom(0, 0, 0, 13),
  t: fc.integer({ min: 0, max: 3 }),
  v: fc.integer({ min: 0, max: 100 }),
});
type Arb = { c: number; d: number; h: number; t: number; v: number };
const toInput = (e: Arb): EventInput => ({ customerId: `c${e.c}`, time: T0 + e.d * DAY + e.h * 3_600_000, type: TYPES[e.t]!, value: e.v });

const arbCase = fc.record({
  events: fc.array(arbEvent, { minLength: 1, maxLength: 40 }),
  rule: fc.constantFrom(...RULES),
  cutoffDay: fc.integer({ min: 1, max: 90 }),
  drop: fc.array(fc.boolean(), { maxLength: 40 }),
  moveTo: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }),
  added: fc.array(arbEvent, { maxLength: 10 }),
});

const DATA_END = T0 + 400 * DAY;

describe('point-in-time properties (fast-check)', () => {
  it('adding, removing or moving events at or after the cutoff never changes who is eligible', () => {
    fc.assert(
      fc.property(arbCase, ({ events, rule, cutoffDay, drop, moveTo, added }) => {
        const cutoff = T0 + cutoffDay * DAY;
        const base = events.map(toInput);
        const changed: EventInput[] = [];
        base.forEach((e, i) => {
          const t = e.time as number;
          if (t < cutoff) changed.push(e);
          else if (drop[i] === true) return; // removed
          else changed.push({ ...e, time: cutoff + (moveTo[i] ?? 0) * DAY }); // moved (possibly onto the cutoff)
        });
        for (const a of added) changed.push({ ...toInput(a), time: cutoff + a.d * DAY + a.h * 3_600_000 });
        const opts = { cutoff, horizonDays: 10, dataEnd: DATA_END };
        const x = labelCustomers(createEventLog(base), rule, opts);
        const y = labelCustomers(createEventLog(changed), rule, opts);
        expect(y.customerIds).toEqual(x.customerIds);
        expect(y.counts.alreadyChurned).toBe(x.counts.alreadyChurned);
        // noHistory may grow only by customers whose first event is at or after the cutoff (added ones)
        expect(y.counts.noHistory - x.counts.noHistory).toBe(createEventLog(changed).customerCount - createEventLog(base).customerCount);
      }),
      { numRuns: 400, seed: 20261124 },
    );
  });

  it('status as of t reads only events before t; input order does not matter', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: 0, max: 1000 }), ({ events, rule, cutoffDay }, seed) => {
        const asOf = T0 + cutoffDay * DAY;
        const inputs = events.map(toInput);
        const log = createEventLog(inputs);
        const full = churnStatus(log, rule, { asOf });
        const past = churnStatus(log.filter({ to: asOf }), rule, { asOf });
        // the view drops customers with no event before asOf, which the full table only counts
        expect({ ...past, notYetCustomers: 0 }).toEqual({ ...full, notYetCustomers: 0 });
        expect(past.notYetCustomers).toBe(0);
        expect(full.notYetCustomers).toBe(log.customerCount - full.customerIds.length);
        // a deterministic shuffle of the input rows gives the same labels and status
        const shuffled = inputs.map((e, i) => ({ e, k: (i * 7919 + seed) % 1009 })).sort((p, q) => p.k - q.k).map((p) => p.e);
        const log2 = createEventLog(shuffled);
        expect(churnStatus(log2, rule, { asOf })).toEqual(full);
        const opts = { cutoff: asOf, horizonDays: 10, dataEnd: DATA_END };
        expect(labelCustomers(log2, rule, opts)).toEqual(labelCustomers(log, rule, opts));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('labelHistory equals labelCustomers at every cutoff', () => {
    fc.assert(
      fc.property(arbCase, fc.uniqueArray(fc.integer({ min: 1, max: 95 }), { minLength: 1, maxLength: 6 }), ({ events, rule }, days) => {
        const log = createEventLog(events.map(toInput));
        const dataEnd = log.timeSpan()!.end + 1; // the documented default
        const cutoffs = days.map((d) => T0 + d * DAY).filter((c) => c <= dataEnd);
        fc.pre(cutoffs.length > 0);
        const h = labelHistory(log, rule, { cutoffs, horizonDays: 8 });
        expect(h.dataEnd).toBe(dataEnd);
        const rows: string[] = [];
        const sorted = [...cutoffs].sort((a, b) => a - b);
        const per = sorted.map((c) => (c <= dataEnd ? labelCustomers(log, rule, { cutoff: c, horizonDays: 8 }) : null));
        for (const id of log.customerIds) {
          per.forEach((t, q) => {
            if (t === null) return;
            const r = t.customerIds.indexOf(id);
            if (r >= 0) rows.push(`${id}|${sorted[q]}|${t.label[r]}|${t.churnTime[r]}|${t.censored[r]}`);
          });
        }
        expect(h.customerIds.map((id, r) => `${id}|${h.cutoff[r]}|${h.label[r]}|${h.churnTime[r]}|${h.censored[r]}`)).toEqual(rows);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
