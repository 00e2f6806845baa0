import { ShiftedBetaGeometricModel, type ShiftedBetaGeometricJson } from './ShiftedBetaGeometricModel.js';
import { openPayload } from './_payload.js';

/**
 * Restores a {@link ShiftedBetaGeometricModel} from {@link ShiftedBetaGeometricModel.toJSON}'s payload, validating it.
 *
 * @param json - the parsed payload
 * @returns the model; every method gives the same numbers as the original
 * @throws ChurnkitError `INVALID_MODEL` for a wrong format or version, or bad fields
 * @example
 * ```ts
 * const sbg = loadShiftedBetaGeometric(JSON.parse(text));
 * sbg.projectSurvival(12);
 * ```
 * @category BTYD
 */
export function loadShiftedBetaGeometric(json: unknown): ShiftedBetaGeometricModel {
  const { j, fail } = openPayload<ShiftedBetaGeometricJson>('loadShiftedBetaGeometric', json, 'churnkit.sbg', 'ShiftedBetaGeometricModel');
  const num = (k: 'alpha' | 'beta' | 'logLikelihood' | 'periods' | 'cohortSize'): number => {
    const v = j[k];
    if (typeof v !== 'number' || Number.isNaN(v)) fail([k], 'a number', v);
    return v as number;
  };
  let se: { alpha: number; beta: number } | null = null;
  if (j.standardErrors !== null && j.standardErrors !== undefined) {
    const s = j.standardErrors as Record<string, unknown>;
    if (typeof s.alpha !== 'number' || typeof s.beta !== 'number') fail(['standardErrors'], 'null or { alpha, beta } numbers', s);
    se = { alpha: s.alpha as number, beta: s.beta as number };
  }
  return new ShiftedBetaGeometricModel({
    alpha: num('alpha'),
    beta: num('beta'),
    logLikelihood: num('logLikelihood'),
    periods: num('periods'),
    cohortSize: num('cohortSize'),
    standardErrors: se,
  });
}
