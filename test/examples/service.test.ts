import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFile, startService, trainDemoModel, type ErrorBody, type RunningService, type ScoreResult } from '../../examples/service.js';
import { extractFeatures, simulateShop, type ChurnModel, type EventInput, type FeatureMatrix } from '../../src/index.js';

const DAY = 86_400_000;

/** Row r of a matrix as the `{ name: value }` object the service takes (NaN → null, as JSON would). */
function rowFeatures(m: FeatureMatrix, r: number): Record<string, number | null> {
  const o: Record<string, number | null> = {};
  m.names.forEach((name, j) => {
    const v = m.columns[j]![r]!;
    o[name] = Number.isNaN(v) ? null : v;
  });
  return o;
}

describe('examples/service.ts', () => {
  let dir: string;
  let modelFile: string;
  let model: ChurnModel;
  let service: RunningService;
  // A second shop (different seed) the model never saw, for scoring.
  const shop = simulateShop({ customers: 120, seed: 99 });
  const asOf = shop.end - 60 * DAY;
  const X = extractFeatures(shop.log, { cutoff: asOf });

  const post = async (body: unknown): Promise<{ status: number; json: { scores: ScoreResult[] } & ErrorBody }> => {
    const res = await fetch(`${service.url}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { scores: ScoreResult[] } & ErrorBody };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'churnkit-service-'));
    modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify(trainDemoModel({ customers: 800, seed: 7 }).toJSON()));
    model = loadModelFile(modelFile);
    service = await startService({ port: 0, host: '127.0.0.1', model: model.toJSON() });
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /health describes the loaded model', async () => {
    const res = await fetch(`${service.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; algorithm: string; features: string[]; trainedRows: number };
    expect(body.status).toBe('ok');
    expect(body.algorithm).toBe('boosting');
    expect(body.features).toEqual(model.features);
    expect(body.trainedRows).toBe(model.summary.rows);
  });

  it('POST /score with features returns the same risks as model.predict, with drivers', async () => {
    const rows = [0, 1, 2, 3, 4].map((r) => ({ customerId: X.customerIds[r]!, features: rowFeatures(X, r) }));
    const { status, json } = await post({ customers: rows, top: 2 });
    expect(status).toBe(200);
    const expected = model.predict(X);
    expect(json.scores.map((s) => s.customerId)).toEqual(X.customerIds.slice(0, 5));
    // JSON carries doubles exactly, so the risks are the same bytes as an in-process predict.
    expect(json.scores.map((s) => s.risk)).toEqual([...expected.slice(0, 5)]);
    const explained = model.explain(X, { top: 2 });
    for (const [r, s] of json.scores.entries()) {
      expect(s.drivers.map((d) => d.feature)).toEqual(explained[r]!.drivers.map((d) => d.feature));
      expect(s.drivers).toHaveLength(2);
      expect(Math.abs(s.drivers[0]!.contribution)).toBeGreaterThanOrEqual(Math.abs(s.drivers[1]!.contribution));
      expect(typeof s.drivers[0]!.text).toBe('string');
      expect(s.missingFeatures).toEqual([]);
    }
  });

  it('an absent feature is missing (imputed, as NaN in-process) and reported', async () => {
    const features = rowFeatures(X, 0);
    delete features['recency_days'];
    const { status, json } = await post({ customers: [{ customerId: 'x1', features }], top: 0 });
    expect(status).toBe(200);
    expect(json.scores[0]!.missingFeatures).toEqual(['recency_days']);
    expect(json.scores[0]!.drivers).toEqual([]);
    const j = X.names.indexOf('recency_days');
    const columns = X.columns.map((c, k) => (k === j ? new Float64Array([NaN]) : c.slice(0, 1)));
    const single: FeatureMatrix = { ...X, customerIds: ['x1'], columns };
    expect(json.scores[0]!.risk).toBe(model.predict(single)[0]);
  });

  it('POST /score with events scores every customer as of asOf, the same as extractFeatures + predict', async () => {
    const events: EventInput[] = [];
    for (const e of shop.log.events()) {
      const { source: _source, ...input } = e;
      events.push(input);
    }
    const { status, json } = await post({ events, asOf: new Date(asOf).toISOString() });
    expect(status).toBe(200);
    expect(json.scores.map((s) => s.customerId)).toEqual(X.customerIds);
    expect(json.scores.map((s) => s.risk)).toEqual([...model.predict(X)]);
    expect(json.scores[0]!.drivers).toHaveLength(3); // default top

    // Point in time: events at or after asOf do not change any score.
    const before = events.filter((e) => (e.time as number) < asOf);
    const again = await post({ events: before, asOf });
    expect(again.json.scores.map((s) => s.risk)).toEqual(json.scores.map((s) => s.risk));
  });

  it('empty customer list → no scores', async () => {
    const { status, json } = await post({ customers: [] });
    expect([status, json.scores]).toEqual([200, []]);
  });

  it('answers bad requests with 400 and a ChurnkitError-shaped body', async () => {
    const bad = await post('{"customers": [');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('JSON_SYNTAX');
    expect(bad.json.error.message).toMatch(/^POST \/score: the body is not JSON/);

    const both = await post({ customers: [], events: [] });
    expect([both.status, both.json.error.code]).toEqual([400, 'INVALID_INPUT']);
    const neither = await post({});
    expect([neither.status, neither.json.error.code]).toEqual([400, 'INVALID_INPUT']);

    const unknown = await post({ customers: [{ customerId: 'a', features: { recency_dayz: 3 } }] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: 'UNKNOWN_COLUMN', path: ['customers', 0, 'features', 'recency_dayz'], row: 0 });

    const text = await post({ customers: [{ customerId: 'a', features: { recency_days: 'ten' } }] });
    expect(text.json.error).toMatchObject({ code: 'INVALID_VALUE', field: 'recency_days', received: 'ten' });

    const noId = await post({ customers: [{ features: {} }] });
    expect(noId.json.error.code).toBe('INVALID_CUSTOMER');

    const badEvent = await post({ events: [{ customerId: 'a', time: '2024-01-01', type: 'order' }, { customerId: 'b', time: 'soon', type: 'order' }], asOf: '2024-06-01' });
    expect(badEvent.status).toBe(400);
    expect(badEvent.json.error).toMatchObject({ code: 'INVALID_TIME', row: 1 });

    const noAsOf = await post({ events: [] });
    expect(noAsOf.json.error).toMatchObject({ code: 'INVALID_OPTION', path: ['asOf'] });

    const top = await post({ customers: [], top: -1 });
    expect(top.json.error).toMatchObject({ code: 'INVALID_OPTION', path: ['top'] });
  });

  it('404 for unknown routes, 405 for wrong methods, 413 for huge bodies', async () => {
    expect((await fetch(`${service.url}/nope`)).status).toBe(404);
    expect((await fetch(`${service.url}/score`)).status).toBe(405);
    expect((await fetch(`${service.url}/health`, { method: 'POST' })).status).toBe(405);
    const small = await startService({ model, maxBodyBytes: 100 });
    try {
      const res = await fetch(`${small.url}/score`, { method: 'POST', body: JSON.stringify({ customers: [], pad: 'x'.repeat(200) }) });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('close() stops it', async () => {
    const other = await startService({ model });
    expect((await fetch(`${other.url}/health`)).status).toBe(200);
    await other.close();
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });

  it('runs directly with tsx: loads --model, listens on --port and prints the URL', async () => {
    const tsx = resolve('node_modules/.bin/tsx');
    const child: ChildProcess = spawn(tsx, ['examples/service.ts', `--model=${modelFile}`, '--port=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no URL printed; output so far: ${out}`)), 30_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            ok(m[1]!);
          }
        });
        child.on('exit', (code) => fail(new Error(`exited with ${code}: ${out}`)));
      });
      const body = (await (await fetch(`${url}/health`)).json()) as { features: string[] };
      expect(body.features).toEqual(model.features);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
