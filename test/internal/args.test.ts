import { describe, expect, it } from 'vitest';
import { EventLogBuilder, auditEvents, createEventLog, formatAuditReport, parseEventsCsv } from '../../src/data/index.js';
import { calendarPeriods, cutoffSeries } from '../../src/time/index.js';
import { purchaseGapQuantiles } from '../../src/churn/index.js';
import { btydHoldout, btydKernel, btydSummary, extractFeatures, scoreSentiment } from '../../src/features/index.js';
import { backtest, calibrationCurve, empc, liftTable } from '../../src/evaluate/index.js';
import { evaluateBtyd, fitBgNbd, fitGammaGamma, trainChurnModel } from '../../src/models/index.js';
import { optionsOf } from '../../src/internal/args.js';
import { synthetic } from '../models/fixtures.js';

/** What a call threw: the error's name, code, function named in the message and path. */
function thrown(f: () => unknown): { name: string; code: unknown; path?: unknown } {
  try {
    f();
  } catch (e) {
    const err = e as { name: string; code?: unknown; path?: unknown };
    return err.path === undefined ? { name: err.name, code: err.code } : { name: err.name, code: err.code, path: err.path };
  }
  return { name: 'nothing thrown', code: undefined };
}

const badInput = { name: 'ChurnkitError', code: 'INVALID_INPUT' };
const badOptions = { name: 'ChurnkitError', code: 'INVALID_OPTION', path: ['options'] };
const DAY = 86_400_000;
const log = createEventLog([
  { customerId: 'a', time: 0, type: 'order', value: 10 },
  { customerId: 'a', time: 10 * DAY, type: 'order', value: 12 },
  { customerId: 'b', time: 3 * DAY, type: 'order', value: 5 },
]);
const notLogs: unknown[] = [undefined, null, {}, 'log', [1, 2]];
const y = Object.freeze([0, 1, 0, 1]);
const p = Object.freeze([0.1, 0.8, 0.3, 0.6]);
const any = (v: unknown): never => v as never;

describe('optionsOf', () => {
  it('maps undefined to a fresh {} and returns an object unchanged', () => {
    const o = { bins: 3 };
    expect(optionsOf('f', o)).toBe(o);
    expect(optionsOf('f', undefined)).toEqual({});
  });
  it('rejects null, numbers and strings with INVALID_OPTION at path ["options"]', () => {
    for (const v of [null, 3, 'x', true]) expect(thrown(() => optionsOf('f', any(v)))).toEqual(badOptions);
  });
});

describe('EventLog-taking entry points reject a non-log with INVALID_INPUT', () => {
  it.each(notLogs)('given %s', (bad) => {
    expect(thrown(() => extractFeatures(any(bad), { cutoff: 20 * DAY }))).toEqual(badInput);
    expect(thrown(() => auditEvents(any(bad)))).toEqual(badInput);
    expect(thrown(() => btydSummary(any(bad), { cutoff: 20 * DAY }))).toEqual(badInput);
    expect(thrown(() => btydKernel(any(bad), { cutoff: 20 * DAY }))).toEqual(badInput);
    expect(thrown(() => btydHoldout(any(bad), { calibrationEnd: 5 * DAY, holdoutEnd: 20 * DAY }))).toEqual(badInput);
  });
  it('backtest names itself, not an inner function', () => {
    expect(() => backtest(any({}), { kind: 'inactivity', days: 30 } as never, any({ cutoffs: [DAY, 2 * DAY], horizonDays: 5, algorithm: 'logistic' }))).toThrow(/^backtest: the first argument must be an EventLog/);
  });
  it('extractFeatures rejects features: null with INVALID_OPTION at path ["features"]', () => {
    expect(thrown(() => extractFeatures(log, { cutoff: 20 * DAY, features: any(null) }))).toEqual({ name: 'ChurnkitError', code: 'INVALID_OPTION', path: ['features'] });
  });
});

describe('calendarPeriods and cutoffSeries need an options object', () => {
  it.each([undefined, null, 7])('given %s', (bad) => {
    expect(thrown(() => calendarPeriods(any(bad)))).toEqual(badOptions);
    expect(thrown(() => cutoffSeries(any(bad)))).toEqual(badOptions);
  });
});

describe('a null options object is INVALID_OPTION, not a TypeError', () => {
  const cases: [string, (o: never) => unknown][] = [
    ['liftTable', (o) => liftTable(y, p, o)],
    ['calibrationCurve', (o) => calibrationCurve(y, p, o)],
    ['empc', (o) => empc(y, p, o)],
    ['purchaseGapQuantiles', (o) => purchaseGapQuantiles(log, o)],
    ['scoreSentiment', (o) => scoreSentiment('great service', o)],
    ['formatAuditReport', (o) => formatAuditReport(auditEvents(log), o)],
    ['parseEventsCsv', (o) => parseEventsCsv('customer,time,type\na,2024-01-01,order\n', { customerId: 'customer', time: 'time', type: 'type' }, o)],
    ['EventLogBuilder', (o) => new EventLogBuilder(o)],
    ['fitBgNbd', (o) => fitBgNbd({ x: [1, 0], tx: [3, 0], T: [10, 8] }, o)],
    ['fitGammaGamma', (o) => fitGammaGamma({ x: [1, 2], monetary: [10, 12] }, o)],
    ['evaluateBtyd', (o) => evaluateBtyd(any({}), any({ x: [], tx: [], T: [] }), any({ counts: [] }), o)],
  ];
  it.each(cases)('%s', (_name, f) => {
    expect(thrown(() => f(any(null)))).toEqual(badOptions);
  });
});

describe('ChurnModel methods check their arguments', () => {
  const data = synthetic(200, 7);
  const model = trainChurnModel(data.matrix, data.labels, { algorithm: 'logistic' });
  it.each([null, undefined, {}, [1, 2], 'x'])('predict/contributions/explain reject %s as a matrix', (bad) => {
    expect(thrown(() => model.predict(any(bad)))).toEqual(badInput);
    expect(thrown(() => model.contributions(any(bad)))).toEqual(badInput);
    expect(thrown(() => model.explain(any(bad)))).toEqual(badInput);
  });
  it('explain(m, null) and importance("x") are INVALID_OPTION', () => {
    expect(thrown(() => model.explain(data.matrix, any(null)))).toEqual(badOptions);
    expect(thrown(() => model.importance(any('x')))).toEqual(badOptions);
    expect(thrown(() => model.importance(any({ labels: data.labels })))).toEqual(badInput);
  });
});
