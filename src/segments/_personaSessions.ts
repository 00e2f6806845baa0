/**
 * Per-customer kernels behind the custom specs of `personaFeatures`: the rhythm of active days
 * anchored at the customer's last active day (not at the cutoff, so that a customer who went
 * silent 60 or 120 days ago is described by the same numbers), and price words in texts.
 *
 * @module
 * @internal
 */
import type { CustomerSlice } from '../features/FeatureSpec.js';
import { scoreSentiment } from '../features/scoreSentiment.js';
import { DAY_MS } from '../internal/time.js';

/** Reusable buffer of distinct active days (epoch days), grown on demand; one per spec instance. */
export class DayScratch {
  days: Float64Array = new Float64Array(256);
  gaps: Float64Array = new Float64Array(256);

  /**
   * Distinct UTC days with an `activity` or `purchase` event in the slice, ascending, into
   * `this.days`; returns how many.
   */
  fill(s: CustomerSlice): number {
    // The masks behind s.is, read once per customer instead of two role lookups per event.
    const activity = s.log.roleMask('activity');
    const purchase = s.log.roleMask('purchase');
    const { type, time } = s;
    let n = 0;
    let prev = NaN;
    for (let k = 0; k < s.length; k++) {
      const ty = type[k]!;
      if (activity[ty] !== 1 && purchase[ty] !== 1) continue;
      const d = Math.floor(time[k]! / DAY_MS);
      if (d === prev) continue;
      prev = d;
      if (n === this.days.length) {
        const b = new Float64Array(n * 2);
        b.set(this.days);
        this.days = b;
        this.gaps = new Float64Array(n * 2);
      }
      this.days[n++] = d;
    }
    return n;
  }
}

/**
 * Mean of the last `recent` gaps between active days ÷ median of the earlier gaps: about 1 for a
 * steady rhythm, above 1 when the silences grew before the stop (fading), ≤ 1 for a sudden stop.
 * NaN with fewer than `recent + 3` gaps (the baseline needs three).
 */
export function sessionGapGrowth(s: CustomerSlice, scratch: DayScratch, recent: number): number {
  const n = scratch.fill(s);
  const m = n - 1; // gaps
  if (m < recent + 3) return NaN;
  const d = scratch.days;
  let tail = 0;
  for (let i = n - recent; i < n; i++) tail += d[i]! - d[i - 1]!;
  tail /= recent;
  const base = m - recent;
  const g = scratch.gaps;
  for (let i = 1; i <= base; i++) g[i - 1] = d[i]! - d[i - 1]!;
  const sorted = g.subarray(0, base).sort();
  const med = base % 2 === 1 ? sorted[(base - 1) / 2]! : (sorted[base / 2 - 1]! + sorted[base / 2]!) / 2;
  return tail / med;
}

/**
 * Active days in the `windowDays` ending at the last active day (inclusive) ÷ those in the
 * `windowDays` before: below 1 when activity declined before the stop. NaN when the first
 * active day is less than `2 × windowDays` before the last one (the earlier window would be cut
 * short) or the earlier window is empty.
 */
export function sessionCountChange(s: CustomerSlice, scratch: DayScratch, windowDays: number): number {
  const n = scratch.fill(s);
  if (n === 0) return NaN;
  const d = scratch.days;
  const last = d[n - 1]!;
  if (last - d[0]! < 2 * windowDays) return NaN;
  let recent = 0;
  let before = 0;
  for (let i = n - 1; i >= 0; i--) {
    const age = last - d[i]!;
    if (age < windowDays) recent++;
    else if (age < 2 * windowDays) before++;
    else break;
  }
  return before === 0 ? NaN : recent / before;
}

/**
 * Texts of ticket, complaint or survey events in the last `windowDays` before the cutoff that
 * contain one of `words` (lower-cased substring match) and do not read as praise
 * (`scoreSentiment(text).score ≤ 0`), so "great prices!" is not a price complaint.
 */
export function priceTextCount(s: CustomerSlice, words: readonly string[], windowDays: number): number {
  const from = s.cutoff - windowDays * DAY_MS;
  const ticket = s.log.roleMask('ticket');
  const complaint = s.log.roleMask('complaint');
  const survey = s.log.roleMask('survey');
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    if (s.time[k]! < from) continue;
    const ty = s.type[k]!;
    if (ticket[ty] !== 1 && complaint[ty] !== 1 && survey[ty] !== 1) continue;
    const text = s.log.textAt(s.rows[k]!);
    if (!text) continue;
    const lower = text.toLowerCase();
    let hit = false;
    for (const w of words) {
      if (lower.includes(w)) {
        hit = true;
        break;
      }
    }
    if (hit && scoreSentiment(text).score <= 0) count++;
  }
  return count;
}
