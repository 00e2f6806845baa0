/**
 * A win-back persona: why a customer is leaving or has left, and so which treatment fits.
 *
 * - `price_sensitive`: buys mostly with coupons or discounts, responds to offers, stopped when offers stopped;
 * - `disappointed`: complaints, refunds, negative words, falling feature use or survey score;
 * - `fading`: no negative signal, a long and growing silence, declining activity;
 * - `lost_loyal`: long tenure and high historical value, then a sudden stop;
 * - `none`: fits no persona well enough (never forced into one).
 *
 * @category Segments
 */
export type PersonaName = 'price_sensitive' | 'disappointed' | 'fading' | 'lost_loyal' | 'none';

/** The four personas in a fixed order (without `none`). @category Segments */
export const PERSONAS = Object.freeze(['price_sensitive', 'disappointed', 'fading', 'lost_loyal'] as const);
