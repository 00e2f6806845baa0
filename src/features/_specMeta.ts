import { ChurnkitError, show } from '../internal/errors.js';
import type { FeatureMeta } from './FeatureMatrix.js';
import type { FeatureSpec, FeatureWindow, RatioTerm } from './FeatureSpec.js';

const snake = (s: string): string => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

function windowSuffix(w: FeatureWindow): string {
  const o = w.offsetDays ?? 0;
  if (w.windowDays === undefined) return o > 0 ? `_before${o}d` : '';
  return o > 0 ? `_${w.windowDays}d_before${o}d` : `_${w.windowDays}d`;
}

function windowText(w: FeatureWindow): string {
  const o = w.offsetDays ?? 0;
  if (w.windowDays === undefined) return o > 0 ? ` up to ${o} days before the cutoff` : '';
  return o > 0 ? ` in the ${w.windowDays} days ending ${o} days before the cutoff` : ` in the last ${w.windowDays} days`;
}

/** Where a NaN meaning looks: "in the window", or "before the cutoff" for a spec over all history. */
function scope(w: FeatureWindow): string {
  return w.windowDays === undefined && (w.offsetDays ?? 0) === 0 ? 'before the cutoff' : 'in the window';
}

function termName(t: RatioTerm): string {
  return `${snake(t.role)}_${t.measure === 'sum' ? 'amount' : 'count'}${windowSuffix(t)}`;
}

function termText(t: RatioTerm): string {
  return `${t.measure === 'sum' ? 'value of' : 'number of'} ${t.role} events${windowText(t)}`;
}

/**
 * Metadata of a spec already known to be valid (no validation: {@link validateFeatureSpecs}
 * itself calls this to derive names).
 *
 * @internal
 */
export function specMeta(spec: FeatureSpec): FeatureMeta {
  const m = baseMeta(spec);
  if (spec.name !== undefined) m.name = spec.name;
  if (spec.description !== undefined) m.description = spec.description;
  if (spec.group !== undefined) m.group = spec.group;
  return m;
}

