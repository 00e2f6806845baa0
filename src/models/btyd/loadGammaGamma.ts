import { ChurnkitError, show } from '../../internal/errors.js';
import { GammaGammaModel, type GammaGammaJson, type GammaGammaParams } from './GammaGammaModel.js';

/**
 * Restores a {@link GammaGammaModel} from {@link GammaGammaModel.toJSON}'s payload, validating it.
 *
 * @param json - the parsed payload
 * @returns the model; every method gives the same numbers as the original
 * @throws ChurnkitError `INVALID_MODEL` for a wrong format or version, or bad parameters
 * @example
 * ```ts
 * const gg = loadGammaGamma(JSON.parse(text));
 * gg.expectedAverageValue(2, 22.35);
 * ```
 * @category BTYD
 */
export function loadGammaGamma(json: unknown): GammaGammaModel {
  const fail = (path: (string | number)[], expected: string, received: unknown): never => {
    throw new ChurnkitError('INVALID_MODEL', `loadGammaGamma: ${path.join('.') || 'payload'} must be ${expected}; received ${show(received)}.`, { path, expected, received });
  };
  if (json === null || typeof json !== 'object') fail([], 'an object from GammaGammaModel.toJSON()', json);
  const j = json as Partial<GammaGammaJson>;
  if (j.format !== 'churnkit.gammagamma') fail(['format'], '"churnkit.gammagamma"', j.format);
  if (j.version !== 1) fail(['version'], '1', j.version);
  const params = (v: unknown, path: string): GammaGammaParams => {
    if (v === null || typeof v !== 'object') fail([path], 'an object with p, q, gamma', v);
    const o = v as Record<string, unknown>;
    for (const k of ['p', 'q', 'gamma']) {
      if (typeof o[k] !== 'number' || !((o[k] as number) > 0) || !Number.isFinite(o[k])) fail([path, k], 'a positive finite number', o[k]);
    }
    return { p: o.p as number, q: o.q as number, gamma: o.gamma as number };
  };
  const num = (k: 'logLikelihood' | 'customers' | 'excluded' | 'skipped' | 'correlation'): number => {
    const v = j[k];
    if (typeof v !== 'number') fail([k], 'a number', v);
    return v as number;
  };
  if (!Array.isArray(j.warnings) || !j.warnings.every((w) => typeof w === 'string')) fail(['warnings'], 'an array of strings', j.warnings);
  return new GammaGammaModel({
    params: params(j.params, 'params'),
    standardErrors: j.standardErrors === null || j.standardErrors === undefined ? null : params(j.standardErrors, 'standardErrors'),
    logLikelihood: num('logLikelihood'),
    customers: num('customers'),
    excluded: num('excluded'),
    skipped: num('skipped'),
    correlation: num('correlation'),
    warnings: j.warnings as string[],
  });
}
