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
  #next = 0;
  #count = 0;
  /** Sorted copy, kept until the next observation: several attempts start between two answers. */
  #sorted: Float64Array | undefined;

  constructor(size = 256) {
    this.#ring = new Float64Array(size);
  }

  /** Observations held, at most the window's size. */
  get count(): number {
    return this.#count;
  }

  record(ms: number): void {
    this.#ring[this.#next] = ms;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#count = Math.min(this.#count + 1, this.#ring.length);
    this.#sorted = undefined;
  }

  /** The `q`-quantile by nearest rank (0.95: the smallest latency at or above 95% of those held); undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.#count === 0) return undefined;
    this.#sorted ??= this.#ring.slice(0, this.#count).sort();
    const rank = Math.min(this.#count, Math.max(1, Math.ceil(q * this.#count)));
    return this.#sorted[rank - 1];
  }
}