function baseMeta(s: FeatureSpec): FeatureMeta {
  switch (s.op) {
    case 'count':
      return { name: `${snake(s.role)}_count${windowSuffix(s)}`, description: `Number of ${s.role} events${windowText(s)}.`, unit: 'count', kind: 'numeric' };
    case 'activeDays': {
      const r = s.role === undefined ? 'any' : s.role;
      return { name: `${snake(r)}_active_days${windowSuffix(s)}`, description: `Distinct UTC days with ${s.role === undefined ? 'any event' : `a ${s.role} event`}${windowText(s)}.`, unit: 'days', kind: 'numeric' };
    }
    case 'sum':
      return { name: `${snake(s.role)}_amount${windowSuffix(s)}`, description: `Total value of ${s.role} events${windowText(s)} (compensated sum; events without a value are ignored).`, unit: 'currency', kind: 'numeric' };
    case 'mean':
      return { name: `${snake(s.role)}_mean_amount${windowSuffix(s)}`, description: `Mean value of ${s.role} events${windowText(s)}.`, unit: 'currency', kind: 'numeric', nanMeaning: `no ${s.role} event with a value ${scope(s)}` };
    case 'recency': {
      const r = s.role === undefined ? 'any' : s.role;
      return { name: `${snake(r)}_recency_days`, description: `Days from the last ${s.role === undefined ? '' : `${s.role} `}event to the cutoff.`, unit: 'days', kind: 'numeric', nanMeaning: `no ${s.role === undefined ? '' : `${s.role} `}event before the cutoff` };
    }
    case 'tenure':
      return { name: 'tenure_days', description: 'Days from the first event of any type to the cutoff.', unit: 'days', kind: 'numeric', nanMeaning: 'no event before the cutoff' };
    case 'ratio':
      return {
        name: `${termName(s.numerator)}_per_${termName(s.denominator)}`,
        description: `Ratio: ${termText(s.numerator)} ÷ ${termText(s.denominator)}.`,
        unit: s.unit ?? 'ratio',
        kind: 'numeric',
        nanMeaning: `the denominator (${termText(s.denominator)}) is 0`,
      };
    case 'weeklySlope': {
      const w = s.weeks ?? 12;
      return { name: `${snake(s.role)}_weekly_slope_${w}w`, description: `Least-squares slope of weekly ${s.role} counts over the last ${w} weeks (negative: fading).`, unit: 'count/week²', kind: 'numeric' };
    }
    case 'gap': {
      const r = snake(s.role);
      const text: Record<typeof s.stat, [string, string, string, string]> = {
        mean: [`${r}_gap_mean_days`, `Mean gap in days between distinct ${s.role} days.`, 'days', `fewer than two ${s.role} days`],
        median: [`${r}_gap_median_days`, `Median gap in days between distinct ${s.role} days.`, 'days', `fewer than two ${s.role} days`],
        cv: [`${r}_gap_cv`, `Coefficient of variation (sample sd ÷ mean) of the gaps between ${s.role} days.`, 'ratio', `fewer than three ${s.role} days`],
        overdue: [`${r}_overdue_ratio`, `Days since the last ${s.role} day ÷ the mean gap (above 1: later than usual).`, 'ratio', `fewer than two ${s.role} days`],
        slowdown: [`${r}_slowdown_ratio`, `Last gap between ${s.role} days ÷ the mean of the earlier gaps.`, 'ratio', `fewer than three ${s.role} days`],
      };
      const [name, description, unit, nanMeaning] = text[s.stat];
      return { name, description, unit, kind: 'numeric', nanMeaning };
    }
    case 'survey': {
      const r = snake(s.role ?? 'survey');
      const t = s.threshold ?? 6;
      switch (s.stat) {
        case 'last':
          return { name: `${r}_last_score`, description: 'Score of the last survey.', unit: 'score', kind: 'numeric', nanMeaning: 'no survey with a score' };
        case 'mean':
          return { name: `${r}_mean_score`, description: 'Mean survey score.', unit: 'score', kind: 'numeric', nanMeaning: 'no survey with a score' };
        case 'change':
          return { name: `${r}_score_change`, description: 'Last survey score − the one before.', unit: 'score', kind: 'numeric', nanMeaning: 'fewer than two surveys with a score' };
        case 'detractor':
          return { name: `${r}_detractor`, description: `1 when the last survey score is ≤ ${t} (NPS detractor), else 0.`, unit: 'flag', kind: 'binary', nanMeaning: 'no survey with a score' };
      }
      break;
    }
    case 'attrShare':
      return { name: `${snake(s.role)}_share_with_${s.attrs.map(snake).join('_or_')}${windowSuffix(s)}`, description: `Share of ${s.role} events${windowText(s)} carrying ${s.attrs.join(' or ')}.`, unit: 'ratio', kind: 'numeric', nanMeaning: `no ${s.role} event ${scope(s)}` };
    case 'distinctAttr':
      return { name: `${snake(s.role)}_distinct_${snake(s.attr)}${windowSuffix(s)}`, description: `Distinct values of "${s.attr}" on ${s.role} events${windowText(s)}.`, unit: 'count', kind: 'numeric' };
    case 'funnel': {
      const g = s.sessionGapMinutes ?? 30;
      const sess = `sessions (${g}-minute gap) starting${windowText(s) || ' before the cutoff'}`;
      switch (s.stat) {
        case 'abandoned':
          return { name: `abandoned_sessions${windowSuffix(s)}`, description: `Shopping ${sess} that reached the cart but had no purchase.`, unit: 'count', kind: 'numeric' };
        case 'cartSessions':
          return { name: `cart_sessions${windowSuffix(s)}`, description: `Shopping ${sess} that reached the cart.`, unit: 'count', kind: 'numeric' };
        case 'abandonRate':
          return { name: `cart_abandon_rate${windowSuffix(s)}`, description: `Abandoned ÷ cart-reaching shopping ${sess}.`, unit: 'ratio', kind: 'numeric', nanMeaning: `no session reached the cart ${scope(s)}` };
      }
      break;
    }
    case 'campaignResponse': {
      const d = s.responseDays ?? 7;
      return { name: 'last_campaign_response', description: `1 when the last campaign was opened or followed by a purchase within ${d} days, else 0.`, unit: 'flag', kind: 'binary', nanMeaning: 'no campaign sent before the cutoff' };
    }
    case 'sentiment': {
      const of = s.roles === undefined ? 'texts' : `texts of ${s.roles.join('/')} events`;
      return s.stat === 'mean'
        ? { name: `sentiment_mean${windowSuffix(s)}`, description: `Mean sentiment score (−1..1) of ${of}${windowText(s)}.`, unit: 'score', kind: 'numeric', nanMeaning: `no text ${scope(s)}` }
        : { name: `negative_text_share${windowSuffix(s)}`, description: `Share of ${of}${windowText(s)} with negative sentiment.`, unit: 'ratio', kind: 'numeric', nanMeaning: `no text ${scope(s)}` };
    }
    case 'textMatch': {
      const of = s.roles === undefined ? 'texts' : `texts of ${s.roles.join('/')} events`;
      const shown = s.words.length <= 4 ? s.words.join(', ') : `${s.words.slice(0, 4).join(', ')}, … (${s.words.length} words)`;
      const praise = s.exclude === 'positive' ? ' that do not read as praise' : '';
      return s.stat === 'share'
        ? { name: `text_match_share${windowSuffix(s)}`, description: `Share of ${of}${windowText(s)} mentioning ${shown}${praise}.`, unit: 'ratio', kind: 'numeric', nanMeaning: `no text ${scope(s)}` }
        : { name: `text_match_count${windowSuffix(s)}`, description: `${of[0]!.toUpperCase()}${of.slice(1)}${windowText(s)} mentioning ${shown}${praise}.`, unit: 'count', kind: 'numeric' };
    }
    case 'activeRhythm': {
      const on = s.roles === undefined ? 'activity or purchase' : s.roles.join('/');
      if (s.stat === 'gapGrowth') {
        const k = s.recentGaps ?? 3;
        return {
          name: 'active_gap_growth',
          description: `Mean of the last ${k} gaps between active days (${on}) ÷ median of the earlier gaps (above 1: silences grew).`,
          unit: 'ratio',
          kind: 'numeric',
          nanMeaning: `fewer than ${k + 3} gaps between active days`,
        };
      }
      const d = s.spanDays ?? 90;
      return {
        name: `active_day_change_${d}d`,
        description: `Active days (${on}) in the ${d} days up to the last active day ÷ those in the ${d} days before (below 1: declining).`,
        unit: 'ratio',
        kind: 'numeric',
        nanMeaning: `active days span less than ${2 * d} days, or none in the earlier ${d} days`,
      };
    }
    case 'btyd': {
      const u = s.unit === 'week' ? 'weeks' : 'days';
      const text = { x: 'Repeat purchase days (distinct purchase days − 1), BTYD x.', t_x: `Time from the first to the last purchase day, BTYD t_x, in ${u}.`, T: `Time from the first purchase day to the last day before the cutoff, BTYD T, in ${u}.` }[s.stat];
      return { name: `btyd_${s.stat}`, description: text, unit: s.stat === 'x' ? 'count' : u, kind: 'numeric', nanMeaning: 'no purchase before the cutoff' };
    }
    case 'attribute':
      return { name: `attr_${s.column}`, description: `Customer-table column "${s.column}": numeric as is, categorical one-hot (top ${s.maxLevels ?? 10} levels + other), time as days before the cutoff.`, unit: 'as in the table', kind: 'numeric', nanMeaning: 'missing in the table' };
    case 'custom': {
      const m: FeatureMeta = { name: s.name, description: `Custom feature ${s.name}.`, unit: s.unit ?? 'custom', kind: s.kind ?? 'numeric' };
      if (s.nanMeaning !== undefined) m.nanMeaning = s.nanMeaning;
      return m;
    }
  }
  /* c8 ignore next */
  throw new ChurnkitError('INVALID_SPEC', `feature spec: unknown op ${show((s as { op?: unknown }).op)}.`, { path: ['op'], received: (s as { op?: unknown }).op });
}
