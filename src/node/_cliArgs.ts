/**
 * Argument parsing of the `churnkit` command: a small, strict parser (unknown options and
 * missing values are usage errors) and the translation of `--map`, `--rule`, numbers and dates.
 *
 * @internal
 * @module
 */
import type { ChurnRule } from '../churn/ChurnRule.js';
import type { ColumnMapping, TimeFormat } from '../data/ColumnMapping.js';
import type { Role } from '../data/types.js';
import { ROLES } from '../data/vocabulary.js';
import { CHURN_ALGORITHMS, type ChurnAlgorithm } from '../models/types.js';
import { toEpochMs } from '../internal/time.js';

/** A bad command line: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The options of each command: `values` take a value, `flags` do not. `--help` goes with any. */
export const COMMAND_OPTIONS: Readonly<Record<'analyze' | 'demo', { values: readonly string[]; flags: readonly string[] }>> = {
  analyze: {
    values: [
      'map', 'mapping', 'type', 'time-format', 'format', 'delimiter', 'rule', 'horizon', 'as-of', 'algorithm', 'budget', 'seed',
      'snapshots', 'out', 'json', 'title', 'on-invalid', 'top',
    ],
    flags: ['quiet', 'integer-ids'],
  },
  demo: { values: ['customers', 'seed', 'out', 'json', 'title', 'budget', 'algorithm', 'top'], flags: ['quiet'] },
};

/** Options that take a value in some command (an option no command takes is unknown). */
const VALUE_OPTIONS = new Set(Object.values(COMMAND_OPTIONS).flatMap((c) => c.values));
const FLAG_OPTIONS = new Set(['help', ...Object.values(COMMAND_OPTIONS).flatMap((c) => c.flags)]);

/** A parsed command line: the command, its positional arguments and its options. */
export interface ParsedArgs {
  command: string | null;
  positional: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** Splits argv into command, positionals, `--name value` / `--name=value` options and flags. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') { flags.add('help'); continue; }
    if (arg === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (FLAG_OPTIONS.has(name)) {
        if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
        flags.add(name);
      } else if (VALUE_OPTIONS.has(name)) {
        let value: string | undefined;
        if (eq >= 0) value = arg.slice(eq + 1);
        else {
          value = argv[i + 1];
          if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`option --${name} needs a value`);
          i++;
        }
        if (options.has(name)) throw new UsageError(`option --${name} is given twice`);
        options.set(name, value);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (command === null) {
      command = arg;
    } else {
      positional.push(arg);
    }
  }
  return { command, positional, options, flags };
}

/** A number option: finite, optionally an integer and at least `min`. */
export function numberOption(name: string, raw: string | undefined, opts: { integer?: boolean; min?: number; above?: number } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const x = raw.trim() === '' ? NaN : Number(raw);
  const what = `${opts.integer ? 'an integer' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}${opts.above !== undefined ? ` > ${opts.above}` : ''}`;
  if (!Number.isFinite(x) || (opts.integer && !Number.isInteger(x)) || (opts.min !== undefined && x < opts.min) || (opts.above !== undefined && !(x > opts.above))) {
    throw new UsageError(`--${name} must be ${what}; got "${raw}"`);
  }
  return x;
}


export function algorithmOption(raw: string | undefined): ChurnAlgorithm | undefined {
  if (raw === undefined) return undefined;
  if (!(CHURN_ALGORITHMS as readonly string[]).includes(raw)) throw new UsageError(`--algorithm must be one of ${CHURN_ALGORITHMS.join(', ')}; got "${raw}"`);
  return raw as ChurnAlgorithm;
}

