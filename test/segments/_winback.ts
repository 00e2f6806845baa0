/**
 * The win-back persona protocol shared by test/segments/personasShop.test.ts (which asserts on it)
 * and bench/personas.ts (which prints it for any seeds). No vitest import, so bench/ can use it.
 */
import { churnStatus } from '../../src/churn/churnStatus.js';
import { simulateShop } from '../../src/data/simulateShop.js';
import { defaultFeatures } from '../../src/features/defaultFeatures.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { assignPersonas } from '../../src/segments/assignPersonas.js';
import type { PersonaName } from '../../src/segments/PersonaName.js';
import { personaFeatures } from '../../src/segments/personaFeatures.js';

/** Planted cause → the persona that should recover it. */
export const CAUSE_PERSONA = { price_sensitive: 'price_sensitive', bad_experience: 'disappointed', fading: 'fading', lured_away: 'lost_loyal' } as const;

export interface WinbackRun {
  /** confusion[cause][persona] = customers; cause `null` = churned by the rule without a planted cause. */
  confusion: Record<string, Record<PersonaName, number>>;
  assessed: number;
}

/**
 * A monthly win-back job on `simulateShop({ customers, seed })`: on the first day of each month,
 * the customers that the rule (60 days without activity or purchase) calls churned for the first
 * time get a persona from features extracted as of that day for the whole customer base.
 */
export function winbackRun(seed: number, customers = 5000): WinbackRun {
  const shop = simulateShop({ customers, seed });
  const rule = { kind: 'inactivity', days: 60, roles: ['activity', 'purchase'] } as const;
  const features = [...defaultFeatures, ...personaFeatures()];
  const row = new Map(shop.truth.customerIds.map((id, i) => [id, i]));
  const confusion: Record<string, Record<PersonaName, number>> = {};
  let assessed = 0;
  let prev = -Infinity;
  const first = new Date(shop.start);
  for (let k = 1; ; k++) {
    const cutoff = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1);
    if (cutoff > shop.end) break;
    const status = churnStatus(shop.log, rule, { asOf: cutoff });
    const fresh: string[] = [];
    status.status.forEach((s, r) => {
      if (s === 'churned' && status.churnTime[r]! >= prev) fresh.push(status.customerIds[r]!);
    });
    prev = cutoff;
    if (fresh.length === 0) continue;
    const matrix = extractFeatures(shop.log, { cutoff, features });
    const table = assignPersonas(matrix, { customers: fresh });
    table.persona.forEach((p, i) => {
      const cause = String(shop.truth.cause[row.get(table.customerIds[i]!)!]);
      const c = (confusion[cause] ??= { price_sensitive: 0, disappointed: 0, fading: 0, lost_loyal: 0, none: 0 });
      c[p]++;
      assessed++;
    });
  }
  return { confusion, assessed };
}

/** Recall per cause, precision per persona and the none share of a run. */
export function winbackFigures(run: WinbackRun): { recall: Record<string, number>; precision: Record<string, number>; noneShare: number } {
  const recall: Record<string, number> = {};
  const precision: Record<string, number> = {};
  let none = 0;
  for (const [cause, row] of Object.entries(run.confusion)) {
    const total = Object.values(row).reduce((a, b) => a + b, 0);
    none += row.none;
    const p = CAUSE_PERSONA[cause as keyof typeof CAUSE_PERSONA];
    if (p) recall[cause] = row[p] / total;
  }
  for (const p of Object.values(CAUSE_PERSONA)) {
    let hit = 0;
    let all = 0;
    for (const [cause, row] of Object.entries(run.confusion)) {
      all += row[p];
      if (CAUSE_PERSONA[cause as keyof typeof CAUSE_PERSONA] === p) hit += row[p];
    }
    precision[p] = all === 0 ? NaN : hit / all;
  }
  return { recall, precision, noneShare: none / run.assessed };
}
