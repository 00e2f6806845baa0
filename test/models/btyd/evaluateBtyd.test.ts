import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../../src/data/createEventLog.js';
import { btydHoldout, btydSummary, type BtydHoldout } from '../../../src/features/btydSummary.js';
import { ChurnkitError } from '../../../src/internal/errors.js';
import { evaluateBtyd } from '../../../src/models/btyd/evaluateBtyd.js';
import { fitBgNbd } from '../../../src/models/btyd/fitBgNbd.js';
import type { BtydCountModel } from '../../../src/models/btyd/types.js';
import { describeWithData } from '../../helpers/sharedData.js';
import { loadCdnowSample } from './cdnowFixtures.js';

const DAY = 86_400_000;

// A model that predicts exactly x/2 in any holdout and E[X(t)] = t/10: makes the expected numbers easy.
const stub: BtydCountModel = {
  expectedPurchases: (t) => t / 10,
  conditionalExpectedPurchases: (_t, x) => Float64Array.from(x, (v) => v / 2),
  probabilityAlive: (x) => new Float64Array(x.length).fill(1),
};

function holdoutOf(counts: number[], ids: string[], extra: Partial<BtydHoldout> = {}): BtydHoldout {
  return { customerIds: ids, counts: Float64Array.from(counts), duration: 4, end: 8, origin: 0, repeatByPeriod: new Float64Array(8), calibrationEnd: 4, unit: 'week', ...extra };
}

describe('evaluateBtyd on hand-made inputs', () => {
  const cal = { customerIds: ['a', 'b', 'c', 'd'], x: [0, 2, 4, 8], tx: [0, 1, 2, 3], T: [4, 4, 4, 4] };

  it('MAE, RMSE, correlation and totals from per-customer predictions', () => {
    // predicted 0, 1, 2, 4; actual 0, 1, 3, 4 → errors 0, 0, −1, 0
    const ev = evaluateBtyd(stub, cal, holdoutOf([0, 1, 3, 4], cal.customerIds));
    expect(ev.mae).toBeCloseTo(0.25, 14);
    expect(ev.rmse).toBeCloseTo(0.5, 14);
    expect(ev.actualTotal).toBe(8);
    expect(ev.predictedTotal).toBe(7);
    // Pearson of (0,1,2,4) and (0,1,3,4): computed by hand = 0.9467...
    const p = [0, 1, 2, 4];
    const a = [0, 1, 3, 4];
    const mp = 7 / 4;
    const ma = 2;
    const num = p.reduce((s, v, i) => s + (v - mp) * (a[i]! - ma), 0);
    const den = Math.sqrt(p.reduce((s, v) => s + (v - mp) ** 2, 0) * a.reduce((s, v) => s + (v - ma) ** 2, 0));
    expect(ev.correlation).toBeCloseTo(num / den, 14);
    expect(ev.tracking).toBeNull();
  });
  it('calibration table pools x ≥ maxBucket and leaves empty buckets NaN', () => {
    const ev = evaluateBtyd(stub, cal, holdoutOf([0, 1, 3, 4], cal.customerIds), { maxBucket: 3 });
    expect(ev.calibrationTable.map((r) => [r.label, r.customers])).toEqual([['0', 1], ['1', 0], ['2', 1], ['3+', 2]]);
    expect(ev.calibrationTable[1]!.meanActual).toBeNaN();
    expect(ev.calibrationTable[3]!.meanActual).toBe(3.5);
    expect(ev.calibrationTable[3]!.meanPredicted).toBe(3);
  });
  it('refuses mismatched customers', () => {
    const e1 = (() => { try { evaluateBtyd(stub, cal, holdoutOf([0, 1, 3], ['a', 'b', 'c'])); } catch (e) { return e as ChurnkitError; } return null; })();
    expect(e1?.code).toBe('LENGTH_MISMATCH');
    const e2 = (() => { try { evaluateBtyd(stub, cal, holdoutOf([0, 1, 3, 4], ['a', 'b', 'd', 'c'])); } catch (e) { return e as ChurnkitError; } return null; })();
    expect([e2?.code, e2?.row]).toEqual(['INVALID_INPUT', 2]);
    const daily = { ...stub, unit: 'day' as const };
    const e3 = (() => { try { evaluateBtyd(daily, cal, holdoutOf([0, 1, 3, 4], cal.customerIds)); } catch (e) { return e as ChurnkitError; } return null; })();
    expect([e3?.code, e3?.field]).toEqual(['INVALID_INPUT', 'unit']);
  });
  it('tracking curve: Σ_i E[X(t − s_i)] by period against the actual repeat series of a real log', () => {
    const t0 = Date.UTC(2024, 0, 1);
    const log = createEventLog([
      { customerId: 'a', time: t0, type: 'order', value: 1 },
      { customerId: 'a', time: t0 + 9 * DAY, type: 'order', value: 1 },
      { customerId: 'a', time: t0 + 30 * DAY, type: 'order', value: 1 },
      { customerId: 'b', time: t0 + 7 * DAY, type: 'order', value: 1 },
      { customerId: 'b', time: t0 + 35 * DAY, type: 'order', value: 1 },
    ]);
    const c = btydSummary(log, { cutoff: t0 + 21 * DAY });
    const h = btydHoldout(log, { calibrationEnd: t0 + 21 * DAY, holdoutEnd: t0 + 42 * DAY });
    const ev = evaluateBtyd(stub, c, h);
    const tr = ev.tracking!;
    expect(Array.from(tr.period)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(tr.actual)).toEqual([0, 1, 0, 0, 1, 1]);
    expect(Array.from(tr.actualCumulative)).toEqual([0, 1, 1, 1, 2, 3]);
    // a born at week 0, b at week 1: predicted cumulative at week k = k/10 + (k−1)/10
    tr.predictedCumulative.forEach((v, k) => expect(v).toBeCloseTo((k + 1) / 10 + k / 10, 12));
    expect(tr.calibrationEnd).toBe(3);
    expect(Array.from(h.counts)).toEqual([1, 1]);
  });
});

