/**
 * churnkit: the whole customer-churn loop.
 *
 * @module churnkit
 */
export * from './data/index.js';
