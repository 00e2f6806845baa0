import { isPlainObject, knownOptions, optionNames, optionsOf } from '../internal/args.js';
import { ChurnkitError, show } from '../internal/errors.js';
import { DEFAULT_SENTIMENT_LEXICON, type SentimentLexicon } from './sentimentLexicon.js';

/** Result of {@link scoreSentiment}. @category Features */
export interface SentimentScore {
  /** Overall score in (−1, 1): negative below 0, positive above. 0 when nothing matched. */
  score: number;
  /** Sum of the positive contributions (after negation and intensifiers). */
  positive: number;
  /** Sum of the negative contributions, as a positive number. */
  negative: number;
  /** Number of sentiment terms matched. */
  matches: number;
}

/** Options of {@link scoreSentiment}. @category Features */
export interface SentimentOptions {
  /** Extra or replacement entries merged over {@link DEFAULT_SENTIMENT_LEXICON} (given weights win). */
  lexicon?: Partial<SentimentLexicon>;
  /** A scorer of your own returning a score in [−1, 1]; replaces the lexicon method entirely. */
  scorer?: (text: string) => number;
}

const SENTIMENT_OPTIONS = optionNames<SentimentOptions>()(['lexicon', 'scorer']);
const LEXICON_PARTS = optionNames<SentimentLexicon>()(['terms', 'negators', 'intensifiers']);

/**
 * Checks the shape of sentiment options — those of {@link scoreSentiment}, or `extractFeatures`'
 * `sentiment` option (`at = ['sentiment']`) — naming `fn` in every error: known keys only, a
 * function scorer, a lexicon of known parts with records for terms and intensifiers and an array
 * for negators. Entries are checked when the lexicon is compiled. @internal
 */
export function checkSentimentOptions(fn: string, o: SentimentOptions, at: readonly string[] = []): void {
  const bad = (path: readonly string[], expected: string, received: unknown): never => {
    throw new ChurnkitError('INVALID_OPTION', `${fn}: option ${path.join('.')} must be ${expected}; received ${show(received)}.`, { path: [...path], expected, received });
  };
  if (!isPlainObject(o)) bad(at.length > 0 ? at : ['options'], 'an object { lexicon?, scorer? }', o);
  knownOptions(fn, o, SENTIMENT_OPTIONS, at);
  if (o.scorer !== undefined && typeof o.scorer !== 'function') bad([...at, 'scorer'], 'a function (text) => score in [-1, 1]', o.scorer);
  const lex = o.lexicon;
  if (lex === undefined) return;
  if (!isPlainObject(lex)) bad([...at, 'lexicon'], 'an object { terms?, negators?, intensifiers? }', lex);
  knownOptions(fn, lex, LEXICON_PARTS, [...at, 'lexicon']);
  if (lex.terms !== undefined && !isPlainObject(lex.terms)) bad([...at, 'lexicon', 'terms'], 'a record of term → weight', lex.terms);
  if (lex.intensifiers !== undefined && !isPlainObject(lex.intensifiers)) bad([...at, 'lexicon', 'intensifiers'], 'a record of word → multiplier', lex.intensifiers);
  if (lex.negators !== undefined && !Array.isArray(lex.negators)) bad([...at, 'lexicon', 'negators'], 'an array of words', lex.negators);
}

/**
 * Throws `INVALID_INPUT` unless a custom scorer's result `s` for `text` is a number in [−1, 1]
 * (the range of the lexicon's scores, which the sentiment features and thresholds assume). @internal
 */
