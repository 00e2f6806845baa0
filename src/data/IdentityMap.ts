import { ChurnkitError, show } from '../internal/errors.js';

/**
 * One alias of a customer: id `id`, as recorded by system `source` (or by any system when
 * `source` is omitted), belongs to canonical customer `customerId`.
 *
 * @category Data
 */
export interface IdentityLink {
  /** The system whose ids this alias lives in (`'pos'`, `'app'`); omit to match the id in every source. */
  source?: string;
  /** The alias as the system records it. Numbers are read as their decimal string. */
  id: string | number;
  /** The canonical customer id the alias stands for. */
  customerId: string | number;
}

/**
 * Aliases → canonical customer ids, for {@link mergeEventLogs}.
 *
 * Either a plain record `{ alias: canonicalId }` (the alias matches in every source) or a
 * list of {@link IdentityLink} rows, which may qualify an alias by source so that `A7` in the
 * POS and `A7` in the app can be different people. Ids not listed map to themselves.
 *
 * @example
 * ```ts
 * const ids: IdentityMap = [
 *   { source: 'pos', id: 'A7', customerId: '1001' },
 *   { source: 'app', id: 'u-93', customerId: '1001' },
 *   { id: 'jane@example.com', customerId: '1001' },
 * ];
 * ```
 * @category Data
 */
export type IdentityMap = Readonly<Record<string, string | number>> | readonly IdentityLink[];

/**
 * A validated identity map, ready for lookups.
 *
 * @category Data
 */
export interface IdentityResolver {
  /** Aliases that match in every source. */
  readonly any: ReadonlyMap<string, string>;
  /** Source name → aliases recorded by that source. */
  readonly bySource: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Number of links read. */
  readonly links: number;
}

/**
 * Validates an {@link IdentityMap} and indexes it for lookups.
 *
 * Used by {@link mergeEventLogs}; call it yourself to check a map from a database before a
 * long merge. Rules: every alias and canonical id is a non-empty string or a finite number;
 * an alias (qualified by its source, if any) maps to exactly one canonical id (repeating the
 * same link is fine); and a canonical id is not itself a source-free alias of another id
 * (chains are not followed — map every alias straight to its final id). A source-qualified
 * alias takes precedence over a source-free one for events of that source. O(links).
 *
 * @param map - the aliases
 * @returns lookup tables
 * @throws ChurnkitError `INVALID_OPTION` with `path` `['identities', index or alias, field]` for a
 *   malformed entry, an alias mapped to two different canonical ids, or a chain
 * @example
 * ```ts
 * const r = resolveIdentities([{ source: 'pos', id: 'A7', customerId: 1001 }]);
 * r.bySource.get('pos')?.get('A7'); // '1001'
 * resolveIdentities([{ id: 'x', customerId: '1' }, { id: 'x', customerId: '2' }]); // throws: path ['identities', 1, 'customerId']
 * ```
 * @category Data
 */
export function resolveIdentities(map: IdentityMap): IdentityResolver {
  const any = new Map<string, string>();
  const anyAt = new Map<string, (string | number)[]>();
  const bySource = new Map<string, Map<string, string>>();
  const bySourceAt = new Map<string, (string | number)[]>();
  let links = 0;

  const add = (source: string | undefined, id: string, customerId: string, at: (string | number)[]): void => {
    links++;
    const table = source === undefined ? any : (bySource.get(source) ?? bySource.set(source, new Map()).get(source)!);
    const previous = table.get(id);
    if (previous !== undefined && previous !== customerId) {
      const key = source === undefined ? id : `${source}\u0000${id}`;
      const first = (source === undefined ? anyAt : bySourceAt).get(key)!;
      const who = source === undefined ? `alias ${show(id)}` : `alias ${show(id)} of source ${show(source)}`;
      throw new ChurnkitError(
        'INVALID_OPTION',
        `mergeEventLogs: identities: ${who} maps to two different customers: ${show(previous)} (at ${first.join('.')}) and ${show(customerId)} (at ${at.join('.')}).`,
        { path: at, field: 'customerId', expected: `the same customer as at ${first.join('.')} (${previous})`, received: customerId },
      );
    }
    if (previous === undefined) {
      table.set(id, customerId);
      (source === undefined ? anyAt : bySourceAt).set(source === undefined ? id : `${source}\u0000${id}`, at);
    }
  };

  if (Array.isArray(map)) {
    (map as readonly IdentityLink[]).forEach((link, i) => {
      if (link === null || typeof link !== 'object' || Array.isArray(link)) bad(['identities', i], 'an object { source?, id, customerId }', link);
      const src = link.source;
      if (src !== undefined && (typeof src !== 'string' || src === '')) bad(['identities', i, 'source'], 'a non-empty string or absent', src);
      const id = idString(link.id, ['identities', i, 'id']);
      const cid = idString(link.customerId, ['identities', i, 'customerId']);
      add(src, id, cid, ['identities', i, 'customerId']);
    });
  } else if (map !== null && typeof map === 'object') {
    for (const [alias, target] of Object.entries(map as Record<string, unknown>)) {
      if (alias === '') bad(['identities', alias], 'non-empty aliases', alias);
      add(undefined, alias, idString(target, ['identities', alias]), ['identities', alias]);
    }
  } else {
    bad(['identities'], 'a record of alias → customer id or a list of { source?, id, customerId }', map);
  }

  // Chains: a canonical id that is itself a source-free alias of another customer.
  const check = (table: ReadonlyMap<string, string>, at: ReadonlyMap<string, (string | number)[]>, source: string | undefined): void => {
    for (const [alias, target] of table) {
      const next = any.get(target);
      if (next !== undefined && next !== target) {
        const path = at.get(source === undefined ? alias : `${source}\u0000${alias}`)!;
        throw new ChurnkitError(
          'INVALID_OPTION',
          `mergeEventLogs: identities: ${show(alias)} maps to ${show(target)}, which is itself an alias of ${show(next)}; chains are not followed, map ${show(alias)} straight to ${show(next)}.`,
          { path, field: 'customerId', expected: 'a canonical id that is not an alias of another id', received: target },
        );
      }
    }
  };
  check(any, anyAt, undefined);
  for (const [source, table] of bySource) check(table, bySourceAt, source);
  return { any, bySource, links };
}

function idString(v: unknown, path: (string | number)[]): string {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return bad(path, 'a non-empty string or a finite number', v);
}

function bad(path: (string | number)[], expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_OPTION', `mergeEventLogs: identities: ${path.join('.')} must be ${expected}; received ${show(received)}.`, {
    path,
    field: String(path[path.length - 1]),
    expected,
    received,
  });
}
