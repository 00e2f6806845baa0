import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/data/createEventLog.js';
import type { EventInput } from '../../src/data/types.js';
import { featureColumn } from '../../src/features/FeatureMatrix.js';
import type { FeatureSpec } from '../../src/features/FeatureSpec.js';
import { extractFeatures } from '../../src/features/extractFeatures.js';
import { validateFeatureSpecs } from '../../src/features/validateFeatureSpecs.js';
import { errorCode, caught } from '../helpers/errors.js';

// Known answers worked by hand for the two operations personaFeatures() is built from.
const DAY = 86_400_000;
const CUTOFF = Date.UTC(2024, 6, 1);
const at = (daysBefore: number): number => CUTOFF - daysBefore * DAY;

describe('textMatch', () => {
  // Customer a, ticket/complaint texts (sentiment by the default lexicon, from scoreSentiment):
  //   10 d  ticket    "Price too high, not happy"      match, score −0.19
  //   20 d  complaint "太贵了"                          match (贵), score −0.36
  //   30 d  ticket    "great prices!"                  match, score +0.25 (praise)
  //   40 d  ticket    "The app crashed"                no match
  //   50 d  login     "price"                          match, but not a ticket/complaint
  //  200 d  complaint "too expensive"                  match, outside a 180-day window
  //   at the cutoff: complaint "price again"           never read (not before the cutoff)
  // Customer b: one ticket with an empty text (not a text). Customer c: no text at all.
  const events: EventInput[] = [
    { customerId: 'a', time: at(10), type: 'ticket', text: 'Price too high, not happy' },
    { customerId: 'a', time: at(20), type: 'complaint', text: '太贵了' },
    { customerId: 'a', time: at(30), type: 'ticket', text: 'great prices!' },
    { customerId: 'a', time: at(40), type: 'ticket', text: 'The app crashed' },
    { customerId: 'a', time: at(50), type: 'login', text: 'price' },
    { customerId: 'a', time: at(200), type: 'complaint', text: 'too expensive' },
    { customerId: 'a', time: CUTOFF, type: 'complaint', text: 'price again' },
    { customerId: 'b', time: at(5), type: 'ticket', text: '' },
    { customerId: 'c', time: at(5), type: 'order', value: 10 },
  ];
  const log = createEventLog(events);
  const words = ['PRICE', 'expensive', '贵'];
  const roles: FeatureSpec & { op: 'textMatch' } = { op: 'textMatch', words, roles: ['ticket', 'complaint'], windowDays: 180 };

  it('counts matching texts of the roles in the window, case-insensitively; praise excluded on request', () => {
    const m = extractFeatures(log, {
      cutoff: CUTOFF,
      features: [
        { ...roles, name: 'all' },
        { ...roles, name: 'no_praise', exclude: 'positive' },
        { ...roles, name: 'share', stat: 'share' },
        { op: 'textMatch', words, name: 'any_role' }, // every role, whole history
      ],
    });
    expect(m.customerIds).toEqual(['a', 'b', 'c']);
    expect(Array.from(featureColumn(m, 'all'))).toEqual([3, 0, 0]);
    expect(Array.from(featureColumn(m, 'no_praise'))).toEqual([2, 0, 0]);
    // a: 3 of its 4 ticket/complaint texts in the window match; b: the empty text is no text; c: none.
    expect(Array.from(featureColumn(m, 'share'))).toEqual([0.75, NaN, NaN]);
    expect(Array.from(featureColumn(m, 'any_role'))).toEqual([5, 0, 0]);
  });

  it('a user scorer decides what reads as praise', () => {
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ ...roles, exclude: 'positive' }], sentiment: { scorer: (t) => (t.includes('贵') ? 1 : -1) } });
    expect(m.columns[0]![0]).toBe(2); // the Chinese complaint now scores +1; "great prices!" −1
  });

  it('derives a name and a description from the parameters', () => {
    const m = extractFeatures(log, { cutoff: CUTOFF, features: [{ ...roles, exclude: 'positive' }, { ...roles, stat: 'share' }] });
    expect(m.names).toEqual(['text_match_count_180d', 'text_match_share_180d']);
    expect(m.meta[0]!.description).toBe('Texts of ticket/complaint events in the last 180 days mentioning PRICE, expensive, 贵 that do not read as praise.');
    expect(m.meta[1]).toMatchObject({ unit: 'ratio', nanMeaning: 'no text in the window' });
  });
});