export function checkScore(fn: string, s: unknown, text: string, at: readonly string[] = []): number {
  if (typeof s !== 'number' || !(s >= -1 && s <= 1)) {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: the custom scorer returned ${show(s)} for ${show(text)}; it must return a number in [-1, 1].`, {
      path: [...at, 'scorer'],
      expected: 'a number in [-1, 1]',
      received: s,
    });
  }
  return s;
}

/** A lexicon compiled for scanning: one map of every entry and the longest CJK entry. @internal */
export interface CompiledLexicon {
  readonly entries: Map<string, number>;
  readonly kinds: Map<string, 0 | 1 | 2 | 3 | 4>; // 0 term, 1 negator, 2 intensifier, 3 contrast, 4 neutral word
  readonly maxLen: number;
}

const NEGATION = -0.75; // "not good" is negative but weaker than "bad" (VADER uses −0.74; Hutto & Gilbert 2014)
const VADER_ALPHA = 15; // normalisation s / sqrt(s² + α) of Hutto & Gilbert (2014)
const WINDOW = 3; // modifiers reach the next term within this many tokens
/** "but" words: what precedes counts half, what follows 1.5 times (VADER's contrast rule, Hutto & Gilbert 2014). */
const CONTRAST = ['but', 'however', '但是', '但', '可是', '不过', '就是', '然而'];
/**
 * Chinese words that contain a sentiment character but carry no sentiment: the longest-match
 * scan takes them whole, so 快 (fast) in 快递 (courier) and 好 (good) in 好久 (a long time) do not
 * count. Entries of the default or a user lexicon win over these.
 */
const NEUTRAL_CJK = ['快递', '快件', '快点', '尽快', '赶快', '快要', '好久', '好几', '好多', '好像', '只好', '等等', '等于'];
let defaultCompiled: CompiledLexicon | undefined;

/** @internal */
export function compileLexicon(extra?: Partial<SentimentLexicon>, fn = 'scoreSentiment', at: readonly string[] = ['lexicon']): CompiledLexicon {
  if (extra === undefined && defaultCompiled !== undefined) return defaultCompiled;
  const base = DEFAULT_SENTIMENT_LEXICON;
  const entries = new Map<string, number>();
  const kinds = new Map<string, 0 | 1 | 2 | 3 | 4>();
  const add = (k: string, v: number, kind: 0 | 1 | 2 | 3, path: string): void => {
    if (typeof k !== 'string' || k === '' || typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ChurnkitError('INVALID_OPTION', `${fn}: ${at.join('.')}.${path} entry ${show(k)} must map a non-empty string to a finite number; received ${show(v)}.`, {
        path: [...at, path, k],
        expected: 'a non-empty string → finite number',
        received: v,
      });
    }
    const key = k.toLowerCase();
    entries.set(key, v);
    kinds.set(key, kind);
  };
  for (const [k, v] of Object.entries(base.terms)) add(k, v, 0, 'terms');
  for (const k of base.negators) add(k, NEGATION, 1, 'negators');
  for (const [k, v] of Object.entries(base.intensifiers)) add(k, v, 2, 'intensifiers');
  for (const k of CONTRAST) add(k, 1, 3, 'contrast');
  for (const k of NEUTRAL_CJK) {
    if (kinds.has(k)) continue;
    entries.set(k, 0);
    kinds.set(k, 4);
  }
  if (extra !== undefined) {
    for (const [k, v] of Object.entries(extra.terms ?? {})) add(k, v, 0, 'terms');
    for (const k of extra.negators ?? []) add(k, NEGATION, 1, 'negators');
    for (const [k, v] of Object.entries(extra.intensifiers ?? {})) add(k, v, 2, 'intensifiers');
  }
  let maxLen = 1;
  for (const k of entries.keys()) if (isCjk(k.charCodeAt(0)) && k.length > maxLen) maxLen = k.length;
  const out = { entries, kinds, maxLen };
  if (extra === undefined) defaultCompiled = out;
  return out;
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019 || c === 45 || (c >= 0xc0 && c <= 0x24f);
}

/** Clause boundaries reset pending negation/intensifiers: . , ; ! ? and their CJK forms, but (turning clause). */
function isBoundary(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 33 || c === 63 || c === 0x3002 || c === 0xff0c || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 0x3001 || c === 10;
}

/** Running state of one scan (plain object, one per call). */
interface ScanState {
  pos: number;
  neg: number;
  matches: number;
  negate: boolean;
  mult: number;
  since: number;
  after: number;
}

function resetModifiers(st: ScanState): void {
  st.negate = false;
  st.mult = 1;
  st.since = WINDOW + 1;
}

function applyToken(key: string, lex: CompiledLexicon, st: ScanState): void {
  const kind = lex.kinds.get(key);
  if (kind === undefined || kind === 4) {
    st.since++;
    if (st.since > WINDOW) {
      st.negate = false;
      st.mult = 1;
    }
    return;
  }
  const w = lex.entries.get(key)!;
  if (kind === 3) {
    st.pos *= 0.5;
    st.neg *= 0.5;
    st.after = 1.5;
    resetModifiers(st);
  } else if (kind === 1) {
    st.negate = !st.negate;
    st.since = 0;
  } else if (kind === 2) {
    st.mult *= w;
    st.since = 0;
  } else {
    let v = w * st.mult * st.after;
    if (st.negate) v *= NEGATION;
    if (v > 0) st.pos += v;
    else st.neg -= v;
    st.matches++;
    resetModifiers(st);
  }
}

/** @internal Scores with a compiled lexicon. */
export function scoreWith(text: string, lex: CompiledLexicon): SentimentScore {
  const st: ScanState = { pos: 0, neg: 0, matches: 0, negate: false, mult: 1, since: WINDOW + 1, after: 1 };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) {
      let len = Math.min(lex.maxLen, n - i);
      for (; len > 1; len--) if (lex.kinds.has(text.slice(i, i + len))) break;
      applyToken(text.slice(i, i + len), lex, st);
      i += len;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      applyToken(text.slice(i, j).toLowerCase().replace(/\u2019/g, "'"), lex, st);
      i = j;
    } else {
      if (isBoundary(c)) resetModifiers(st);
      i++;
    }
  }
  const s = st.pos - st.neg;
  return { score: s === 0 ? 0 : s / Math.sqrt(s * s + VADER_ALPHA), positive: st.pos, negative: st.neg, matches: st.matches };
}

/**
 * Scores the sentiment of a short text (a ticket, a review, a chat line), Chinese or English.
 *
 * Used by the sentiment features of {@link extractFeatures}: negative words to the service desk
 * come before churn. Method: lexicon look-up (English as whole words; Chinese by a
 * longest-match scan over the lexicon, no word segmenter). A negator (不, 没有, not, never)
 * multiplies the next term within three tokens by −0.75 and an intensifier (很, 非常, very)
 * by its weight; a clause mark (, . ! ? ， 。) resets them; after a contrast word (but, 但是,
 * 就是) what came before counts half and what follows 1.5 times. The sum `s` is squashed to
 * `s / √(s² + 15)` as in VADER (Hutto & Gilbert 2014, ICWSM). O(length × longest CJK term).
 *
 * @param text - the text
 * @param options - an extra lexicon merged over the default, or a scorer of your own
 * @returns the score (in (−1, 1) from the lexicon; a custom scorer's own value, checked to be in
 * [−1, 1]) with the positive and negative parts and the match count
 * @throws ChurnkitError `INVALID_INPUT` when `text` is not a string or a custom scorer returns anything but a number in [−1, 1];
 * `INVALID_OPTION` for an unknown option or lexicon part, a scorer that is not a function, or a bad lexicon entry
 * @example
 * ```ts
 * scoreSentiment('客服态度很差，不满意').score < 0;   // true
 * scoreSentiment('not bad at all, very helpful').score > 0; // true
 * ```
 * @category Features
 */
export function scoreSentiment(text: string, options: SentimentOptions = {}): SentimentScore {
  if (typeof text !== 'string') {
    throw new ChurnkitError('INVALID_INPUT', `scoreSentiment: text must be a string; received ${show(text)}.`, { expected: 'a string', received: text });
  }
  options = optionsOf('scoreSentiment', options);
  checkSentimentOptions('scoreSentiment', options);
  if (options.scorer !== undefined) {
    const s = checkScore('scoreSentiment', options.scorer(text), text);
    return { score: s, positive: s > 0 ? s : 0, negative: s < 0 ? -s : 0, matches: s === 0 ? 0 : 1 };
  }
  return scoreWith(text, compileLexicon(options.lexicon));
}
