/**
 * churnkit as a small scoring service (node:http, no framework).
 *
 * Run: `npx tsx examples/service.ts [--model=churn-model.json] [--port=8080] [--host=127.0.0.1]`.
 * Without `--model` it trains a boosting model on `simulateShop()`, saves it to the system's
 * temp folder (the path is printed) and serves that.
 *
 * Routes
 * - `GET /health` → `{ status: 'ok', algorithm, features, trainedRows }`
 * - `POST /score` with a JSON body in one of two forms (exactly one of `customers` or `events`):
 *   1. `{ customers: [{ customerId, features: { name: value } }], top? }` — features you computed
 *      yourself (e.g. in a warehouse). Every name must be a model feature. `null` stands for NaN
 *      (the feature's own "undefined" case, e.g. a purchase gap with fewer than two orders); an
 *      absent feature is also NaN for the model (imputed as in training) and is listed in that
 *      score's `missingFeatures`, so a forgotten column is seen. Categorical features take the
 *      level name (or its integer code).
 *   2. `{ events: [EventInput...], asOf, top? }` — raw events; churnkit builds the log and the
 *      default feature catalogue as of `asOf` (only events strictly before it count) and scores
 *      every customer with an event before `asOf`.
 *
 *   Answer: `{ scores: [{ customerId, risk, drivers: [{ feature, value, typical, contribution,
 *   text }], missingFeatures }] }`, in input order (events: log order), `top` drivers (default 3)
 *   that push towards churn or away from it.
 * - Errors: a JSON body `{ error: { code, message, path?, row?, field?, expected?, received? } }`
 *   shaped like `ChurnkitError`; 400 for bad input (`JSON_SYNTAX`, `INVALID_INPUT`,
 *   `UNKNOWN_COLUMN`, an event's `INVALID_TIME`, ...), 404 / 405 / 413 for route, method and size,
 *   500 for anything unexpected.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ChurnkitError,
  createEventLog,
  createFeatureMatrix,
  extractFeatures,
  labelCustomers,
  loadChurnModel,
  simulateShop,
  trainChurnModel,
  validateChurnRule,
  type ChurnModel,
  type ChurnModelJson,
  type EventInput,
  type FeatureMatrix,
  type FeatureMeta,
} from '../src/index.js';

/** Options of {@link startService}. */
export interface ServiceOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** The model: a loaded `ChurnModel` or its saved JSON (validated by `loadChurnModel`). */
  model: ChurnModel | ChurnModelJson;
  /** Largest request body in bytes; default 10 MiB. */
  maxBodyBytes?: number;
}

/** A running service. */
export interface RunningService {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/** One scored customer in the answer of `POST /score`. */
export interface ScoreResult {
  customerId: string;
  /** Churn probability, 0..1. */
  risk: number;
  drivers: { feature: string; value: number | string | null; typical: number | string; contribution: number; text: string }[];
  /** Model features the request did not give at all (NaN for the model, which imputes them). */
  missingFeatures: string[];
}

/** The error body every failure answers with. */
export interface ErrorBody {
  error: { code: string; message: string; path?: readonly (string | number)[]; row?: number; field?: string; expected?: string; received?: unknown };
}

/** An HTTP failure carrying a status and a ChurnkitError-shaped body. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message);
  }
}

function badRequest(code: ChurnkitError['code'], message: string, details: ConstructorParameters<typeof ChurnkitError>[2] = {}): never {
  throw new ChurnkitError(code, message, details);
}

/** Turn a file path into a loaded model, with the path in the error when the JSON is bad. */
export function loadModelFile(path: string): ChurnModel {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ChurnkitError('JSON_SYNTAX', `loadModelFile: ${path} is not JSON (${(e as Error).message}).`, { field: path });
  }
  return loadChurnModel(json);
}

/**
 * Train the demo model: a boosting model on `simulateShop({ customers, seed })`, labelled with
 * "no purchase or activity for 60 days" within 90 days of a cutoff 120 days before the data end.
 */
export function trainDemoModel(options: { customers?: number; seed?: number; algorithm?: 'logistic' | 'boosting' } = {}): ChurnModel {
  const shop = simulateShop({ customers: options.customers ?? 3000, seed: options.seed ?? 7 });
  const rule = validateChurnRule({ kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] });
  const cutoff = shop.end - 120 * 86_400_000;
  const labels = labelCustomers(shop.log, rule, { cutoff, horizonDays: 90, dataEnd: shop.end });
  const X = extractFeatures(shop.log, { cutoff, customers: labels.customerIds });
  return trainChurnModel(X, labels.label, { algorithm: options.algorithm ?? 'boosting', seed: 1 });
}

