import { ChurnkitError } from '../internal/errors.js';
import { DAY_MS, isoDate } from '../internal/time.js';
import type { EventLog } from '../data/EventLog.js';
import type { LabelCounts, LabelTable } from './LabelTable.js';
import { CustomerSpells, resolveDataEnd, selectCustomers } from './_prepare.js';
import { grown } from '../internal/grown.js';

function zeroCounts(): LabelCounts {
  return { customers: 0, noHistory: 0, alreadyChurned: 0, notSelected: 0, eligible: 0, churned: 0, retained: 0, censored: 0 };
}

/**
 * Labels every customer at every cutoff in one pass per customer: the customer's spells are
 * computed once from its events before `dataEnd`, then each (ascending) cutoff is answered
 * by a pointer walk over them. O(events + customers × (cutoffs + spells)). @internal
 */
export function labelCore(
  fn: string,
  log: EventLog,
  rule: unknown,
  cutoffsIn: readonly number[],
  horizonDays: number,
  eligible: Iterable<string | number> | undefined,
  dataEndIn: unknown,
): LabelTable {
  const spellsOf = new CustomerSpells(fn, log, rule);
  if (cutoffsIn.length === 0) {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: no cutoffs were given.`, { path: ['cutoffs'], field: 'cutoffs', expected: 'at least one cutoff', received: cutoffsIn });
  }
  const dataEnd = resolveDataEnd(fn, log, dataEndIn);
  const selected = selectCustomers(fn, log, eligible);
  const cutoffs = [...cutoffsIn].sort((x, y) => x - y);
  for (let j = 0; j < cutoffs.length; j++) {
    const C = cutoffs[j]!;
    if (j > 0 && C === cutoffs[j - 1]) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: cutoff ${new Date(C).toISOString()} is given twice.`, {
        path: ['cutoffs'],
        field: 'cutoffs',
        expected: 'distinct cutoffs',
        received: C,
      });
    }
    if (C > dataEnd) {
      // (an empty log without "dataEnd" has dataEnd NaN: nothing to check, nothing to label)
      throw new ChurnkitError(
        'INVALID_OPTION',
        `${fn}: cutoff ${new Date(C).toISOString()} is after the end of the data (${Number.isFinite(dataEnd) ? new Date(dataEnd).toISOString() : 'empty log'}); the state at that cutoff cannot be known. Pass an earlier cutoff or "dataEnd".`,
        { path: ['cutoff'], field: 'cutoff', expected: `a cutoff <= dataEnd (${Number.isFinite(dataEnd) ? isoDate(dataEnd) : 'empty log'})`, received: C },
      );
    }
  }
  const H = horizonDays * DAY_MS;
  const nC = cutoffs.length;
  const N = log.customerCount;
  // Output columns: room for up to 16 cutoffs' rows at once (fresh typed arrays are zero pages
  // the OS commits only when written), then growth by doubling up to customers × cutoffs.
  const maxRows = N * nC;
  let cap = Math.min(maxRows, Math.max(1024, 16 * N));
  let outCustomer = new Int32Array(cap);
  let outCutoff = new Float64Array(cap);
  let outLabel = new Uint8Array(cap);
  let outChurn = new Float64Array(cap);
  let outCensored = new Uint8Array(cap);
  const grow = (): void => {
    cap = Math.min(maxRows, cap * 2);
    outCustomer = grown(outCustomer, cap);
    outCutoff = grown(outCutoff, cap);
    outLabel = grown(outLabel, cap);
    outChurn = grown(outChurn, cap);
    outCensored = grown(outCensored, cap);
  };
  const byCutoff = cutoffs.map(zeroCounts);
  const { time, offsets, rows } = log;
  let r = 0;
  for (let c = 0; c < N; c++) {
    const a = offsets[c]!;
    const first = time[rows === null ? a : rows[a]!]!;
    if (!(first < cutoffs[nC - 1]!)) {
      for (const k of byCutoff) k.noHistory++;
      continue;
    }
    const sp = spellsOf.compute(c, dataEnd, dataEnd);
    const n = sp.n;
    const st = sp.start;
    const en = sp.end;
    let j = 0;
    const sel = selected === null || selected[c] === 1;
    for (let q = 0; q < nC; q++) {
      const C = cutoffs[q]!;
      const k = byCutoff[q]!;
      if (!(first < C)) {
        k.noHistory++;
        continue;
      }
      while (j < n && en[j]! < C) j++;
      const s = j < n ? st[j]! : Infinity;
      if (s < C) {
        k.alreadyChurned++;
        continue;
      }
      if (!sel) {
        k.notSelected++;
        continue;
      }
      k.eligible++;
      if (r === cap) grow();
      outCustomer[r] = c;
      outCutoff[r] = C;
      if (s < C + H) {
        outLabel[r] = 1;
        outChurn[r] = s;
        k.churned++;
      } else {
        outChurn[r] = NaN;
        if (C + H > dataEnd) {
          outCensored[r] = 1;
          k.censored++;
        } else k.retained++;
      }
      r++;
    }
  }
  const counts = zeroCounts();
  for (const k of byCutoff) {
    k.customers = N;
    for (const key of Object.keys(counts) as (keyof LabelCounts)[]) counts[key] += k[key];
  }
  const ids = log.customerIds;
  const customerIndex = outCustomer.slice(0, r);
  const customerIds = new Array<string>(r);
  for (let i = 0; i < r; i++) customerIds[i] = ids[customerIndex[i]!]!;
  return {
    customerIds,
    customerIndex,
    cutoff: outCutoff.slice(0, r),
    label: outLabel.slice(0, r),
    churnTime: outChurn.slice(0, r),
    censored: outCensored.slice(0, r),
    cutoffs,
    horizonDays,
    dataEnd,
    counts,
    countsByCutoff: byCutoff,
  };
}