describe('activeRhythm', () => {
  // Active days (activity or purchase) of customer a, in days after its first event:
  // 0, 10, 20, 30, 40, 50, 70, 100, 140 (two events on day 140: one active day).
  // Gaps 10, 10, 10, 10, 10, 20, 30, 40: the last 3 average 30, the earlier 5 have median 10 → 3.
  // Spans of 45 days ending at day 140: [96, 140] holds days 100 and 140; [51, 95] holds day 70 → 2 / 1.
  const first = at(300);
  const days = [0, 10, 20, 30, 40, 50, 70, 100, 140];
  const events: EventInput[] = [
    ...days.map((d, k) => ({ customerId: 'a', time: first + d * DAY + 3_600_000, type: k % 2 === 0 ? 'login' : 'order', value: k % 2 === 0 ? undefined : 5 })),
    { customerId: 'a', time: first + 140 * DAY + 7_200_000, type: 'order', value: 1 },
    { customerId: 'a', time: first + 150 * DAY, type: 'complaint' }, // neither activity nor purchase
    { customerId: 'a', time: CUTOFF + DAY, type: 'login' }, // after the cutoff: never read
    // b: 4 active days (3 gaps): gap growth needs 6; span 45 needs 90 days of history.
    ...[0, 5, 9, 30].map((d) => ({ customerId: 'b', time: at(100) + d * DAY, type: 'login' })),
  ];
  const log = createEventLog(events);

  it('is anchored at the last active day, not at the cutoff', () => {
    const m = extractFeatures(log, {
      cutoff: CUTOFF,
      features: [
        { op: 'activeRhythm', stat: 'gapGrowth' },
        { op: 'activeRhythm', stat: 'countChange', spanDays: 45 },
        { op: 'activeRhythm', stat: 'gapGrowth', recentGaps: 1, roles: ['purchase'], name: 'purchase_gap_growth' },
      ],
    });
    expect(m.names).toEqual(['active_gap_growth', 'active_day_change_45d', 'purchase_gap_growth']);
    expect(Array.from(m.columns[0]!)).toEqual([3, NaN]);
    expect(Array.from(m.columns[1]!)).toEqual([2, NaN]);
    // Purchase days 10, 30, 50, 100, 140: gaps 20, 20, 50, 40 → last 40 ÷ median(20, 20, 50) = 2.
    expect(Array.from(m.columns[2]!)).toEqual([2, NaN]);
    expect(m.meta[0]!.nanMeaning).toBe('fewer than 6 gaps between active days');
  });

  it('gives the same numbers at a later cutoff when the customer stayed silent (the point of the anchor)', () => {
    const specs: FeatureSpec[] = [{ op: 'activeRhythm', stat: 'gapGrowth' }, { op: 'activeRhythm', stat: 'countChange', spanDays: 45 }];
    const early = extractFeatures(log, { cutoff: first + 160 * DAY, features: specs, customers: ['a'] });
    const late = extractFeatures(log, { cutoff: CUTOFF, features: specs, customers: ['a'] });
    expect(Array.from(early.columns, (c) => c[0])).toEqual(Array.from(late.columns, (c) => c[0]));
  });
});

