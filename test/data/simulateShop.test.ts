import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChurnkitError } from '../../src/internal/errors.js';
import { DAY_MS } from '../../src/internal/time.js';
import type { EventLog } from '../../src/data/EventLog.js';
import { DEFAULT_VOCABULARY, ROLES } from '../../src/data/vocabulary.js';
import { simulateShop, type ChurnCause, type SimulatedShop } from '../../src/data/simulateShop.js';

/** Every column of a log as bytes/strings, for byte-for-byte comparison. */
function fingerprint(log: EventLog): unknown[] {
  const attrs = log.attrNames.map((n) => {
    const a = log.attr(n)!;
    return [n, Buffer.from(a.codes.buffer, a.codes.byteOffset, a.codes.byteLength).toString('base64'), JSON.stringify(a.values)];
  });
  const texts: (string | undefined)[] = [];
  for (let i = 0; i < log.size; i++) texts.push(log.textAt(i));
  const b = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return [b(log.time), b(log.value), b(log.quantity), b(log.type), b(log.source), b(log.offsets), log.types, log.sources, log.customerIds, attrs, texts];
}

function truthFingerprint(shop: SimulatedShop): unknown[] {
  const t = shop.truth;
  const b = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return [t.customerIds, b(t.churned), b(t.churnTime), t.cause, b(t.causeTime), t.valueSegment, b(t.spendRate), b(t.priceSensitive), b(t.reactivated), b(t.reactivationTime)];
}

const CAUSES: ChurnCause[] = ['price_sensitive', 'bad_experience', 'fading', 'lured_away'];

describe('simulateShop: determinism', () => {
  it('gives identical bytes for the same seed and different bytes for another seed', () => {
    const a = simulateShop({ customers: 400, seed: 11 });
    const b = simulateShop({ customers: 400, seed: 11 });
    const c = simulateShop({ customers: 400, seed: 12 });
    expect(fingerprint(a.log)).toEqual(fingerprint(b.log));
    expect(truthFingerprint(a)).toEqual(truthFingerprint(b));
    expect(a.customers.column('age')).toEqual(b.customers.column('age'));
    expect(fingerprint(a.log)).not.toEqual(fingerprint(c.log));
    expect(truthFingerprint(a)).not.toEqual(truthFingerprint(c));
  });

  it('gives exactly the output shown in its doc example (seed 7, 1,000 customers)', () => {
    const shop = simulateShop({ customers: 1000, seed: 7 });
    expect(shop.log.size).toBe(44_269);
    expect(shop.customers.categorical('region')![0]).toBe('south');
    expect(shop.truth.at(0)).toEqual({
      customerId: 'C00001',
      churned: true,
      churnTime: Date.parse('2024-08-21T02:57:43Z'),
      cause: 'price_sensitive',
      causeTime: 1721347304000,
      valueSegment: 'low',
      spendRate: 12.33,
      priceSensitive: true,
      reactivated: false,
      reactivationTime: null,
    });
  });

  it('draws each customer from its own stream: a smaller shop is a prefix of a larger one', () => {
    const small = simulateShop({ customers: 50, seed: 5 });
    const large = simulateShop({ customers: 120, seed: 5 });
    for (let i = 0; i < 50; i++) {
      expect(large.truth.at(i)).toEqual(small.truth.at(i));
      const a = Array.from(small.log.time.subarray(small.log.start(i), small.log.end(i)));
      const b = Array.from(large.log.time.subarray(large.log.start(i), large.log.end(i)));
      expect(b).toEqual(a);
    }
  });
});