/** `--as-of`: an ISO date or date-time (UTC when no offset is given). */
export function dateOption(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  if (!iso.test(raw.trim())) throw new UsageError(`--${name} must be an ISO date such as 2011-12-01; got "${raw}"`);
  const s = raw.trim().replace(' ', 'T');
  const withZone = s.length === 10 || /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`;
  // The library's own strict reader (Date.parse accepts 2024-02-30 and T24:00).
  if (!Number.isFinite(toEpochMs(withZone))) throw new UsageError(`--${name} is not a valid date: "${raw}"`);
  return withZone;
}

const MAP_KEYS = ['customer', 'time', 'type', 'value', 'quantity', 'text', 'source'] as const;
const TIME_FORMATS: readonly TimeFormat[] = ['iso', 'yyyymmdd', 'epoch_s', 'epoch_ms', 'dmy', 'mdy'];

/**
 * `--map customer=CustomerID,time=InvoiceDate,value=Quantity*UnitPrice` (+ `--type`, `--time-format`,
 * `--integer-ids`) → a ColumnMapping. `attr.NAME=Column` adds an attribute. Column names are
 * taken literally (they may contain spaces); a value of `A*B` multiplies columns.
 */
export function mappingFromArgs(map: string, extra: { type?: string; timeFormat?: string; integerIds: boolean }): ColumnMapping {
  const entries = new Map<string, string>();
  const attrs: Record<string, string> = {};
  for (const part of map.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new UsageError(`--map entries look like key=Column; got "${part}"`);
    const key = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (key.startsWith('attr.') && key.length > 5) {
      attrs[key.slice(5)] = column;
      continue;
    }
    if (!(MAP_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`--map: unknown key "${key}" (use ${MAP_KEYS.join(', ')} or attr.NAME)`);
    }
    if (entries.has(key)) throw new UsageError(`--map: "${key}" is given twice`);
    entries.set(key, column);
  }
  const customer = entries.get('customer');
  const time = entries.get('time');
  if (customer === undefined) throw new UsageError('--map needs customer=<column>');
  if (time === undefined) throw new UsageError('--map needs time=<column>');
  const typeColumn = entries.get('type');
  if (typeColumn !== undefined && extra.type !== undefined) throw new UsageError('give either type=<column> in --map or --type <constant>, not both');
  if (typeColumn === undefined && extra.type === undefined) {
    throw new UsageError('the events need a type: add type=<column> to --map, or --type order when every row is a purchase');
  }
  if (extra.type !== undefined && extra.type.trim() === '') throw new UsageError('--type must be a non-empty event type such as order');
  if (extra.timeFormat !== undefined && !(TIME_FORMATS as readonly string[]).includes(extra.timeFormat)) {
    throw new UsageError(`--time-format must be one of ${TIME_FORMATS.join(', ')}; got "${extra.timeFormat}"`);
  }
  const mapping: {
    -readonly [K in keyof ColumnMapping]: ColumnMapping[K];
  } = {
    customerId: extra.integerIds ? { column: customer, normalize: 'integer' } : customer,
    time: extra.timeFormat === undefined ? time : { column: time, format: extra.timeFormat as TimeFormat },
    type: typeColumn ?? { constant: extra.type! },
  };
  const value = entries.get('value');
  if (value !== undefined) {
    const factors = value.split('*').map((c) => c.trim());
    if (factors.some((c) => c === '')) throw new UsageError(`--map: value=${value} has an empty column name`);
    mapping.value = factors.length === 1 ? factors[0]! : { product: factors };
  }
  const quantity = entries.get('quantity');
  if (quantity !== undefined) mapping.quantity = quantity;
  const text = entries.get('text');
  if (text !== undefined) mapping.text = text;
  const source = entries.get('source');
  if (source !== undefined) mapping.source = source;
  if (Object.keys(attrs).length > 0) mapping.attrs = attrs;
  return mapping;
}

/**
 * `--rule inactivity:90` (roles purchase and activity), `inactivity:120:purchase` or
 * `inactivity:60:purchase+activity`. A rule given as JSON (text starting with `{`) is parsed
 * and left to analyzeChurn to validate.
 */
export function ruleFromArg(raw: string): ChurnRule {
  const s = raw.trim();
  if (s.startsWith('{')) {
    try {
      return JSON.parse(s) as ChurnRule;
    } catch (e) {
      throw new UsageError(`--rule is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const parts = s.split(':');
  if (parts[0] !== 'inactivity' || parts.length < 2 || parts.length > 3) {
    throw new UsageError(`--rule must look like inactivity:DAYS[:role+role] or be a JSON churn rule; got "${raw}"`);
  }
  const days = Number(parts[1]);
  if (!Number.isFinite(days) || !(days > 0) || parts[1]!.trim() === '') throw new UsageError(`--rule: the days must be a number > 0; got "${parts[1]}"`);
  const roles = parts[2] === undefined ? ['purchase', 'activity'] : parts[2].split('+').map((r) => r.trim());
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) throw new UsageError(`--rule: unknown role "${r}" (roles: ${ROLES.join(', ')})`);
  }
  return { kind: 'inactivity', days, roles: roles as Role[] };
}

/** `--delimiter`: `,`, `;`, `tab`, `|` or `whitespace`. */
export function delimiterOption(raw: string | undefined): ',' | ';' | '\t' | '|' | 'whitespace' | undefined {
  if (raw === undefined) return undefined;
  const d = raw === 'tab' || raw === '\\t' ? '\t' : raw;
  if (d !== ',' && d !== ';' && d !== '\t' && d !== '|' && d !== 'whitespace') throw new UsageError(`--delimiter must be one of , ; tab | whitespace; got "${raw}"`);
  return d;
}
