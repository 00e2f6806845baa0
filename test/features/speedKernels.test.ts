import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventLog } from '../../src/data/EventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { PlanBuilder } from '../../src/features/_engine.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import type { FeatureSpec } from '../../src/features/FeatureSpec.js';

// The two fast kernels of the feature engine (src/features/_engine.ts) against the general
// engine on the same specs: `runPlain` (channels over all history only: RFM), `runChannels`
// (channels with windows and distinct days) and `runEngine`'s general loop. Adding one custom
// feature to a spec list sends the same specs through the general loop, so the comparison goes
// through the public API. The kernels update the same state in the same event order, so the
// columns must be bit-identical (Object.is: NaN matches NaN, +0 and −0 are told apart); no
// tolerance. Values are non-integer and of mixed magnitude so that the Neumaier compensation is
// exercised (a different summation order would change low bits).
const DAY = 86_400_000;
const BASE = Date.UTC(2024, 5, 1);
/** Orders three times as likely as each other type, so customers have several purchases to sum. */
const TYPES = ['order', 'order', 'order', 'login', 'visit', 'refund', 'nps', 'campaign_sent', 'cart_add'];
const ROLES = ['purchase', 'activity', 'refund', 'survey', 'campaignSent', 'cartAdd'] as const;
const IDS = ['1', '2', '10', 'x', 'y'];

const eventArb: fc.Arbitrary<EventInput> = fc.record({
  customerId: fc.constantFrom(...IDS),
  // 6-hour steps from 60 days before BASE to 5 days after: many events at or after the cutoffs
  // used below, ties on one time, and events exactly at the cutoff.
  time: fc.integer({ min: -60 * 4, max: 5 * 4 }).map((q) => BASE + q * 6 * 3_600_000),
  type: fc.constantFrom(...TYPES),
  // Large values of both signs beside small ones: the compensation term then survives the final
  // s + c (1e16 + 0.7 − 1e16 is 0.7 compensated, 0 or 2 without), so a kernel that summed in
  // another order or dropped the compensation would differ.
  value: fc.option(
    fc.oneof(
      { arbitrary: fc.integer({ min: -50_000, max: 50_000 }).map((c) => c / 100), weight: 2 },
      { arbitrary: fc.constantFrom(1e16, -1e16, 0.7, 3e-5, -0), weight: 3 },
    ),
    { nil: undefined },
  ),
});

const roleArb = fc.constantFrom(...ROLES);
const windowArb = fc.record({
  windowDays: fc.option(fc.constantFrom(1, 7, 30), { nil: undefined }),
  offsetDays: fc.option(fc.constantFrom(0, 7), { nil: undefined }),
});

/** Specs the plain kernel takes: counts, sums, means, recency, tenure and ratios over all history. */
const plainSpecArb: fc.Arbitrary<FeatureSpec> = fc.oneof(
  fc.record({ op: fc.constantFrom('count', 'sum', 'mean'), role: roleArb }).map((s) => s as FeatureSpec),
  // offsetDays 0 is all history too (the window ends at the cutoff).
  fc.record({ op: fc.constantFrom('count', 'sum'), role: roleArb }).map((s) => ({ ...s, offsetDays: 0 }) as FeatureSpec),
  fc.option(roleArb, { nil: undefined }).map((role) => ({ op: 'recency', ...(role ? { role } : {}) }) as FeatureSpec),
  fc.constant({ op: 'tenure' } as FeatureSpec),
  fc
    .record({ nr: roleArb, nm: fc.constantFrom('count', 'sum'), dr: roleArb, dm: fc.constantFrom('count', 'sum') })
    .map(({ nr, nm, dr, dm }) => ({ op: 'ratio', numerator: { role: nr, measure: nm }, denominator: { role: dr, measure: dm } }) as FeatureSpec),
);

