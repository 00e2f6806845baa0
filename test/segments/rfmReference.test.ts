import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreRfm } from '../../src/segments/scoreRfm.js';

// Reference: bench/reference/rfm_pandas_qcut.py (pandas 1.5.3 Series.rank(method='average'),
// numpy default_rng(20240601)); 2000 customers with integer recency days (ties), 70% bought
// once, a block of exact monetary ties, net refunds and ~5% never bought. Segments come from
// the grid written out cell by cell in the script. Scores are integers: compared exactly.
interface Case {
  bins: number;
  recency: number[];
  frequency: number[];
  monetary: number[];
  segment: string[];
  segmentCounts: Record<string, number>;
}
const ref = JSON.parse(readFileSync(new URL('../../bench/reference/rfm_pandas_qcut.json', import.meta.url), 'utf8')) as {
  input: { recency: (number | null)[]; frequency: number[]; monetary: number[] };
  cases: Case[];
};

describe('scoreRfm against the pandas reference', () => {
  const input = {
    customerIds: ref.input.frequency.map((_, i) => `c${i}`),
    recency: ref.input.recency.map((v) => (v === null ? Number.NaN : v)),
    frequency: ref.input.frequency,
    monetary: ref.input.monetary,
  };
  for (const c of ref.cases) {
    it(`bins = ${c.bins}: every score and segment equals the reference`, () => {
      const t = scoreRfm(input, { bins: c.bins });
      expect([...t.recency]).toEqual(c.recency);
      expect([...t.frequency]).toEqual(c.frequency);
      expect([...t.monetary]).toEqual(c.monetary);
      expect(t.segment).toEqual(c.segment);
      for (const s of t.segments) expect(s.size).toBe(c.segmentCounts[s.name] ?? 0);
      expect(t.noPurchase).toBe(c.segmentCounts['No purchase']);
    });
  }
});
