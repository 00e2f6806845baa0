// The README's "loop in 20 lines", kept identical to it by test/docs/readme.test.ts and type-checked in CI.
// Run: npx tsx examples/readme-loop.ts
import { simulateShop, analyzeChurn, simulateCampaign, evaluateCampaign } from '../src/index.js';
import { writeReport } from '../src/node/index.js';

const shop = simulateShop({ customers: 5000, seed: 7 });      // or readEventsFile('events.csv', { mapping })
const analysis = analyzeChurn(shop.log, {
  rule: { kind: 'inactivity', days: 60, roles: ['purchase', 'activity'] }, // what churn means here
  horizonDays: 90,                                             // predict churn in the next 90 days
  budget: 5000,                                                // for win-back actions
});
console.log(analysis.summary);                                 // '3,642 active customers; 190 high-risk; ...'
for (const c of analysis.customers.slice(0, 3)) console.log(c.customerId, c.risk.toFixed(2), c.persona, c.drivers[0]?.text);
for (const a of analysis.actions.recommendations.slice(0, 3)) console.log(a.reason);
await writeReport('report.html', analysis);                   // one self-contained HTML file

const pilot = simulateCampaign(shop, { asOf: '2024-07-01', strategies: [{ id: 'coupon', cost: 8, successByCause: { price_sensitive: 0.5 } }], seed: 1 });
const { overall } = evaluateCampaign(pilot.outcomes);         // did the win-back work? treated vs holdout
console.log(`lift ${overall.lift.toFixed(3)} (95% CI ${overall.lower.toFixed(3)} to ${overall.upper.toFixed(3)}), p = ${overall.pValue.toFixed(3)}`);