/** Specs the channels kernel takes besides the plain ones: windows and distinct days. */
const channelSpecArb: fc.Arbitrary<FeatureSpec> = fc.oneof(
  plainSpecArb,
  fc.record({ op: fc.constantFrom('count', 'sum', 'mean'), role: roleArb, w: windowArb }).map(({ op, role, w }) => ({ op, role, ...w }) as FeatureSpec),
  fc.record({ role: fc.option(roleArb, { nil: undefined }), w: windowArb }).map(({ role, w }) => ({ op: 'activeDays', ...(role ? { role } : {}), ...w }) as FeatureSpec),
  fc
    .record({ nr: roleArb, nw: windowArb, dr: roleArb, dw: windowArb })
    .map(({ nr, nw, dr, dw }) => ({ op: 'ratio', numerator: { role: nr, measure: 'sum', ...nw }, denominator: { role: dr, ...dw } }) as FeatureSpec),
);

/** A feature that makes the plan neither plain nor channels-only: the general loop runs. */
const GENERAL: FeatureSpec = { op: 'custom', name: 'zz_general', compute: (s) => s.length };

function named(raw: readonly FeatureSpec[]): FeatureSpec[] {
  return raw.map((s, j) => ({ ...s, name: `f${j}` }) as FeatureSpec);
}

/** Asserts the fast extraction's columns equal the general loop's, bit for bit. */
function sameAsGeneral(log: EventLog, specs: readonly FeatureSpec[], cutoff: number, customers?: string[]): void {
  const opts = { cutoff, ...(customers ? { customers } : {}) };
  const fast = extractFeatures(log, { ...opts, features: specs });
  const general = extractFeatures(log, { ...opts, features: [...specs, GENERAL] });
  expect(fast.customerIds).toEqual(general.customerIds);
  expect(general.names.slice(0, -1)).toEqual(fast.names);
  fast.columns.forEach((col, j) => {
    const other = general.columns[j]!;
    for (let r = 0; r < col.length; r++) {
      if (!Object.is(col[r], other[r])) expect({ name: fast.names[j], id: fast.customerIds[r], got: col[r] }).toEqual({ name: fast.names[j], id: fast.customerIds[r], got: other[r] });
    }
  });
}

const cutoffArb = fc.integer({ min: -2, max: 3 }).map((q) => BASE + q * 6 * 3_600_000);

describe('plan selection', () => {
  const nt = 3;
  const mask = Uint8Array.of(1, 0, 1);
  const cutoff = BASE;
  const col = (): Float64Array => new Float64Array(1);

  it('takes the plain kernel for counts, sums and recency over all history before the cutoff', () => {
    const b = new PlanBuilder(nt);
    b.recency(mask, cutoff, col());
    b.count(mask, { lo: -Infinity, hi: cutoff }, col());
    b.sum(mask, { lo: -Infinity, hi: cutoff }, true, col());
    b.tenureAny(col());
    const P = b.finish(cutoff);
    expect(P.channelsOnly).toBe(true);
    // One channel (one mask, one window) with a count part (2 slots) and a sum part (3 slots).
    expect(P.plain?.masks).toHaveLength(1);
    expect([...P.plain!.count]).toEqual([0]);
    expect([...P.plain!.sum]).toEqual([2]);
  });

  it('does not take it for a window, a window ending before the cutoff, or distinct days', () => {
    const w = new PlanBuilder(nt);
    w.count(mask, { lo: cutoff - 7 * DAY, hi: cutoff }, col());
    expect(w.finish(cutoff).plain).toBeNull();
    expect(w.finish(cutoff).channelsOnly).toBe(true);
    const off = new PlanBuilder(nt);
    off.count(mask, { lo: -Infinity, hi: cutoff - DAY }, col());
    expect(off.finish(cutoff).plain).toBeNull();
    const d = new PlanBuilder(nt);
    d.activeDays(mask, { lo: -Infinity, hi: cutoff }, col());
    expect(d.finish(cutoff).plain).toBeNull();
    expect(d.finish(cutoff).channelsOnly).toBe(true);
  });

  it('is neither plain nor channels-only with a survey, a campaign or a custom feature', () => {
    const s = new PlanBuilder(nt);
    s.count(mask, { lo: -Infinity, hi: cutoff }, col());
    s.survey(mask, 0, 6, cutoff, col());
    expect(s.finish(cutoff).plain).toBeNull();
    expect(s.finish(cutoff).channelsOnly).toBe(false);
    const m = new PlanBuilder(nt);
    m.campaign(mask, mask, DAY, cutoff, col());
    expect(m.finish(cutoff).channelsOnly).toBe(false);
  });
});

