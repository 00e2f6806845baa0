/**
 * Neumaier's compensated summation (Neumaier 1974, an improved Kahan sum): add with
 * `add(x)`, read `value`. Used for every money and loss total in src/evaluate.
 * @internal
 */
export class NeumaierSum {
  #sum = 0;
  #c = 0;

  /** Adds one term. */
  add(x: number): void {
    const t = this.#sum + x;
    if (Math.abs(this.#sum) >= Math.abs(x)) this.#c += this.#sum - t + x;
    else this.#c += x - t + this.#sum;
    this.#sum = t;
  }

  /** The compensated total so far. */
  get value(): number {
    return this.#sum + this.#c;
  }
}
