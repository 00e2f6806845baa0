import { GammaGammaModel, type GammaGammaJson, type GammaGammaParams } from './GammaGammaModel.js';
import { openPayload } from './_payload.js';

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
  const { j, fail } = openPayload<GammaGammaJson>('loadGammaGamma', json, 'churnkit.gammagamma', 'GammaGammaModel');
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