describe('fast kernels give the general engine’s columns (fast-check)', () => {
  it('plain kernel (RFM over all history): base logs, listed and absent customers', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 0, maxLength: 120 }), fc.array(plainSpecArb, { minLength: 1, maxLength: 10 }), cutoffArb, (events, raw, cutoff) => {
        const log = createEventLog(events);
        const specs = named(raw);
        sameAsGeneral(log, specs, cutoff);
        sameAsGeneral(log, specs, cutoff, [...IDS, 'absent']);
      }),
      { numRuns: 150 },
    );
  });

  it('plain kernel, sums with cancellation (the compensation decides the result)', () => {
    const SUMS: FeatureSpec[] = [
      { op: 'sum', role: 'purchase', name: 's' },
      { op: 'mean', role: 'purchase', name: 'm' },
      { op: 'ratio', numerator: { role: 'purchase', measure: 'sum' }, denominator: { role: 'purchase' }, name: 'q' },
    ];
    const bigArb = fc.record({
      customerId: fc.constantFrom('1', '2'),
      time: fc.integer({ min: -40, max: 4 }).map((q) => BASE + q * DAY),
      type: fc.constantFrom('order', 'order', 'login'),
      value: fc.option(fc.constantFrom(1e16, -1e16, 0.7, 3e-5, 1, -0), { nil: undefined, freq: 6 }),
    });
    let compensated = 0;
    fc.assert(
      fc.property(fc.array(bigArb, { minLength: 3, maxLength: 40 }), cutoffArb, (events, cutoff) => {
        const log = createEventLog(events);
        sameAsGeneral(log, SUMS, cutoff);
        // Count the cases where a plain left-to-right sum would differ: the property has teeth.
        const m = extractFeatures(log, { cutoff, features: SUMS });
        m.customerIds.forEach((id, r) => {
          let naive = 0;
          for (const e of events) if (e.customerId === id && e.type === 'order' && (e.time as number) < cutoff && e.value !== undefined) naive += e.value;
          if (!Object.is(naive, m.columns[0]![r])) compensated++;
        });
      }),
      { numRuns: 100 },
    );
    expect(compensated).toBeGreaterThan(10);
  });

  it('plain kernel on views (position → row index) and under another vocabulary', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 120 }), fc.array(plainSpecArb, { minLength: 1, maxLength: 8 }), cutoffArb, (events, raw, cutoff) => {
        const log = createEventLog(events);
        const specs = named(raw);
        const view = log.filter({ types: ['order', 'login', 'refund', 'nps'] });
        expect(view.rows).not.toBeNull();
        sameAsGeneral(view, specs, cutoff, [...IDS, 'absent']);
        const from = log.filter({ from: BASE - 20 * DAY });
        sameAsGeneral(from, specs, cutoff);
        // Visits become purchases: the masks change, the kernels must agree still.
        const fast = extractFeatures(log, { cutoff, features: specs, vocabulary: { purchase: ['order', 'visit'] } });
        const general = extractFeatures(log, { cutoff, features: [...specs, GENERAL], vocabulary: { purchase: ['order', 'visit'] } });
        fast.columns.forEach((c, j) => expect(Array.from(c, (x) => (Object.is(x, -0) ? '-0' : x))).toEqual(Array.from(general.columns[j]!, (x) => (Object.is(x, -0) ? '-0' : x))));
      }),
      { numRuns: 100 },
    );
  });

  it('channels kernel (windows, distinct days, windowed ratios)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 0, maxLength: 150 }), fc.array(channelSpecArb, { minLength: 1, maxLength: 12 }), cutoffArb, (events, raw, cutoff) => {
        const log = createEventLog(events);
        const specs = named(raw);
        sameAsGeneral(log, specs, cutoff);
        sameAsGeneral(log.filter({ types: ['order', 'login', 'visit'] }), specs, cutoff, [...IDS, 'absent']);
      }),
      { numRuns: 150 },
    );
  });
});

