/**
 * Neumaier's compensated summation (Neumaier 1974, an improved Kahan sum), the one
 * implementation behind every money, likelihood and area total in churnkit.
 *
 * Two forms: the {@link NeumaierSum} object for ordinary loops, and {@link neumaierError} for
 * hot loops that keep the running sum and its compensation in locals or typed-array slots:
 *
 * ```ts
 * const t = sum + x; comp += neumaierError(sum, x, t); sum = t;   // total: sum + comp
 * ```
 * @internal
 */

/**
 * The rounding error of `t = s + x` (so that `s + x = t + error` exactly): add it to the
 * running compensation. For a subtraction pass `-x`.
 * @internal
 */
export function neumaierError(s: number, x: number, t: number): number {
  return Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
}

/**
 * A compensated running sum: add with `add(x)`, read `value`.
 * @internal
 */
export class NeumaierSum {
  #sum = 0;
  #c = 0;

  /** Adds one term. */
  add(x: number): void {
    const t = this.#sum + x;
    this.#c += neumaierError(this.#sum, x, t);
    this.#sum = t;
  }

  /** The compensated total so far. */
  get value(): number {
    return this.#sum + this.#c;
  }
}
