import { expect, it } from 'vitest';
import { featureColumn } from '../../src/features/FeatureMatrix.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { rfmFeatures } from '../../src/features/rfmFeatures.js';
import { describeWithData } from '../helpers/sharedData.js';
import { loadCdnowSample, readNumericCsv } from '../models/btyd/cdnowFixtures.js';

// Reference: ../shared/data/cdnow/cdnow_customers_summary.csv (lifetimes' copy of Fader & Hardie's
// CDNOW calibration summary; frequency = distinct purchase days − 1, recency and T in weeks, the
// calibration period observed through 1997-09-30). Our cutoff is exclusive, so 1997-10-01.
// Tolerance: the file prints recency and T with 2 decimals → |diff| ≤ 0.005 + 1e-9.
describeWithData('RFM catalogue on the CDNOW sample equals the published calibration summary', ['cdnow', 'cdnow_customers_summary.csv'], () => {
  it('x, t_x and T for all 2,357 customers; frequency_days = x + 1', () => {
    const log = loadCdnowSample();
    const m = extractFeatures(log, { cutoff: '1997-10-01', features: rfmFeatures, unit: 'week' });
    const ref = readNumericCsv('cdnow', 'cdnow_customers_summary.csv');
    const id = ref['ID']!;
    expect(m.customerIds.length).toBe(2357);
    expect(id.length).toBe(2357);
    const x = featureColumn(m, 'btyd_x');
    const tx = featureColumn(m, 'btyd_t_x');
    const T = featureColumn(m, 'btyd_T');
    const days = featureColumn(m, 'frequency_days');
    let worstTx = 0;
    let worstT = 0;
    for (let r = 0; r < id.length; r++) {
      const row = m.customerIds.indexOf(String(id[r]));
      expect(row).toBeGreaterThanOrEqual(0);
      expect(x[row]).toBe(ref['frequency']![r]);
      expect(days[row]).toBe(x[row]! + 1);
      worstTx = Math.max(worstTx, Math.abs(tx[row]! - ref['recency']![r]!));
      worstT = Math.max(worstT, Math.abs(T[row]! - ref['T']![r]!));
    }
    expect(worstTx).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(worstT).toBeLessThanOrEqual(0.005 + 1e-9);
    // recency in days is consistent with T − t_x in weeks (both measured from the last purchase day;
    // T ends on 1997-09-30, one day before the exclusive cutoff)
    const rec = featureColumn(m, 'recency_days');
    for (let r = 0; r < m.customerIds.length; r++) expect(rec[r]).toBeCloseTo((T[r]! - tx[r]!) * 7 + 1, 9);
  });
});