describe('plain kernel, hand-worked cases', () => {
  const cutoff = Date.UTC(2024, 0, 10);
  const RFM: FeatureSpec[] = [
    { op: 'recency', role: 'purchase', name: 'r' },
    { op: 'count', role: 'purchase', name: 'f' },
    { op: 'sum', role: 'purchase', name: 'm' },
    { op: 'mean', role: 'purchase', name: 'avg' },
    { op: 'tenure', name: 'ten' },
    { op: 'recency', name: 'rany' },
  ];
  // Customer a: orders on Jan 1 (10), Jan 4 (no value), Jan 8 (20); a login on Jan 9; an order
  // at the cutoff (ignored) and one after it. Customer b: only events at or after the cutoff.
  // Customer c: three orders 1e16, 1, −1e16 (the compensated sum is exactly 1; a plain sum gives 0).
  const events: EventInput[] = Object.freeze([
    { customerId: 'a', time: Date.UTC(2024, 0, 8), type: 'order', value: 20 },
    { customerId: 'a', time: Date.UTC(2024, 0, 1), type: 'order', value: 10 },
    { customerId: 'a', time: Date.UTC(2024, 0, 4), type: 'order' },
    { customerId: 'a', time: Date.UTC(2024, 0, 9), type: 'login' },
    { customerId: 'a', time: cutoff, type: 'order', value: 1000 },
    { customerId: 'a', time: Date.UTC(2024, 0, 20), type: 'order', value: 1000 },
    { customerId: 'b', time: cutoff, type: 'order', value: 5 },
    { customerId: 'b', time: Date.UTC(2024, 0, 11), type: 'login' },
    { customerId: 'c', time: Date.UTC(2024, 0, 2), type: 'order', value: 1e16 },
    { customerId: 'c', time: Date.UTC(2024, 0, 3), type: 'order', value: 1 },
    { customerId: 'c', time: Date.UTC(2024, 0, 5), type: 'order', value: -1e16 },
  ].map((e) => Object.freeze(e))) as EventInput[];
  const log = createEventLog(events);

  it('reads only events before the cutoff; counts valueless orders, averages valued ones', () => {
    const m = extractFeatures(log, { cutoff, features: RFM });
    // b has no event before the cutoff: not a default row.
    expect(m.customerIds).toEqual(['a', 'c']);
    const row = (r: number): number[] => m.columns.map((c) => c[r]!);
    // a: last order Jan 8 → 2 days; 3 orders; 10 + 20 = 30 over 2 valued orders; first event Jan 1 → 9 days; last event Jan 9 → 1 day.
    expect(row(0)).toEqual([2, 3, 30, 15, 9, 1]);
    // c: last order Jan 5 → 5 days; Neumaier: 1e16 + 1 − 1e16 = 1 exactly, mean 1/3.
    expect(row(1)).toEqual([5, 3, 1, 1 / 3, 8, 5]);
  });

  it('gives 0 counts and sums and NaN times for listed customers without events before the cutoff', () => {
    const m = extractFeatures(log, { cutoff, features: RFM, customers: ['b', 'nobody', 'a'] });
    expect(Array.from(m.columns, (c) => c[0])).toEqual([NaN, 0, 0, NaN, NaN, NaN]);
    expect(Array.from(m.columns, (c) => c[1])).toEqual([NaN, 0, 0, NaN, NaN, NaN]);
    expect(Array.from(m.columns, (c) => c[2])).toEqual([2, 3, 30, 15, 9, 1]);
  });

  it('handles an empty log and a log whose events are all after the cutoff', () => {
    const empty = createEventLog([]);
    expect(extractFeatures(empty, { cutoff, features: RFM }).customerIds).toEqual([]);
    const listed = extractFeatures(empty, { cutoff, features: RFM, customers: ['a'] });
    expect(Array.from(listed.columns, (c) => c[0])).toEqual([NaN, 0, 0, NaN, NaN, NaN]);
    const early = extractFeatures(log, { cutoff: Date.UTC(2023, 0, 1), features: RFM });
    expect(early.customerIds).toEqual([]);
  });

  it('does not mutate the log or the specs', () => {
    const frozen = Object.freeze(RFM.map((s) => Object.freeze({ ...s })));
    const before = Array.from(log.value);
    extractFeatures(log, { cutoff, features: frozen });
    expect(Array.from(log.value)).toEqual(before);
  });
});