describe('simulateShop: the default shop', () => {
  let shop: SimulatedShop;
  let log: EventLog;
  beforeAll(() => {
    shop = simulateShop({ subscriptions: true });
    log = shop.log;
  });

  it('has 5,000 customers aligned across log, customer table and truth', () => {
    expect(log.customerCount).toBe(5000);
    expect(shop.customers.ids).toEqual(log.customerIds);
    expect(shop.truth.customerIds).toEqual(log.customerIds);
    expect(shop.start).toBe(Date.UTC(2023, 0, 1));
    expect(shop.end).toBe(Date.UTC(2025, 0, 1));
    // bounds of the event count per customer that docs/simulated-shop.md states (~45, ~58 with subscriptions)
    expect(log.size / log.customerCount).toBeGreaterThan(40);
    expect(log.size / log.customerCount).toBeLessThan(70);
  });

  it('keeps every event inside [start, end)', () => {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < log.size; i++) {
      const t = log.time[i]!;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    expect(min).toBeGreaterThanOrEqual(shop.start);
    expect(max).toBeLessThan(shop.end);
  });

  it('uses only DEFAULT_VOCABULARY types, covers every role, and writes from six sources', () => {
    const known = new Set(Object.values(DEFAULT_VOCABULARY).flat());
    for (const t of log.types) expect(known.has(t), t).toBe(true);
    for (const role of ROLES) {
      const mask = log.roleMask(role);
      let n = 0;
      for (let i = 0; i < log.size; i++) n += mask[log.type[i]!]!;
      expect(n, role).toBeGreaterThan(0);
    }
    expect([...log.sources].sort()).toEqual(['app', 'crm', 'marketing', 'pos', 'service_desk', 'web']);
  });

  it('churns roughly 25-35% of customers with every cause well represented', () => {
    const counts: Record<string, number> = {};
    let churners = 0;
    for (let i = 0; i < 5000; i++) {
      if (shop.truth.churned[i] === 1) {
        churners++;
        const c = shop.truth.cause[i]!;
        counts[c] = (counts[c] ?? 0) + 1;
        expect(Number.isNaN(shop.truth.churnTime[i]!)).toBe(false);
        // a bad experience happens in a session, so the churner is seen at or after it; others may
        // have their last visit shortly before the cause (lured away between two visits)
        if (c === 'bad_experience') expect(shop.truth.churnTime[i]!).toBeGreaterThanOrEqual(shop.truth.causeTime[i]!);
        else expect(shop.truth.churnTime[i]!).toBeGreaterThan(shop.truth.causeTime[i]! - shop.maxActiveGapDays * DAY_MS);
      } else {
        expect(shop.truth.cause[i]).toBeNull();
        expect(Number.isNaN(shop.truth.churnTime[i]!)).toBe(true);
      }
    }
    // measured (seed 1, subscriptions, at the commit adding this note): 31.7% churn; price_sensitive 560,
    // bad_experience 503, fading 339, lured_away 185
    expect(churners / 5000).toBeGreaterThan(0.25);
    expect(churners / 5000).toBeLessThan(0.35);
    for (const c of CAUSES) expect(counts[c] ?? 0, c).toBeGreaterThan(0.1 * churners);
  });

  it('writes texts in both Chinese and English', () => {
    let zh = 0;
    let en = 0;
    const distinct = new Set<string>();
    for (let i = 0; i < log.size; i++) {
      const t = log.textAt(i);
      if (t === undefined) continue;
      distinct.add(t);
      if (/[\u4e00-\u9fff]/.test(t)) zh++;
      else if (/[a-z]{3}/i.test(t)) en++;
    }
    expect(zh).toBeGreaterThan(500);
    expect(en).toBeGreaterThan(500);
    expect(distinct.size).toBeGreaterThan(100);
  });

  it('lets a churner initiate nothing after churnTime; only shop sends follow', () => {
    const shopTypes = new Set(shop.shopInitiatedTypes);
    let after = 0;
    for (let c = 0; c < log.customerCount; c++) {
      if (shop.truth.churned[c] !== 1) continue;
      const ct = shop.truth.churnTime[c]!;
      let last = -Infinity;
      for (let k = log.start(c); k < log.end(c); k++) {
        const ty = log.typeAt(k);
        if (shopTypes.has(ty)) {
          if (log.time[k]! > ct) after++;
          continue;
        }
        if (log.time[k]! > last) last = log.time[k]!;
      }
      expect(last).toBe(ct); // churnTime is exactly the last customer-initiated event
    }
    expect(after).toBeGreaterThan(0); // campaigns and coupons do keep coming
  });

  it('never leaves an active customer silent longer than maxActiveGapDays (activity ∪ purchase)', () => {
    const act = log.roleMask('activity');
    const pur = log.roleMask('purchase');
    const maxGap = shop.maxActiveGapDays * DAY_MS;
    let worst = 0;
    for (let c = 0; c < log.customerCount; c++) {
      const churned = shop.truth.churned[c] === 1;
      let prev = NaN;
      for (let k = log.start(c); k < log.end(c); k++) {
        const ty = log.type[k]!;
        if (!act[ty] && !pur[ty]) continue;
        const t = log.time[k]!;
        if (!Number.isNaN(prev)) worst = Math.max(worst, t - prev);
        prev = t;
      }
      if (!churned) worst = Math.max(worst, shop.end - prev);
      // churnTime is the last session's last step, a complaint and refund after it, or a cancel an hour later
      else expect(shop.truth.churnTime[c]! - prev).toBeLessThanOrEqual(3 * 3_600_000);
    }
    expect(worst).toBeLessThanOrEqual(maxGap);
    expect(worst).toBeGreaterThan(maxGap * 0.6); // the bound is near what happens, not vacuous
  });

  it('plants each cause in the raw signals', () => {
    const complaint = log.roleMask('complaint');
    const purchase = log.roleMask('purchase');
    const issued = log.roleMask('couponIssued');
    const coupon = log.attr('coupon')!;
    const stats = new Map<string, { n: number; complaints: number; orders: number; couponOrders: number; negText: number }>();
    const groups = ['none', ...CAUSES];
    for (const g of groups) stats.set(g, { n: 0, complaints: 0, orders: 0, couponOrders: 0, negText: 0 });
    let couponsAfterStop = 0;
    for (let c = 0; c < log.customerCount; c++) {
      const cause = shop.truth.cause[c] ?? 'none';
      const st = stats.get(cause)!;
      st.n++;
      const ct = shop.truth.causeTime[c]!;
      for (let k = log.start(c); k < log.end(c); k++) {
        const ty = log.type[k]!;
        if (complaint[ty]) st.complaints++;
        if (purchase[ty]) {
          st.orders++;
          const code = coupon.codes[k]!;
          if (code >= 0 && coupon.values[code] !== null) st.couponOrders++;
        }
        if (cause === 'price_sensitive' && issued[ty] && log.time[k]! >= ct) couponsAfterStop++;
      }
    }
    const none = stats.get('none')!;
    const bad = stats.get('bad_experience')!;
    const price = stats.get('price_sensitive')!;
    const fading = stats.get('fading')!;
    const lured = stats.get('lured_away')!;
    // measured (same shop): complaints per customer 3.19 (bad_experience) vs 0.38 (loyal); coupon
    // share of orders 0.864 (price_sensitive) vs 0.264 (loyal, 12% of whom are coupon-driven too)
    // bad experiences: several complaints each; loyal customers complain rarely
    expect(bad.complaints / bad.n).toBeGreaterThan(2);
    expect(none.complaints / none.n).toBeLessThan(0.5);
    // fading and lured-away customers leave without a complaint
    expect(fading.complaints + lured.complaints).toBe(0);
    // price-sensitive customers buy mostly with coupons; coupons stopped at the cause time
    expect(price.couponOrders / price.orders).toBeGreaterThan(0.6);
    expect(none.couponOrders / none.orders).toBeLessThan(0.35);
    expect(couponsAfterStop).toBe(0);
  });

  it('gives lured-away churners long tenure and high value', () => {
    const signup = shop.customers.time('signupDate')!;
    const loyal: number[] = [];
    for (let c = 0; c < 5000; c++) {
      if (shop.truth.cause[c] === 'lured_away') {
        expect(shop.truth.valueSegment[c]).toBe('high');
        expect(shop.truth.causeTime[c]! - signup[c]!).toBeGreaterThanOrEqual(365 * DAY_MS);
      } else if (shop.truth.churned[c] === 0) loyal.push(shop.truth.spendRate[c]!);
    }
    let lured = 0;
    let nl = 0;
    for (let c = 0; c < 5000; c++) if (shop.truth.cause[c] === 'lured_away') (lured += shop.truth.spendRate[c]!), nl++;
    const loyalMean = loyal.reduce((a, b) => a + b, 0) / loyal.length;
    expect(lured / nl).toBeGreaterThan(2 * loyalMean);
  });

  it('makes bad-experience churners detractors after the cause and fading churners slow down', () => {
    const survey = log.roleMask('survey');
    const activity = log.roleMask('activity');
    let lowAfter = 0;
    let badN = 0;
    let slower = 0;
    let fadeN = 0;
    for (let c = 0; c < log.customerCount; c++) {
      const cause = shop.truth.cause[c];
      const ct = shop.truth.causeTime[c]!;
      if (cause === 'bad_experience') {
        badN++;
        for (let k = log.start(c); k < log.end(c); k++) {
          if (survey[log.type[k]!] && log.time[k]! >= ct && log.value[k]! <= 6) {
            lowAfter++;
            break;
          }
        }
      } else if (cause === 'fading') {
        // mean gap between activity events after the cause vs before
        let pb = NaN, pa = NaN, sb = 0, nb = 0, sa = 0, na = 0;
        for (let k = log.start(c); k < log.end(c); k++) {
          if (!activity[log.type[k]!]) continue;
          const t = log.time[k]!;
          if (t < ct) {
            if (!Number.isNaN(pb)) (sb += t - pb), nb++;
            pb = t;
          } else {
            if (!Number.isNaN(pa)) (sa += t - pa), na++;
            pa = t;
          }
        }
        if (nb > 0 && na > 0) {
          fadeN++;
          if (sa / na > sb / nb) slower++;
        }
      }
    }
    // measured (same shop): 84.5% of bad-experience churners answer ≤ 6 after the cause (85% planted
    // to answer 0-3, if they are still around); 93.6% of fading churners have longer gaps after it
    expect(lowAfter / badN).toBeGreaterThan(0.7);
    // falling feature use: feature_use events per app_open, pooled over bad-experience churners
    const appOpen = log.typeId('app_open');
    const feature = log.typeId('feature_use');
    const n = { openB: 0, featB: 0, openA: 0, featA: 0 };
    for (let c = 0; c < log.customerCount; c++) {
      if (shop.truth.cause[c] !== 'bad_experience') continue;
      const ct = shop.truth.causeTime[c]!;
      for (let k = log.start(c); k < log.end(c); k++) {
        const ty = log.type[k]!;
        const before = log.time[k]! < ct;
        if (ty === appOpen) before ? n.openB++ : n.openA++;
        else if (ty === feature) before ? n.featB++ : n.featA++;
      }
    }
    expect(n.openA).toBeGreaterThan(100);
    // measured (same shop): 0.278 feature uses per app_open before the cause, 0.072 after (planted ×0.25)
    expect(n.featA / n.openA).toBeLessThan(0.5 * (n.featB / n.openB));
    expect(slower / fadeN).toBeGreaterThan(0.8);
  });

  it('builds a customer table with inferred kinds and a plan per subscriber', () => {
    const t = shop.customers;
    expect(t.column('age')!.kind).toBe('numeric');
    expect(t.column('signupDate')!.kind).toBe('time');
    expect(t.column('plan')!.kind).toBe('categorical');
    const ages = t.numeric('age')!;
    for (const a of ages) {
      expect(a).toBeGreaterThanOrEqual(18);
      expect(a).toBeLessThanOrEqual(80);
    }
    expect(new Set(t.categorical('region'))).toEqual(new Set(['north', 'south', 'east', 'west', 'central']));
    expect(t.categorical('gender')!.some((g) => g === null)).toBe(true); // some genders unknown
    const signup = t.time('signupDate')!;
    for (let c = 0; c < 5000; c++) expect(log.time[log.start(c)]!).toBeGreaterThanOrEqual(signup[c]!);
  });
});