describeWithData('evaluateBtyd on CDNOW, weeks 40–78 (Fader, Hardie & Lee 2005)', ['cdnow', 'CDNOW_sample.txt'], () => {
  const log = loadCdnowSample();
  const cal = btydSummary(log, { cutoff: '1997-10-01', unit: 'week' });
  const hold = btydHoldout(log, { calibrationEnd: '1997-10-01', holdoutEnd: '1998-07-01', unit: 'week' });
  const model = fitBgNbd(cal);
  const ev = evaluateBtyd(model, cal, hold);

  it('1,882 actual holdout transactions; per-customer correlation ≈ 0.63 (measured 0.6256; ±0.01)', () => {
    expect(ev.customers).toBe(2357);
    expect(ev.duration).toBe(39);
    expect(ev.actualTotal).toBe(1882);
    expect(Math.abs(ev.correlation - 0.63)).toBeLessThan(0.01);
    // measured with this implementation: MAE 0.7855, RMSE 1.6080, predicted total 1653.4 (±0.01)
    expect(Math.abs(ev.mae - 0.7855)).toBeLessThan(1e-3);
    expect(Math.abs(ev.rmse - 1.608)).toBeLessThan(1e-3);
    expect(Math.abs(ev.predictedTotal - 1653.4)).toBeLessThan(0.1);
  });
  it('tracking: 4,339 actual cumulative repeat transactions at week 78 vs ≈ 4,166 expected (measured 4165.7; ±2); 2,457 at week 39', () => {
    const tr = ev.tracking!;
    expect(tr.period.length).toBe(78);
    expect(tr.actualCumulative[77]).toBe(4339);
    expect(tr.actualCumulative[38]).toBe(2457);
    expect(Math.abs(tr.predictedCumulative[77]! - 4166)).toBeLessThan(2);
    expect(tr.calibrationEnd).toBe(39);
  });
  it('conditional expectations by calibration frequency: 1,411 customers with x = 0 expected 0.225, observed 0.237', () => {
    const row0 = ev.calibrationTable[0]!;
    expect(row0.customers).toBe(1411);
    expect(Math.abs(row0.meanActual - 334 / 1411)).toBeLessThan(1e-12);
    expect(Math.abs(row0.meanPredicted - 0.2251)).toBeLessThan(1e-3);
    expect(ev.calibrationTable.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(ev.calibrationTable[7]!.label).toBe('7+');
  });
});