/** Build a FeatureMatrix from posted `{ customerId, features }` rows, using the model's own feature metadata. */
function matrixFromRows(json: ChurnModelJson, rows: unknown): { matrix: FeatureMatrix; missing: string[][] } {
  if (!Array.isArray(rows)) badRequest('INVALID_INPUT', 'POST /score: "customers" must be an array.', { path: ['customers'], expected: 'an array', received: rows });
  const inputs = json.preprocessing.inputs;
  const index = new Map(inputs.map((inp, j) => [inp.name, j]));
  const columns = inputs.map(() => new Float64Array(rows.length));
  const ids: string[] = [];
  const missing: string[][] = [];
  rows.forEach((row: unknown, r) => {
    if (row === null || typeof row !== 'object') {
      badRequest('INVALID_ROW', `POST /score: customers[${r}] must be an object.`, { path: ['customers', r], row: r, expected: 'an object', received: row });
    }
    const { customerId, features } = row as { customerId?: unknown; features?: unknown };
    if ((typeof customerId !== 'string' || customerId === '') && (typeof customerId !== 'number' || !Number.isFinite(customerId))) {
      badRequest('INVALID_CUSTOMER', `POST /score: customers[${r}].customerId must be a non-empty string or a number.`, {
        path: ['customers', r, 'customerId'],
        row: r,
        expected: 'a customer id',
        received: customerId,
      });
    }
    if (features === null || typeof features !== 'object' || Array.isArray(features)) {
      badRequest('INVALID_INPUT', `POST /score: customers[${r}].features must be an object of feature → value.`, {
        path: ['customers', r, 'features'],
        row: r,
        expected: 'an object',
        received: features,
      });
    }
    ids.push(String(customerId));
    const given = features as Record<string, unknown>;
    for (const name of Object.keys(given)) {
      if (!index.has(name)) {
        badRequest('UNKNOWN_COLUMN', `POST /score: customers[${r}] has feature "${name}", which the model does not use.`, {
          path: ['customers', r, 'features', name],
          row: r,
          field: name,
          expected: `one of the model's ${inputs.length} features (GET /health lists them)`,
          received: name,
        });
      }
    }
    const absent: string[] = [];
    inputs.forEach((inp, j) => {
      const v = given[inp.name];
      let x = NaN;
      if (v === undefined) absent.push(inp.name);
      else if (v === null) x = NaN;
      else if (inp.kind === 'categorical') {
        const code = typeof v === 'string' ? (inp.levels ?? []).indexOf(v) : typeof v === 'number' && Number.isInteger(v) ? v : -1;
        if (code < 0 || code >= (inp.levels ?? []).length) {
          badRequest('INVALID_INPUT', `POST /score: customers[${r}].features.${inp.name} must be one of its levels.`, {
            path: ['customers', r, 'features', inp.name],
            row: r,
            field: inp.name,
            expected: `one of ${(inp.levels ?? []).join(', ')}`,
            received: v,
          });
        }
        x = code;
      } else if (typeof v === 'number' && Number.isFinite(v)) x = v;
      else if (typeof v === 'boolean' && inp.kind === 'binary') x = v ? 1 : 0;
      else {
        badRequest('INVALID_VALUE', `POST /score: customers[${r}].features.${inp.name} must be a finite number or null.`, {
          path: ['customers', r, 'features', inp.name],
          row: r,
          field: inp.name,
          expected: inp.kind === 'binary' ? '0, 1, a boolean or null' : 'a finite number or null',
          received: v,
        });
      }
      columns[j]![r] = x;
    });
    missing.push(absent);
  });
  const matrix = createFeatureMatrix({
    customerIds: ids,
    features: inputs.map((inp, j) => {
      const meta: FeatureMeta = { name: inp.name, description: inp.description, unit: inp.unit, kind: inp.kind };
      if (inp.levels) meta.levels = inp.levels;
      if (inp.nanMeaning !== null) meta.nanMeaning = inp.nanMeaning;
      return { meta, values: columns[j]! };
    }),
  });
  return { matrix, missing };
}

