import { describe, expect, it } from 'vitest';
import {
  analyzeChurn, auditEvents, backtest, churnStatus, createEventLog, evaluateCampaign, extractFeatures, labelCustomers,
  labelHistory, liftTable, mergeEventLogs, scoreRfm, simulateShop, survivalFromLog, validateChurnRule,
} from '../../src/index.js';
import { renderReport, toCsv } from '../../src/report/index.js';
import { applyTags, assignPersonas, lifecycleStages } from '../../src/segments/index.js';
import { profitCurve } from '../../src/evaluate/index.js';
import { churnRateSeries, purchaseGapQuantiles } from '../../src/churn/index.js';
import { fitBgNbd } from '../../src/models/btyd/index.js';
import { createCustomerTable, createEventLogAsync, parseEventsCsv, parseEventsNdjson } from '../../src/data/index.js';
import { readEventsFile } from '../../src/node/index.js';
import { caught } from '../helpers/errors.js';

const { log } = simulateShop({ customers: 60, seed: 2 });
const rule = validateChurnRule({ kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] });
const cutoff = '2024-06-01';

/** Each call has one misspelt option; the error names it, its path, and the option meant. */
const cases: [string, () => unknown, string, string][] = [
  ['analyzeChurn', () => analyzeChurn(log, { horizon: 30 } as never), 'horizon', 'horizonDays'],
  ['simulateShop', () => simulateShop({ customer: 10 } as never), 'customer', 'customers'],
  ['createEventLog', () => createEventLog([], { onInvalide: 'skip' } as never), 'onInvalide', 'onInvalid'],
  ['extractFeatures', () => extractFeatures(log, { cutoff, customer: ['C00001'] } as never), 'customer', 'customers'],
  ['labelCustomers', () => labelCustomers(log, rule, { cutoff, horizonDays: 90, dataend: cutoff } as never), 'dataend', 'dataEnd'],
  ['labelHistory', () => labelHistory(log, rule, { cutoffs: [cutoff], horizonDays: 90, eligable: 'all' } as never), 'eligable', 'eligible'],
  ['churnStatus', () => churnStatus(log, rule, { asOf: cutoff, atRiskFractoin: 0.3 } as never), 'atRiskFractoin', 'atRiskFraction'],
  ['auditEvents', () => auditEvents(log, { asof: cutoff } as never), 'asof', 'asOf'],
  ['backtest', () => backtest(log, rule, { cutoffs: ['2024-03-01', cutoff], horizonDays: 60, algoritm: 'logistic' } as never), 'algoritm', 'algorithm'],
  ['evaluateCampaign', () => evaluateCampaign([], { alpah: 0.1 } as never), 'alpah', 'alpha'],
  ['scoreRfm', () => scoreRfm(extractFeatures(log, { cutoff }), { bin: 3 } as never), 'bin', 'bins'],
  ['liftTable', () => liftTable([0, 1], [0.2, 0.8], { bin: 5 } as never), 'bin', 'bins'],
  ['survivalFromLog', () => survivalFromLog(log, rule, { asOf: cutoff, groupby: 'plan' } as never), 'groupby', 'groupBy'],
  ['mergeEventLogs', () => mergeEventLogs([log], { dedup: false } as never), 'dedup', 'dedupe'],
  ['profitCurve', () => profitCurve([] as never, [] as never, { acceptance: 0.3 } as never), 'acceptance', 'acceptanceRate'],
  ['lifecycleStages', () => lifecycleStages(log, { asof: cutoff } as never), 'asof', 'asOf'],
  ['assignPersonas', () => assignPersonas({} as never, { minscore: 1 } as never), 'minscore', 'minScore'],
  ['applyTags', () => applyTags({} as never, [], { references: {} } as never), 'references', 'reference'],
  ['churnRateSeries', () => churnRateSeries(log, rule, { periods: 'month' } as never), 'periods', 'period'],
  ['purchaseGapQuantiles', () => purchaseGapQuantiles(log, { prob: [0.5] } as never), 'prob', 'probs'],
  ['fitBgNbd', () => fitBgNbd({} as never, { maxiter: 5 } as never), 'maxiter', 'maxIter'],
  ['createCustomerTable', () => createCustomerTable([], { kind: {} } as never), 'kind', 'kinds'],
  ['toCsv', () => toCsv({} as never, { delimeter: ';' } as never), 'delimeter', 'delimiter'],
  ['parseEventsCsv', () => parseEventsCsv('a,b\n', { customerId: 'a', time: 'b', type: { value: 'order' } } as never, { delimeter: ';' } as never), 'delimeter', 'delimiter'],
  ['parseEventsNdjson', () => parseEventsNdjson('', { onInvalide: 'skip' } as never), 'onInvalide', 'onInvalid'],
];

describe('misspelt options are errors, not silently used defaults', () => {
  for (const [fn, call, key, meant] of cases) {
    it(`${fn}: "${key}" → INVALID_OPTION at [${key}], "did you mean ${meant}"`, () => {
      const e = caught(call);
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.path).toEqual([key]);
      expect(e.message).toContain(`"${key}" is not an option of ${fn}`);
      expect(e.message).toContain(`did you mean "${meant}"?`); // that one name only
    });
  }
  it('readEventsFile and createEventLogAsync: misspelt options are errors too', async () => {
    await expect(readEventsFile('nowhere.csv', null, { chunkbytes: 10 } as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', path: ['chunkbytes'] });
    await expect(createEventLogAsync([], { sorce: 'crm' } as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', path: ['sorce'] });
  });
  it('renderReport: "titel" → INVALID_OPTION before the analysis is read', async () => {
    await expect(renderReport({} as never, { titel: 'Q4' } as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', path: ['titel'] });
  });
  it('every correctly spelt option is still accepted (one call per function with all of its common options)', () => {
    expect(() => churnStatus(log, rule, { asOf: cutoff, atRiskFraction: 0.5, recentDays: 30 })).not.toThrow();
    expect(() => liftTable([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8], { bins: 2 })).not.toThrow();
    expect(() => auditEvents(log, { asOf: cutoff, staleDays: 30 })).not.toThrow();
  });
});
