/**
 * IBM Telco churn (../shared/data/telco) as a FeatureMatrix, with a deterministic split that
 * bench/reference/telco_sklearn.py computes identically: FNV-1a 32-bit hash of the UTF-8
 * customerID; the row is a test row when hash % 4 === 0.
 *
 * Encoding (the reference script repeats it): tenure, MonthlyCharges, TotalCharges numeric
 * (TotalCharges is blank for 11 new customers → NaN); SeniorCitizen binary; every other column
 * categorical with levels sorted in code-unit order over the whole file. Label: Churn === 'Yes'.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFeatureMatrix, type FeatureMatrix, type FeatureMeta } from '../../src/features/FeatureMatrix.js';

/** ../shared/data/telco/... (the same place test/helpers/sharedData.ts points at; no vitest import, so bench/ can use this file). */
export const TELCO_FILE = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data'), 'telco', 'WA_Fn-UseC_-Telco-Customer-Churn.csv');

export const TELCO_PARTS = ['telco', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'];

/** FNV-1a, 32 bits, over the UTF-8 bytes of `s`. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface TelcoSplit {
  train: { matrix: FeatureMatrix; labels: Uint8Array };
  test: { matrix: FeatureMatrix; labels: Uint8Array };
}

const NUMERIC = new Set(['tenure', 'MonthlyCharges', 'TotalCharges']);
const BINARY = new Set(['SeniorCitizen']);

/** Loads the Telco file and splits it (test when fnv1a32(customerID) % 4 === 0). */
export function loadTelco(): TelcoSplit {
  const text = readFileSync(TELCO_FILE, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  for (const r of rows) if (r.length !== header.length) throw new Error(`telco: a row has ${r.length} fields`);
  const idCol = header.indexOf('customerID');
  const yCol = header.indexOf('Churn');
  const featureCols = header.map((_, j) => j).filter((j) => j !== idCol && j !== yCol);
  const metas: FeatureMeta[] = [];
  const values: number[][] = [];
  for (const j of featureCols) {
    const name = header[j]!;
    const raw = rows.map((r) => r[j]!.trim());
    if (NUMERIC.has(name) || BINARY.has(name)) {
      metas.push({ name, description: name, unit: NUMERIC.has(name) ? 'number' : 'flag', kind: BINARY.has(name) ? 'binary' : 'numeric', ...(name === 'TotalCharges' ? { nanMeaning: 'no bill yet' } : {}) });
      values.push(raw.map((s) => (s === '' ? Number.NaN : Number(s))));
    } else {
      const levels = [...new Set(raw)].sort();
      const code = new Map(levels.map((l, k) => [l, k]));
      metas.push({ name, description: name, unit: 'category', kind: 'categorical', levels });
      values.push(raw.map((s) => code.get(s)!));
    }
  }
  const ids = rows.map((r) => r[idCol]!);
  const y = rows.map((r) => (r[yCol] === 'Yes' ? 1 : 0));
  const testIdx: number[] = [];
  const trainIdx: number[] = [];
  ids.forEach((id, i) => (fnv1a32(id) % 4 === 0 ? testIdx : trainIdx).push(i));
  const part = (idx: number[]) => ({
    matrix: createFeatureMatrix({ customerIds: idx.map((i) => ids[i]!), features: metas.map((meta, j) => ({ meta, values: idx.map((i) => values[j]![i]!) })) }),
    labels: Uint8Array.from(idx, (i) => y[i]!),
  });
  return { train: part(trainIdx), test: part(testIdx) };
}
