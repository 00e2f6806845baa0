import { optionNames } from '../internal/args.js';
import type { ErrorCode } from '../internal/errors.js';

/** A value in an event's `attrs` or a customer table cell. */
export type AttrValue = string | number | boolean | null;

/**
 * One thing a customer did, as supplied by the user. See ../shared/DESIGN.md §1.
 *
 * @category Data
 */
export interface EventInput {
  /** Who did it. Numbers are stored as their decimal string, so `17850` and `"17850"` are one customer. */
  customerId: string | number;
  /** When: a `Date`, an ISO 8601 string (date-only means UTC midnight; no offset means UTC) or epoch ms. */
  time: Date | string | number;
  /** What: `'order'`, `'login'`, `'complaint'`, ... mapped onto roles by a {@link Vocabulary}. */
  type: string;
  /** Money for orders and refunds, a score for surveys (NPS 0-10, CSAT 1-5). */
  value?: number | null;
  /** Units bought or returned. */
  quantity?: number | null;
  /** Ticket, review or chat text, read only by sentiment features. */
  text?: string | null;
  /** Channel, sku, feature, coupon, funnel step, ... */
  attrs?: Record<string, AttrValue> | null;
  /** The system that recorded the event (`'crm'`, `'pos'`, `'app'`); defaults to the log's `source` option. */
  source?: string;
}

/** What to do with a row that fails validation. @category Data */
export type OnInvalid = 'throw' | 'skip' | 'collect';

/**
 * One rejected input row.
 *
 * @category Data
 */
export interface RejectedRow {
  /** Zero-based index of the row in its input (after the header for CSV). */
  row: number;
  /** Stable reason. */
  code: ErrorCode;
  /** Field or column that failed. */
  field: string;
  /** What was expected, in words. */
  expected: string;
  /** What was received (strings cut to 200 characters). */
  received: unknown;
  /** Source name of the input, when known. */
  source?: string;
  /** File the row came from, when read by the `churnkit/node` file readers. */
  file?: string;
}

/**
 * What ingestion accepted and rejected. Nothing is dropped without being counted here.
 *
 * @category Data
 */
export interface IngestReport {
  /** Rows read from the input (accepted + rejected). */
  rows: number;
  /** Rows stored as events. */
  accepted: number;
  /** Rows rejected. */
  rejected: number;
  /** Rejected rows per error code. */
  byCode: Partial<Record<ErrorCode, number>>;
  /** The rejected rows themselves, with `onInvalid: 'collect'` (at most `maxIssues`); empty otherwise. */
  issues: RejectedRow[];
  /** Rows given the placeholder customer id under `missingCustomer: { keepAs }`. */
  keptWithoutCustomer: number;
  /** Exact duplicates removed (by {@link mergeEventLogs} or `dedupe`). */
  duplicatesRemoved: number;
}

/** Options shared by every way of building an event log. @category Data */
export interface IngestOptions {
  /** Reaction to a bad row: throw a {@link ChurnkitError} (default), skip and count it, or skip and keep it in `rejects.issues`. */
  onInvalid?: OnInvalid;
  /** With `'collect'`, keep at most this many rejected rows (counts are always complete). Default 100,000. */
  maxIssues?: number;
  /** Source name stored on events that carry none. Default `'default'`. */
  source?: string;
  /** Role → event types; merged over {@link DEFAULT_VOCABULARY}. */
  vocabulary?: VocabularyInput;
  /**
   * Rows without a customer id are rejected with `MISSING_CUSTOMER` unless this names a
   * placeholder id to keep them under (counted in `rejects.keptWithoutCustomer`).
   */
  missingCustomer?: 'reject' | { keepAs: string };
}

/** The roles events play, whatever a business calls them. @category Data */
export type Role =
  | 'purchase'
  | 'activity'
  | 'productView'
  | 'refund'
  | 'complaint'
  | 'ticket'
  | 'survey'
  | 'campaignSent'
  | 'campaignOpened'
  | 'couponIssued'
  | 'couponRedeemed'
  | 'cartAdd'
  | 'checkout'
  | 'featureUse'
  | 'cancel'
  | 'subscribe';

/** A complete role → event-type map. @category Data */
export type Vocabulary = Readonly<Record<Role, readonly string[]>>;

/** A partial role → event-type map that overrides the defaults role by role. @category Data */
export type VocabularyInput = Partial<Record<Role, readonly string[]>>;

/** The names of every {@link IngestOptions} key (checked by the compiler). @internal */
export const INGEST_OPTIONS = optionNames<IngestOptions>()(['onInvalid', 'maxIssues', 'source', 'vocabulary', 'missingCustomer']);
