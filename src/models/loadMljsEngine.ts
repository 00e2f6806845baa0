import { ChurnkitError } from '../internal/errors.js';
import type { MljsModules } from './MljsModules.js';

/**
 * Loads the optional mljs packages (ml-cart, ml-random-forest, ml-logistic-regression and their
 * ml-matrix) with dynamic imports, for `trainChurnModel(…, { engine: 'mljs', mljs })`.
 *
 * churnkit's own learners are the default; the mljs engine exists for teams that already use
 * those packages. They are optional peer dependencies: install them to use this.
 *
 * @returns the four classes
 * @throws ChurnkitError `INVALID_OPTION` when a package cannot be loaded (not installed)
 * @example
 * ```ts
 * const mljs = await loadMljsEngine();
 * const model = trainChurnModel(matrix, labels, { algorithm: 'tree', engine: 'mljs', mljs, maxDepth: 4 });
 * ```
 * @category Models
 */
export async function loadMljsEngine(): Promise<MljsModules> {
  // a variable specifier keeps bundlers from resolving (or requiring) the optional packages
  const load = async (name: string): Promise<Record<string, unknown>> => {
    try {
      const mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ name)) as Record<string, unknown>;
      return mod;
    } catch (e) {
      throw new ChurnkitError('INVALID_OPTION', `loadMljsEngine: could not load "${name}" (${(e as Error).message.split('\n')[0]}); install ml-cart, ml-random-forest and ml-logistic-regression to use engine 'mljs'.`, {
        field: 'engine',
        expected: `the package "${name}" installed`,
        received: name,
      });
    }
  };
  const pick = (mod: Record<string, unknown>, key: string): unknown => mod[key] ?? (mod.default as Record<string, unknown> | undefined)?.[key] ?? mod.default;
  const [cart, forest, logreg, matrix] = await Promise.all([load('ml-cart'), load('ml-random-forest'), load('ml-logistic-regression'), load('ml-matrix')]);
  return {
    DecisionTreeClassifier: pick(cart, 'DecisionTreeClassifier') as MljsModules['DecisionTreeClassifier'],
    RandomForestClassifier: pick(forest, 'RandomForestClassifier') as MljsModules['RandomForestClassifier'],
    LogisticRegression: (logreg.default ?? logreg) as MljsModules['LogisticRegression'],
    Matrix: pick(matrix, 'Matrix') as MljsModules['Matrix'],
  };
}
