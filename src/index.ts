/**
 * churnkit: the whole customer-churn loop — event logs, churn definitions and point-in-time
 * labels, churn signals, models and their evaluation, and buy-till-you-die models.
 *
 * Every domain is also a subpath (`churnkit/data`, `churnkit/churn`, ...); file helpers live
 * in `churnkit/node`, the only part that touches Node built-ins.
 *
 * @module churnkit
 */
export * from './data/index.js';
export * from './time/index.js';
export * from './churn/index.js';
export * from './features/index.js';
export * from './models/index.js';
export * from './evaluate/index.js';
export * from './segments/index.js';
export * from './lift/index.js';
export * from './playbook/index.js';
export * from './report/index.js';
export * from './pipeline/index.js';
