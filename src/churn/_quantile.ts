/**
 * Moved to `src/internal/quantile.ts` (churn and segments both use it). Kept as a re-export
 * only for segments/_tagEval.ts and segments/assignPersonas.ts, which are outside this change's
 * area: delete this file once they import `../internal/quantile.js`.
 * @internal
 */
export { quantileSorted, sortedFinite } from '../internal/quantile.js';
