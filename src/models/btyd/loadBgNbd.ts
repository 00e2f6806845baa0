import { BgNbdModel, type BgNbdJson } from './BgNbdModel.js';
import type { BgNbdParams } from './types.js';
import { openPayload, type PayloadFail } from './_payload.js';

const KEYS = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Restores a {@link BgNbdModel} from {@link BgNbdModel.toJSON}'s payload, validating it.
 *
 * For storing a fitted model (database, file, browser storage) and scoring later without refitting.
 *
 * @param json - the payload (already parsed from JSON text)
 * @returns the model; every method gives the same numbers as the original
 * @throws ChurnkitError `INVALID_MODEL` for a wrong format or version, or missing / non-positive parameters
 * @example
 * ```ts
 * const model = loadBgNbd(JSON.parse(text));
 * model.probabilityAlive(2, 30.43, 38.86);
 * ```
 * @category BTYD
 */
export function loadBgNbd(json: unknown): BgNbdModel {
  const { j, fail } = openPayload<BgNbdJson>('loadBgNbd', json, 'churnkit.bgnbd', 'BgNbdModel');
  const params = readParams(j.params, ['params'], fail);
  const se = j.standardErrors === null || j.standardErrors === undefined ? null : readParams(j.standardErrors, ['standardErrors'], fail);
  const num = (k: 'logLikelihood' | 'customers' | 'penalty'): number => {
    const v = j[k];
    if (typeof v !== 'number' || Number.isNaN(v)) fail([k], 'a number', v);
    return v as number;
  };
  const unit = j.unit ?? null;
  if (unit !== null && unit !== 'week' && unit !== 'day') fail(['unit'], '"week", "day" or null', unit);
  const d = j.diagnostics;
  if (d === null || typeof d !== 'object') fail(['diagnostics'], 'an object', d);
  return new BgNbdModel({
    params,
    standardErrors: se,
    logLikelihood: num('logLikelihood'),
    customers: num('customers'),
    penalty: num('penalty'),
    unit,
    diagnostics: {
      method: String(d!.method),
      iterations: Number(d!.iterations),
      evaluations: Number(d!.evaluations),
      gradientNorm: Number(d!.gradientNorm),
      message: String(d!.message),
    },
  });
}

function readParams(v: unknown, path: string[], fail: PayloadFail): BgNbdParams {
  if (v === null || typeof v !== 'object') fail(path, 'an object with r, alpha, a, b', v);
  const o = v as Record<string, unknown>;
  const out = { r: 0, alpha: 0, a: 0, b: 0 };
  for (const k of KEYS) {
    const x = o[k];
    if (typeof x !== 'number' || !(x > 0) || !Number.isFinite(x)) fail([...path, k], 'a positive finite number', x);
    out[k] = x as number;
  }
  return out;
}
