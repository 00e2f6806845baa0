// The README's "loop in 20 lines", kept identical to it by test/docs/readme.test.ts and type-checked in CI.
// Run: npx tsx examples/readme-loop.ts
import {
  simulateShop, validateChurnRule, labelCustomers, extractFeatures,
  trainChurnModel, backtest, churnStatus,
} from '../src/index.js';

const { log } = simulateShop({ customers: 5000, seed: 7 });      // or parseEventsCsv / readEventsFile
const rule = validateChurnRule({ kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] });

const cutoff = Date.UTC(2024, 6, 1);                              // features see only events before it
const labels = labelCustomers(log, rule, { cutoff, horizonDays: 90 });
const X = extractFeatures(log, { cutoff, customers: labels.customerIds });
const model = trainChurnModel(X, labels.label, { algorithm: 'boosting', seed: 1 });

const bt = backtest(log, rule, { cutoffs: ['2024-01-01', '2024-04-01', '2024-07-01'], horizonDays: 90, algorithm: 'boosting' });
console.log(bt.folds.map((f) => f.rocAuc));                      // out-of-time AUC per cutoff

const status = churnStatus(log, rule, { asOf: '2025-01-01' });
const active = status.customerIds.filter((_, i) => status.status[i] !== 'churned');
const today = extractFeatures(log, { cutoff: '2025-01-01', customers: active });
for (const e of model.explain(today, { top: 3 }).slice(0, 3))
  console.log(e.customerId, e.probability.toFixed(2), e.drivers.map((d) => d.text));
