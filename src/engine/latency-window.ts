/**
 * The latencies of the last `size` successful attempts, in a ring, and their quantiles: what "slow" means for one
 * model right now. Old observations fall out, so a provider that speeds up or slows down is followed.
 * @example
 * const window = new LatencyWindow(256);
 * window.record(180);
 * window.quantile(0.95); // 180
 */
export class LatencyWindow {
  readonly #ring: Float64Array;
  /** The same observations kept in order, updated on each one (a move of at most `size` numbers, no sort). */
  readonly #sorted: Float64Array;
  #next = 0;
  #count = 0;

  constructor(size = 256) {
    this.#ring = new Float64Array(size);
    this.#sorted = new Float64Array(size);
  }

  /** Observations held, at most the window's size. */
  get count(): number {
    return this.#count;
  }

  record(ms: number): void {
    const sorted = this.#sorted;
    if (this.#count === this.#ring.length) {
      const out = this.#rankOf(this.#ring[this.#next]!);
      sorted.copyWithin(out, out + 1, this.#count);
      this.#count--;
    }
    const at = this.#rankOf(ms);
    sorted.copyWithin(at + 1, at, this.#count);
    sorted[at] = ms;
    this.#count++;
    this.#ring[this.#next] = ms;
    this.#next = (this.#next + 1) % this.#ring.length;
  }

  /** The `q`-quantile by nearest rank (0.95: the smallest latency at or above 95% of those held); undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.#count === 0) return undefined;
    const rank = Math.min(this.#count, Math.max(1, Math.ceil(q * this.#count)));
    return this.#sorted[rank - 1];
  }

  /** The first position in the sorted observations whose value is not below `ms`. */
  #rankOf(ms: number): number {
    let low = 0;
    let high = this.#count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#sorted[middle]! < ms) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