describe('simulateShop: small and edge configurations', () => {
  it('simulates one customer', () => {
    const shop = simulateShop({ customers: 1, seed: 3 });
    expect(shop.log.customerCount).toBe(1);
    expect(shop.log.customerIds).toEqual(['C00001']);
    expect(shop.log.size).toBeGreaterThan(0);
    expect(shop.truth.at(0).customerId).toBe('C00001');
  });

  it('simulates zero customers as an empty log', () => {
    const shop = simulateShop({ customers: 0 });
    expect(shop.log.size).toBe(0);
    expect(shop.customers.size).toBe(0);
    expect(shop.truth.churned.length).toBe(0);
  });

  it('keeps a three-day period inside its bounds, with no room for churn', () => {
    const shop = simulateShop({ customers: 30, start: '2024-03-01', end: '2024-03-04', seed: 9 });
    for (let i = 0; i < shop.log.size; i++) {
      expect(shop.log.time[i]!).toBeGreaterThanOrEqual(Date.UTC(2024, 2, 1));
      expect(shop.log.time[i]!).toBeLessThan(Date.UTC(2024, 2, 4));
    }
    expect(shop.log.customerCount).toBe(30);
    expect(Array.from(shop.truth.churned).every((x) => x === 0)).toBe(true);
  });

  it('honours churnFraction 0 and a single-cause mix', () => {
    const none = simulateShop({ customers: 200, churnFraction: 0 });
    expect(Array.from(none.truth.churned).some((x) => x === 1)).toBe(false);
    const onlyFading = simulateShop({ customers: 200, churnFraction: 1, causeWeights: { price_sensitive: 0, bad_experience: 0, lured_away: 0 } });
    const causes = new Set(onlyFading.truth.cause.filter((c) => c !== null));
    expect(causes).toEqual(new Set(['fading']));
  });

  it('emits subscribe/renew and a cancel as each subscribing churner last act', () => {
    const shop = simulateShop({ customers: 300, subscriptions: true, seed: 4 });
    const { log } = shop;
    const cancel = log.typeId('cancel');
    let checked = 0;
    for (let c = 0; c < log.customerCount; c++) {
      if (shop.truth.churned[c] !== 1) continue;
      let lastCancel = -1;
      for (let k = log.start(c); k < log.end(c); k++) if (log.type[k] === cancel) lastCancel = log.time[k]!;
      if (lastCancel >= 0) {
        expect(lastCancel).toBe(shop.truth.churnTime[c]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('brings some churners back after a silence when reactivationFraction > 0, and flags them', () => {
    const shop = simulateShop({ customers: 1500, seed: 8, reactivationFraction: 0.3, subscriptions: true });
    const { log, truth } = shop;
    const shopTypes = new Set(shop.shopInitiatedTypes);
    let back = 0;
    let churners = 0;
    for (let c = 0; c < log.customerCount; c++) {
      if (truth.churned[c] !== 1) {
        expect(truth.reactivated[c]).toBe(0);
        continue;
      }
      churners++;
      const ct = truth.churnTime[c]!;
      const rt = truth.reactivationTime[c]!;
      let firstAfter = Infinity;
      for (let k = log.start(c); k < log.end(c); k++) {
        if (shopTypes.has(log.typeAt(k))) continue;
        const t = log.time[k]!;
        if (t > ct && t < firstAfter) firstAfter = t;
      }
      if (truth.reactivated[c] === 1) {
        back++;
        expect(firstAfter).toBe(rt); // silence from churnTime to the return, then the first event
        expect(rt - ct).toBeGreaterThanOrEqual(89 * DAY_MS);
        expect(truth.at(c).reactivationTime).toBe(rt);
      } else {
        expect(firstAfter).toBe(Infinity);
        expect(Number.isNaN(rt)).toBe(true);
      }
    }
    // 30% of churners are drawn to return, but only those whose return (90-240 days after leaving)
    // falls before the last 14 days of the period do: about 12% of churners here (seed 8)
    expect(back / churners).toBeGreaterThan(0.06);
    expect(back / churners).toBeLessThan(0.3);
    // the default never brings anyone back
    expect(Array.from(simulateShop({ customers: 500, seed: 8 }).truth.reactivated).some((x) => x === 1)).toBe(false);
  });

  it('does not mutate a frozen options object', () => {
    const opts = Object.freeze({ customers: 5, seed: 2, causeWeights: Object.freeze({ fading: 2 }) });
    const shop = simulateShop(opts);
    expect(shop.options.causeWeights.fading).toBe(2);
    expect(opts).toEqual({ customers: 5, seed: 2, causeWeights: { fading: 2 } });
  });
});

describe('simulateShop: invalid options', () => {
  it('throws INVALID_TIME for a start or end that is not a time', () => {
    for (const [opts, path] of [[{ start: 'soon' }, 'start'], [{ end: 'later' }, 'end']] as const) {
      try {
        simulateShop(opts as never);
        expect.unreachable();
      } catch (e) {
        expect((e as ChurnkitError).code).toBe('INVALID_TIME');
        expect((e as ChurnkitError).path).toEqual([path]);
      }
    }
  });
  const cases: [string, object, string][] = [
    ['negative customers', { customers: -1 }, 'customers'],
    ['fractional customers', { customers: 2.5 }, 'customers'],
    ['non-integer seed', { seed: 1.5 }, 'seed'],
    ['end before start', { start: '2024-01-02', end: '2024-01-01' }, 'end'],
    ['non-boolean subscriptions', { subscriptions: 'yes' }, 'subscriptions'],
    ['churnFraction above 1', { churnFraction: 1.5 }, 'churnFraction'],
    ['unknown cause', { causeWeights: { bored: 1 } }, 'causeWeights'],
    ['negative reactivationFraction', { reactivationFraction: -0.1 }, 'reactivationFraction'],
    ['negative weight', { causeWeights: { fading: -1 } }, 'causeWeights'],
    ['all-zero weights', { causeWeights: { fading: 0, price_sensitive: 0, bad_experience: 0, lured_away: 0 } }, 'causeWeights'],
  ];
  for (const [name, opts, path] of cases) {
    it(`throws INVALID_OPTION for ${name}`, () => {
      try {
        simulateShop(opts as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ChurnkitError);
        expect((e as ChurnkitError).code).toBe('INVALID_OPTION');
        expect((e as ChurnkitError).path?.[0]).toBe(path);
      }
    });
  }

  it('names the option in the message', () => {
    expect(() => simulateShop({ customers: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[ChurnkitError: simulateShop: option "customers" must be an integer from 0 to 50,000,000; received -1.]`,
    );
  });
});

describe('simulateShop: invariants for any seed and size (fast-check)', () => {
  it('keeps bounds, order attrs, survey range, silence after churn and the active-gap bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 2, max: 900 }),
        fc.boolean(),
        fc.constantFrom(0, 0.5),
        (seed, customers, days, subscriptions, reactivationFraction) => {
          const start = Date.UTC(2022, 5, 15);
          const end = start + days * DAY_MS;
          const shop = simulateShop({ customers, seed, start, end, subscriptions, reactivationFraction });
          const { log, truth } = shop;
          expect(log.customerCount).toBe(customers);
          const shopTypes = new Set(shop.shopInitiatedTypes);
          const act = log.roleMask('activity');
          const pur = log.roleMask('purchase');
          const survey = log.roleMask('survey');
          const coupon = log.attr('coupon');
          const discount = log.attr('discount');
          const signup = shop.customers.time('signupDate')!;
          const maxGap = shop.maxActiveGapDays * DAY_MS;
          for (let c = 0; c < customers; c++) {
            const ct = truth.churned[c] === 1 ? truth.churnTime[c]! : Infinity;
            const rt = truth.reactivated[c] === 1 ? truth.reactivationTime[c]! : Infinity;
            expect(log.time[log.start(c)]).toBe(signup[c]); // the first session is at signup
            let prev = NaN;
            for (let k = log.start(c); k < log.end(c); k++) {
              const t = log.time[k]!;
              const ty = log.type[k]!;
              expect(t).toBeGreaterThanOrEqual(start);
              expect(t).toBeLessThan(end);
              if (!shopTypes.has(log.types[ty]!) && t > ct) expect(t).toBeGreaterThanOrEqual(rt);
              if (pur[ty]) {
                expect(log.value[k]!).toBeGreaterThan(0);
                const code = coupon!.values[coupon!.codes[k]!];
                const disc = discount!.values[discount!.codes[k]!] as number;
                expect(code === null).toBe(disc === 0);
              }
              if (survey[ty]) {
                expect(Number.isInteger(log.value[k]!)).toBe(true);
                expect(log.value[k]!).toBeGreaterThanOrEqual(0);
                expect(log.value[k]!).toBeLessThanOrEqual(10);
              }
              if (act[ty] || pur[ty]) {
                // the gap bound holds inside each active stretch (not across a churner's silence)
                if (!Number.isNaN(prev) && !(prev <= ct && t >= rt)) expect(t - prev).toBeLessThanOrEqual(maxGap);
                prev = t;
              }
            }
            if (truth.churned[c] === 0 || truth.reactivated[c] === 1) expect(end - prev).toBeLessThanOrEqual(maxGap);
          }
        },
      ),
      { numRuns: 40, seed: 20261124 },
    );
  });
});
