/**
 * Argument checks shared by churnkit's public entry points, so that a wrong argument is
 * answered with a {@link ChurnkitError} (stable code, what was expected) rather than a
 * TypeError from deep inside. Duck-typed on purpose: `src/internal` does not import the
 * domain modules.
 *
 * @module
 */
import { ChurnkitError, invalidOption, show } from './errors.js';
import { toEpochMs } from './time.js';

/**
 * The options argument as an object: `undefined` → `{}`; `null` or a non-object throws
 * `INVALID_OPTION` with path `['options']`. @internal
 */
export function optionsOf<T extends object>(fn: string, options: T | null | undefined): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an options object', options);
  return options;
}

/** Throws `INVALID_OPTION` (path `['options']`) unless a required options argument is an object. @internal */
export function checkOptions(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object') invalidOption(fn, 'options', 'an options object', options);
}

/**
 * Throws `INVALID_INPUT` unless `log` looks like an EventLog (Int32Array `offsets`, Float64Array
 * `time`): the one log check every domain uses. @internal
 */
export function checkLog(fn: string, log: unknown, what = 'the first argument'): void {
  const l = log as { offsets?: unknown; time?: unknown } | null | undefined;
  if (l === null || typeof l !== 'object' || !(l.offsets instanceof Int32Array) || !(l.time instanceof Float64Array)) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: ${what} must be an EventLog (see createEventLog); received ${show(log)}.`, {
      expected: 'an EventLog',
      received: log,
    });
  }
}

/**
 * Throws `INVALID_INPUT` unless `matrix` looks like a FeatureMatrix (array `names`, `columns`
 * and `meta`, and `customerIds`). @internal
 */
export function checkMatrix(fn: string, matrix: unknown): void {
  const m = matrix as { names?: unknown; columns?: unknown; meta?: unknown; customerIds?: unknown } | null | undefined;
  if (!m || typeof m !== 'object' || !Array.isArray(m.columns) || !Array.isArray(m.names) || !Array.isArray(m.meta) || !m.customerIds) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: expected a FeatureMatrix (customerIds, names, columns, meta); received ${show(matrix)}.`, {
      expected: 'a FeatureMatrix',
      received: matrix,
    });
  }
}

/**
 * Reads a time option (`Date`, ISO 8601 string or epoch ms) into epoch ms, throwing
 * `INVALID_TIME` with the option's path when it is not a valid time. The one reader behind the
 * time options of data, time, churn and the modules above them.
 * @internal
 */
export function timeOption(fn: string, name: string, v: unknown, path: (string | number)[] = [name]): number {
  const t = toEpochMs(v);
  if (Number.isNaN(t)) {
    throw new ChurnkitError('INVALID_TIME', `${fn}: option "${path.join('.')}" must be a Date, ISO 8601 string or epoch ms; received ${show(v)}.`, {
      path,
      field: name,
      expected: 'a Date, ISO 8601 string or epoch ms',
      received: v,
    });
  }
  return t;
}

/**
 * Reads a number-of-days option: a finite number > 0 (or ≥ 0 with `allowZero`), else
 * `INVALID_OPTION` naming it. The one reader behind the `…Days` options of churn, segments,
 * lift and the pipeline.
 * @internal
 */
export function daysOption(fn: string, name: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) invalidOption(fn, name, `a finite number of days ${allowZero ? '>= 0' : '> 0'}`, v);
  return v;
}

/** True for a record literal (`{ ... }` or a null-prototype object), not a Map, Set, array or class instance. @internal */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A non-null, non-array object: what a config record (rule, mapping, playbook entry) must be. @internal */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An option keyed by customer id — a record `{ [id]: value }` or a `Map` (its keys read as the
 * strings they spell, as the log keeps ids) — as a Map, every value checked. Anything else
 * (an array has no ids) is `INVALID_OPTION` naming `shape`; a bad value is `INVALID_OPTION` with
 * path `[name, id]`. @internal
 */
export function byIdOption<T>(fn: string, name: string, given: unknown, ok: (v: unknown) => v is T, valueExpected: string, shape = 'a record { [customer id]: value } or a Map by customer id'): Map<string, T> {
  if (typeof given !== 'object' || given === null || Array.isArray(given) || ArrayBuffer.isView(given)) invalidOption(fn, name, shape, given);
  const entries: [unknown, unknown][] = given instanceof Map ? [...(given as Map<unknown, unknown>)] : Object.entries(given);
  const out = new Map<string, T>();
  for (const [key, v] of entries) {
    const id = String(key);
    if (!ok(v)) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: option "${name}" maps customer ${show(id)} to ${show(v)}; expected ${valueExpected}.`, {
        path: [name, id],
        field: name,
        expected: valueExpected,
        received: v,
      });
    }
    out.set(id, v);
  }
  return out;
}

/**
 * The names of every option of `T`, checked by the compiler both ways: a name that is not an
 * option does not compile, and neither does a list that leaves an option out (the error names
 * it). Use as `optionNames<MyOptions>()(['a', 'b'])`. @internal
 */
export function optionNames<T>() {
  return <const K extends readonly (keyof T & string)[]>(names: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, K[number]> })): readonly string[] => names;
}

/** Edit distance between two short strings (Levenshtein), for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Throws `INVALID_OPTION` (path `[key]`) for the first own key of `options` that is not one of
 * `names` — a misspelt option is an error, not a silently used default — naming the options and,
 * when some are close (equal but for case, _ and -; else one name contains the other; else edit
 * distance ≤ 2), the closest (at most two). Anything but an object passes (the callers' optionsOf or
 * checkOptions names that error). For a nested options object, `at` is its path
 * (e.g. `['sentiment']`), prefixed to the error's path and named in the message. @internal
 */
export function knownOptions(fn: string, options: unknown, names: readonly string[], at: readonly string[] = []): void {
  // Not an object: nothing to check here; optionsOf / checkOptions report it.
  if (options === null || typeof options !== 'object') return;
  for (const key of Object.keys(options)) {
    if (names.includes(key)) continue;
    // the closest names: equal but for case, _ and - (dataend / dataEnd) first; then one
    // containing the other (kind / kinds; keys of 3+ letters), closer lengths first; then edit
    // distance up to 2. At most two are named.
    const norm = (x: string): string => x.toLowerCase().replace(/[_-]/g, '');
    const a = norm(key);
    const score = (n: string): number => {
      const b = norm(n);
      if (a === b) return 0;
      if (a.length >= 3 && (a.includes(b) || b.includes(a))) return 0.5 + Math.abs(a.length - b.length) / 100;
      return editDistance(key, n);
    };
    const best = Math.min(...names.map(score));
    const close = best <= 2 ? names.filter((n) => score(n) === best).slice(0, 2) : [];
    const hint = close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : '';
    const of = at.length === 0 ? fn : `${fn}'s ${at.join('.')}`;
    throw new ChurnkitError('INVALID_OPTION', `${fn}: "${key}" is not an option of ${of} (options: ${names.join(', ')})${hint}`, {
      path: [...at, key],
      field: key,
      expected: `one of ${names.join(', ')}`,
      received: (options as Record<string, unknown>)[key],
    });
  }
}
