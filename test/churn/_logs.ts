import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventLog } from '../../src/data/EventLog.js';
import type { AttrValue, EventInput } from '../../src/data/types.js';

/** UTC midnight of an ISO date, epoch ms. */
export const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** One event: [customer, ISO date or epoch ms, type, value?, attrs?]. */
export type Ev = [string, string | number, string, number?, Record<string, AttrValue>?];

export function events(rows: readonly Ev[]): EventInput[] {
  return rows.map(([customerId, t, type, value, attrs]) => {
    const e: EventInput = { customerId, time: typeof t === 'string' ? day(t) : t, type };
    if (value !== undefined) e.value = value;
    if (attrs !== undefined) e.attrs = attrs;
    return e;
  });
}

export function logOf(rows: readonly Ev[]): EventLog {
  return createEventLog(events(rows));
}

/** Deep-freezes a value (to prove functions do not write to their inputs). */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Label rows as `id → [label, churn date or null, censored]`. */
export function rowsById(t: { customerIds: readonly string[]; label: Uint8Array; churnTime: Float64Array; censored: Uint8Array }): Record<string, [number, string | null, number]> {
  const out: Record<string, [number, string | null, number]> = {};
  t.customerIds.forEach((id, r) => {
    const ct = t.churnTime[r]!;
    out[id] = [t.label[r]!, Number.isNaN(ct) ? null : new Date(ct).toISOString().slice(0, 10), t.censored[r]!];
  });
  return out;
}
