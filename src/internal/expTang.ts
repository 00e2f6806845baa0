/**
 * e^x without Math.exp (internal): the same bytes on every engine and cheaper (see expTang).
 */

/** 2^(j/32), j = 0..31, each the correctly rounded double (computed to 60 digits). */
const EXP2_32THS = Float64Array.of(
  1.0,
  1.0218971486541166,
  1.0442737824274138,
  1.0671404006768237,
  1.0905077326652577,
  1.1143867425958924,
  1.1387886347566916,
  1.1637248587775775,
  1.189207115002721,
  1.215247359980469,
  1.241857812073484,
  1.2690509571917332,
  1.2968395546510096,
  1.3252366431597413,
  1.3542555469368927,
  1.383909881963832,
  1.4142135623730951,
  1.4451808069770467,
  1.4768261459394993,
  1.5091644275934228,
  1.5422108254079407,
  1.5759808451078865,
  1.6104903319492543,
  1.645755478153965,
  1.681792830507429,
  1.718619298122478,
  1.7562521603732995,
  1.7947090750031072,
  1.8340080864093424,
  1.8741676341103,
  1.9152065613971474,
  1.9571441241754002,
);

/** 2^m for m = −1022..1023 (index m + 1022), built from the exponent bits: exact by construction. */
const POW2 = ((): Float64Array => {
  const out = new Float64Array(2046);
  const words = new Uint32Array(out.buffer);
  // little- or big-endian: the high word holds the exponent
  const hi = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f ? 1 : 0;
  for (let m = -1022; m <= 1023; m++) words[2 * (m + 1022) + hi] = (m + 1023) << 20;
  return out;
})();

/**
 * e^x by Tang's table-driven method (boosting's gradients, logistic regression's loss and
 * probabilities) (P. T. P. Tang 1989, "Table-driven
 * implementation of the exponential function in IEEE floating-point arithmetic", ACM TOMS
 * 15(2)). x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64, e^x = 2^m · 2^(j/32) · e^r, e^r − 1 by its
 * Taylor polynomial to r⁶ (truncation below 3e-18); ln2/32 is split into a 32-bit head (k times
 * it is exact) and a tail (fdlibm's ln2_hi / ln2_lo). Within 1 ulp of Math.exp (checked on 200,000
 * arguments in test/models/speedBoosting) and about 40% cheaper, pure arithmetic, so the same
 * bytes on every engine (Math.exp is implementation-defined); outside (−700, 700) Math.exp.
 */
export function expTang(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x);
  const k = Math.floor(x * (32 / Math.LN2) + 0.5);
  const r = x - k * (6.93147180369123816490e-1 / 32) - k * (1.90821492927058770002e-10 / 32);
  const p = r + r * r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  const t = EXP2_32THS[k & 31]!;
  return (t + t * p) * POW2[(k >> 5) + 1022]!;
}
