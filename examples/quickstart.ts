/**
 * churnkit quickstart: the whole loop on the embedded simulated shop.
 * Run with `npm run demo` (or `npx tsx examples/quickstart.ts`).
 */
import { auditEvents, formatAuditReport, simulateShop } from '../src/index.js';

const t0 = performance.now();
const shop = simulateShop({ customers: 5000, seed: 7 });
const { log } = shop;
const simulatedMs = performance.now() - t0;

const heading = (s: string): void => console.log(`\n${s}\n${'─'.repeat(s.length)}`);
const n = (x: number): string => x.toLocaleString('en-US');

heading('1. The simulated shop');
console.log(
  `${n(log.customerCount)} customers, ${n(log.size)} events from ${log.sources.length} sources ` +
    `(${log.sources.join(', ')}), ${new Date(shop.start).toISOString().slice(0, 10)} → ${new Date(shop.end).toISOString().slice(0, 10)}, ` +
    `generated in ${simulatedMs.toFixed(0)} ms.`,
);

heading('2. Data quality audit');
const audit = auditEvents(log, { asOf: shop.end });
console.log(formatAuditReport(audit));