/** Build the log from posted events and the features as of `asOf`. */
function matrixFromEvents(json: ChurnModelJson, events: unknown, asOf: unknown): { matrix: FeatureMatrix; missing: string[][] } {
  if (!Array.isArray(events)) badRequest('INVALID_INPUT', 'POST /score: "events" must be an array of events.', { path: ['events'], expected: 'an array', received: events });
  if (typeof asOf !== 'string' && typeof asOf !== 'number') {
    badRequest('INVALID_OPTION', 'POST /score: "asOf" (ISO date or epoch ms) is required with "events".', { path: ['asOf'], expected: 'an ISO date or epoch ms', received: asOf });
  }
  const log = createEventLog(events as EventInput[]);
  const matrix = extractFeatures(log, { cutoff: asOf });
  // extractFeatures computes every default feature, so none of the model's is missing unless the
  // model used extra (e.g. attribute) features: predict then answers UNKNOWN_COLUMN.
  const have = new Set(matrix.names);
  const absent = json.preprocessing.inputs.map((i) => i.name).filter((n) => !have.has(n));
  return { matrix, missing: matrix.customerIds.map(() => absent) };
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpError(413, { error: { code: 'INVALID_INPUT', message: `POST /score: the body is larger than ${limit} bytes.`, expected: `at most ${limit} bytes` } });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorBody(e: ChurnkitError): ErrorBody {
  const error: ErrorBody['error'] = { code: e.code, message: e.message };
  if (e.path !== undefined) error.path = e.path;
  if (e.row !== undefined) error.row = e.row;
  if (e.field !== undefined) error.field = e.field;
  if (e.expected !== undefined) error.expected = e.expected;
  if (e.received !== undefined) error.received = e.received;
  return { error };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Score one parsed request body. */
function score(model: ChurnModel, json: ChurnModelJson, body: unknown): { scores: ScoreResult[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    badRequest('INVALID_INPUT', 'POST /score: the body must be a JSON object with "customers" or "events".', { expected: 'an object', received: body });
  }
  const b = body as { customers?: unknown; events?: unknown; asOf?: unknown; top?: unknown };
  if ((b.customers === undefined) === (b.events === undefined)) {
    badRequest('INVALID_INPUT', 'POST /score: give exactly one of "customers" (features) or "events" (with "asOf").', {
      expected: 'exactly one of customers, events',
      received: Object.keys(b),
    });
  }
  const top = b.top ?? 3;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 0 || top > 100) {
    badRequest('INVALID_OPTION', 'POST /score: "top" must be an integer from 0 to 100.', { path: ['top'], expected: 'an integer 0..100', received: top });
  }
  const { matrix, missing } = b.customers !== undefined ? matrixFromRows(json, b.customers) : matrixFromEvents(json, b.events, b.asOf);
  if (matrix.customerIds.length === 0) return { scores: [] };
  const risk = model.predict(matrix);
  const explained = top > 0 ? model.explain(matrix, { top }) : null;
  return {
    scores: matrix.customerIds.map((customerId, r) => ({
      customerId,
      risk: risk[r]!,
      drivers: (explained?.[r]?.drivers ?? []).map((d) => ({
        feature: d.feature,
        value: typeof d.value === 'number' && Number.isNaN(d.value) ? null : d.value,
        typical: d.typical,
        contribution: d.contribution,
        text: d.text,
      })),
      missingFeatures: missing[r] ?? [],
    })),
  };
}

/**
 * Start the service. Resolves once it listens.
 *
 * @example
 * ```ts
 * const service = await startService({ port: 0, model: trainDemoModel({ customers: 500 }) });
 * await fetch(`${service.url}/health`);
 * await service.close();
 * ```
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const model = 'toJSON' in options.model ? options.model : loadChurnModel(options.model);
  const json = model.toJSON();
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path === '/health') {
          if (req.method !== 'GET') throw new HttpError(405, { error: { code: 'INVALID_INPUT', message: 'GET /health only.', expected: 'GET' } });
          send(res, 200, { status: 'ok', algorithm: model.algorithm, features: model.features, trainedRows: model.summary.rows });
          return;
        }
        if (path === '/score') {
          if (req.method !== 'POST') throw new HttpError(405, { error: { code: 'INVALID_INPUT', message: 'POST /score only.', expected: 'POST' } });
          const text = await readBody(req, limit);
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch (e) {
            badRequest('JSON_SYNTAX', `POST /score: the body is not JSON (${(e as Error).message}).`, { expected: 'a JSON object' });
          }
          send(res, 200, score(model, json, body));
          return;
        }
        throw new HttpError(404, { error: { code: 'INVALID_INPUT', message: `No route ${req.method} ${path}; try GET /health or POST /score.` } });
      } catch (e) {
        if (e instanceof HttpError) send(res, e.status, e.body);
        else if (e instanceof ChurnkitError) send(res, 400, errorBody(e));
        else send(res, 500, { error: { code: 'INTERNAL', message: 'Internal error while scoring.' } });
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : ok()));
      }),
  };
}

// Run directly: `npx tsx examples/service.ts [--model=file] [--port=8080] [--host=127.0.0.1]`.
async function main(): Promise<void> {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
  let model: ChurnModel;
  const file = args.get('model');
  if (file) {
    model = loadModelFile(file);
    console.log(`Loaded ${model.algorithm} model from ${file} (${model.features.length} features).`);
  } else {
    console.log('No --model=file given: training a boosting model on simulateShop() …');
    model = trainDemoModel();
    const saved = join(tmpdir(), 'churnkit-demo-model.json');
    writeFileSync(saved, JSON.stringify(model.toJSON()));
    console.log(`Saved it to ${saved} (serve it again with --model=${saved}).`);
  }
  const service = await startService({ model, port: Number(args.get('port') ?? 8080), host: args.get('host') ?? '127.0.0.1' });
  console.log(`churnkit scoring service listening on ${service.url}  (GET /health, POST /score; Ctrl-C to stop)`);
  const stop = (): void => void service.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
