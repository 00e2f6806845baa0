import { isRecord } from '../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../internal/errors.js';
import type { EventLog } from './EventLog.js';
import type { Role, Vocabulary, VocabularyInput } from './types.js';

/**
 * Every role churnkit knows, in a stable order.
 *
 * @category Data
 */
export const ROLES: readonly Role[] = [
  'purchase',
  'activity',
  'productView',
  'refund',
  'complaint',
  'ticket',
  'survey',
  'campaignSent',
  'campaignOpened',
  'couponIssued',
  'couponRedeemed',
  'cartAdd',
  'checkout',
  'featureUse',
  'cancel',
  'subscribe',
];

/**
 * The default role → event-type map. Users override it role by role with
 * {@link resolveVocabulary}; {@link simulateShop} emits exactly these type names.
 *
 * @category Data
 */
export const DEFAULT_VOCABULARY: Vocabulary = Object.freeze({
  purchase: ['order', 'purchase', 'pos_sale'],
  activity: ['login', 'visit', 'app_open', 'session'],
  productView: ['product_view', 'view'],
  refund: ['refund', 'return'],
  complaint: ['complaint'],
  ticket: ['ticket', 'support_ticket'],
  survey: ['survey', 'nps', 'csat'],
  campaignSent: ['campaign_sent', 'email_sent'],
  campaignOpened: ['campaign_opened', 'email_opened'],
  couponIssued: ['coupon_issued'],
  couponRedeemed: ['coupon_redeemed'],
  cartAdd: ['cart_add', 'add_to_cart'],
  checkout: ['checkout'],
  featureUse: ['feature_use'],
  cancel: ['cancel', 'subscription_cancel'],
  subscribe: ['subscribe', 'renew'],
});

/**
 * Merges a partial vocabulary over the defaults and validates it.
 *
 * A role given in `input` replaces that role's default list entirely, so
 * `{ purchase: ['sale'] }` means only `'sale'` events are purchases.
 *
 * @param input - role → event types to override
 * @returns a complete, frozen vocabulary
 * @throws ChurnkitError `UNKNOWN_ROLE` for a key that is not a role, `INVALID_OPTION` for a non-string type
 * @example
 * ```ts
 * resolveVocabulary({ purchase: ['sale'] }).purchase; // ['sale']
 * ```
 * @category Data
 */
export function resolveVocabulary(input?: VocabularyInput): Vocabulary {
  if (input === undefined) return DEFAULT_VOCABULARY;
  if (input === null || typeof input !== 'object') {
    throw new ChurnkitError('INVALID_OPTION', `resolveVocabulary: expected an object of role → event types; received ${show(input)}.`, {
      path: ['vocabulary'],
      expected: 'an object of role → string[]',
      received: input,
    });
  }
  const out: Record<string, readonly string[]> = { ...DEFAULT_VOCABULARY };
  for (const [role, types] of Object.entries(input)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ChurnkitError('UNKNOWN_ROLE', `resolveVocabulary: "${role}" is not a role; roles are ${ROLES.join(', ')}.`, {
        path: ['vocabulary', role],
        expected: `one of ${ROLES.join(', ')}`,
        received: role,
      });
    }
    if (!Array.isArray(types) || types.some((t) => typeof t !== 'string' || t === '')) {
      throw new ChurnkitError('INVALID_OPTION', `resolveVocabulary: role "${role}" must list non-empty event type names; received ${show(types)}.`, {
        path: ['vocabulary', role],
        expected: 'an array of non-empty strings',
        received: types,
      });
    }
    out[role] = Object.freeze([...types]);
  }
  return Object.freeze(out) as Vocabulary;
}

/**
 * `log` read with a function's `vocabulary` option: each role given replaces the log's event
 * types for that role, and the log's other roles stay (`log.withVocabulary` alone starts from the
 * library defaults). The log itself when the option is absent; `INVALID_OPTION` (path
 * `['vocabulary']`) for anything but a record — a Map would spread to nothing.
 *
 * @internal
 */
export function withVocabularyOption(fn: string, log: EventLog, vocabulary: unknown): EventLog {
  if (vocabulary === undefined) return log;
  if (!isRecord(vocabulary)) invalidOption(fn, 'vocabulary', 'an object of role → event types', vocabulary);
  return log.withVocabulary({ ...log.vocabulary, ...(vocabulary as VocabularyInput) });
}
