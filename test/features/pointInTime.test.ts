import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import type { FeatureMatrix } from '../../src/features/FeatureMatrix.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';

// Properties of ../shared/DESIGN.md §3: (1) events at or after the cutoff never change a feature;
// (2) input order does not matter. Matrices are compared byte for byte (NaN payloads included).
const DAY = 86_400_000;
const CUTOFF = Date.UTC(2024, 5, 1);
const TYPES = [
  'order', 'login', 'product_view', 'cart_add', 'checkout', 'refund', 'complaint', 'ticket', 'nps',
  'campaign_sent', 'campaign_opened', 'coupon_issued', 'coupon_redeemed', 'feature_use', 'visit',
];
const TEXTS = ['very good', '太差了，不满意', 'not bad', '没有问题', 'terrible service', '很满意'];

const eventArb = (before: boolean): fc.Arbitrary<EventInput> =>
  fc.record({
    customerId: fc.constantFrom('1', '2', '3', 'x'),
    // minutes offset: before → [-200 days, 0); after → [0, 60 days]
    time: before ? fc.integer({ min: -200 * 1440, max: -1 }).map((m) => CUTOFF + m * 60_000) : fc.integer({ min: 0, max: 60 * 1440 }).map((m) => CUTOFF + m * 60_000),
    type: fc.constantFrom(...TYPES),
    value: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }),
    text: fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
    attrs: fc.option(fc.record({ coupon: fc.constantFrom('A', null), feature: fc.constantFrom('f1', 'f2', 'f3') }), { nil: undefined }),
  });

function bytes(m: FeatureMatrix): string {
  const parts = [m.customerIds.join(','), m.names.join(',')];
  for (const c of m.columns) parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex'));
  return parts.join('|');
}

/**
 * The same events with times floored to 30-day steps when `coarsen`: many simultaneous events
 * (a date-only export gives some; this gives a dozen per customer). The log puts simultaneous events in one canonical order, so shuffling
 * them changes nothing either.
 */
function coarse(events: EventInput[], coarsen: boolean): EventInput[] {
  const step = 30 * 86_400_000;
  return coarsen ? events.map((e) => ({ ...e, time: Math.floor((e.time as number) / step) * step })) : events;
}

describe('extractFeatures: point in time and order independence (fast-check)', () => {
  it('changing, adding or removing events at or after the cutoff leaves the matrix byte-identical', () => {
    fc.assert(
      fc.property(fc.array(eventArb(true), { maxLength: 60 }), fc.array(eventArb(false), { maxLength: 30 }), fc.array(eventArb(false), { maxLength: 30 }), (before, after1, after2) => {
        const a = extractFeatures(createEventLog([...before, ...after1]), { cutoff: CUTOFF });
        const b = extractFeatures(createEventLog([...after2, ...before]), { cutoff: CUTOFF });
        expect(bytes(b)).toBe(bytes(a));
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('the same holds with an explicit customer list (customers whose events are all after the cutoff)', () => {
    fc.assert(
      fc.property(fc.array(eventArb(true), { maxLength: 40 }), fc.array(eventArb(false), { maxLength: 30 }), (before, after) => {
        const customers = ['1', '2', '3', 'x', 'nobody'];
        const a = extractFeatures(createEventLog(before), { cutoff: CUTOFF, customers });
        const b = extractFeatures(createEventLog([...before, ...after]), { cutoff: CUTOFF, customers });
        expect(bytes(b)).toBe(bytes(a));
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('shuffling the input leaves the matrix identical, simultaneous events included', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb(true), { maxLength: 60 }),
        fc.boolean(),
        fc.array(fc.nat()),
        (raw, coarsen, keys) => {
          const events = coarse(raw, coarsen);
          const shuffled = events
            .map((e, i) => ({ e, k: keys[i % Math.max(1, keys.length)] ?? 0, i }))
            .sort((p, q) => p.k - q.k || q.i - p.i)
            .map((p) => p.e);
          const a = extractFeatures(createEventLog(events), { cutoff: CUTOFF });
          const b = extractFeatures(createEventLog(shuffled), { cutoff: CUTOFF });
          expect(bytes(b)).toBe(bytes(a));
        },
      ),
      { numRuns: 100, seed: 6 },
    );
  });

  it('a cutoff one millisecond later admits exactly the events at the old cutoff', () => {
    const log = createEventLog([
      { customerId: 'a', time: CUTOFF - DAY, type: 'order', value: 5 },
      { customerId: 'a', time: CUTOFF, type: 'order', value: 7 },
    ]);
    const at = extractFeatures(log, { cutoff: CUTOFF, features: [{ op: 'sum', role: 'purchase' }] });
    const after = extractFeatures(log, { cutoff: CUTOFF + 1, features: [{ op: 'sum', role: 'purchase' }] });
    expect(at.columns[0]![0]).toBe(5);
    expect(after.columns[0]![0]).toBe(12);
  });
});

describe('custom features cannot read the future through slice.log', () => {
  it('a custom feature that counts its customer’s events in slice.log ignores events at or after the cutoff', () => {
    const cutoff = 1_000_000;
    const spec = {
      op: 'custom' as const,
      name: 'events_in_slice_log',
      description: 'events of this customer visible through slice.log',
      unit: 'count',
      compute: (s: { customerId: string; log: { customerIndex(id: string): number; start(c: number): number; end(c: number): number } }) => {
        const c = s.log.customerIndex(s.customerId);
        return c < 0 ? 0 : s.log.end(c) - s.log.start(c);
      },
    };
    const before: EventInput[] = [
      { customerId: 'a', time: 10, type: 'order', value: 1 },
      { customerId: 'a', time: 20, type: 'login' },
    ];
    const after: EventInput[] = [...before, { customerId: 'a', time: cutoff, type: 'order', value: 5 }, { customerId: 'a', time: 5e9, type: 'login' }];
    const m1 = extractFeatures(createEventLog(before), { cutoff, features: [spec] as never });
    const m2 = extractFeatures(createEventLog(after), { cutoff, features: [spec] as never });
    expect([...m1.columns[0]!]).toEqual([2]);
    expect([...m2.columns[0]!]).toEqual([2]);
  });
});