describe('textMatch and activeRhythm specs are validated data', () => {
  const bad: [unknown, (string | number)[]][] = [
    [{ op: 'textMatch' }, ['features', 0, 'words']],
    [{ op: 'textMatch', words: [] }, ['features', 0, 'words']],
    [{ op: 'textMatch', words: ['ok', ' '] }, ['features', 0, 'words', 1]],
    [{ op: 'textMatch', words: ['ok'], stat: 'mean' }, ['features', 0, 'stat']],
    [{ op: 'textMatch', words: ['ok'], exclude: 'negative' }, ['features', 0, 'exclude']],
    [{ op: 'textMatch', words: ['ok'], roles: ['nope'] }, ['features', 0, 'roles', 0]],
    [{ op: 'textMatch', words: ['ok'], windowDays: 0 }, ['features', 0, 'windowDays']],
    [{ op: 'activeRhythm', stat: 'slope' }, ['features', 0, 'stat']],
    [{ op: 'activeRhythm', stat: 'gapGrowth', recentGaps: 0 }, ['features', 0, 'recentGaps']],
    [{ op: 'activeRhythm', stat: 'gapGrowth', recentGaps: 1.5 }, ['features', 0, 'recentGaps']],
    [{ op: 'activeRhythm', stat: 'countChange', spanDays: -1 }, ['features', 0, 'spanDays']],
    [{ op: 'activeRhythm', stat: 'countChange', roles: [] }, ['features', 0, 'roles']],
    [{ op: 'activeRhythm', stat: 'countChange', windowDays: 30 }, ['features', 0, 'windowDays']],
  ];
  for (const [spec, path] of bad) {
    it(`rejects ${JSON.stringify(spec)} at ${path.join('.')}`, () => {
      expect(errorCode(() => validateFeatureSpecs([spec]))).toBe('INVALID_SPEC');
      expect(caught(() => validateFeatureSpecs([spec])).path).toEqual(path);
    });
  }

  it('round-trips through JSON', () => {
    const specs = [
      { op: 'textMatch', words: ['price', '贵'], roles: ['ticket'], exclude: 'positive', stat: 'share', windowDays: 90, offsetDays: 30 },
      { op: 'activeRhythm', stat: 'countChange', roles: ['activity'], spanDays: 60 },
    ];
    expect(validateFeatureSpecs(JSON.parse(JSON.stringify(specs)))).toEqual(specs);
  });
});

describe('textMatch and activeRhythm are point in time (fast-check)', () => {
  const TEXTS = ['too expensive', '价格太贵', 'great prices!', 'love it', '没有问题', 'discount please'];
  const ev = (before: boolean): fc.Arbitrary<EventInput> =>
    fc.record({
      customerId: fc.constantFrom('1', '2', '3'),
      time: before ? fc.integer({ min: -400 * 24, max: -1 }).map((h) => CUTOFF + h * 3_600_000) : fc.integer({ min: 0, max: 60 * 24 }).map((h) => CUTOFF + h * 3_600_000),
      type: fc.constantFrom('order', 'login', 'ticket', 'complaint', 'visit'),
      text: fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
    });
  const specs: FeatureSpec[] = [
    { op: 'textMatch', words: ['price', '贵', 'expensive', 'discount'], exclude: 'positive', windowDays: 180 },
    { op: 'textMatch', words: ['price', '价格'], stat: 'share' },
    { op: 'activeRhythm', stat: 'gapGrowth', recentGaps: 2 },
    { op: 'activeRhythm', stat: 'countChange', spanDays: 30 },
  ];
  it('events at or after the cutoff change nothing', () => {
    fc.assert(
      fc.property(fc.array(ev(true), { maxLength: 80 }), fc.array(ev(false), { maxLength: 30 }), (before, after) => {
        const a = extractFeatures(createEventLog(before), { cutoff: CUTOFF, features: specs, customers: ['1', '2', '3'] });
        const b = extractFeatures(createEventLog([...after, ...before]), { cutoff: CUTOFF, features: specs, customers: ['1', '2', '3'] });
        a.columns.forEach((c, j) => expect(Array.from(b.columns[j]!)).toEqual(Array.from(c)));
      }),
      { numRuns: 80, seed: 11 },
    );
  });
});
