interface Snapshot {
  readonly seq: number;
  readonly remaining: number;
  readonly at: number;
  /** Rate-limited requests seen by then: they reached the provider but spent no quota. */
  readonly rejected: number;
}

// Refill measured over at least this long, so that rounding in the headers does not dominate.
const MEASURE_SPAN_MS = 1000;

/**
 * What a provider's rate-limit headers imply about its quota now. Providers refill quota continuously (token
 * buckets), but differ on what the reset header means: the time until the bucket is full (OpenAI, Anthropic)
 * or until the next unit (some servers). Either way one unit is back by then, so the estimate starts from that
 * lower bound and moves to the refill rate it measures between snapshots a second or more apart. Requests sent
 * after the snapshot's request count as spent.
 */
export class QuotaEstimate {
  #capacity = 0;
  #snapshot: (Snapshot & { readonly floorPerMs: number }) | undefined;
  #anchor: Snapshot | undefined;
  #measuredPerMs: number | undefined;
  #rejected = 0;

  /** A request was rejected with a 429: it spent nothing. */
  reject(): void {
    this.#rejected++;
  }

  /** Records headers seen on the response to request `seq`; older requests' headers never replace newer ones. */
  observe(seq: number, remaining: number, resetMs: number | undefined, now: number): void {
    this.#capacity = Math.max(this.#capacity, remaining + 1);
    if (this.#snapshot !== undefined && this.#snapshot.seq > seq) return;
    const snapshot = { seq, remaining, at: now, rejected: this.#rejected };
    const floorPerMs = resetMs !== undefined && resetMs > 0 ? 1 / resetMs : Number.POSITIVE_INFINITY;
    this.#snapshot = { ...snapshot, floorPerMs };
    const anchor = this.#anchor;
    if (anchor === undefined) this.#anchor = snapshot;
    else if (now - anchor.at >= MEASURE_SPAN_MS) {
      const spent = seq - anchor.seq - (snapshot.rejected - anchor.rejected);
      const rate = (remaining - anchor.remaining + spent) / (now - anchor.at);
      if (rate > 0)
        this.#measuredPerMs = this.#measuredPerMs === undefined ? rate : (this.#measuredPerMs + rate) / 2;
      this.#anchor = snapshot;
    }
  }

  /** The refill rate in units per millisecond that the estimate uses. */
  get refillPerMs(): number {
    const floor = this.#snapshot?.floorPerMs ?? 0;
    return Math.max(floor === Number.POSITIVE_INFINITY ? 0 : floor, this.#measuredPerMs ?? 0);
  }

  /**
   * When the request numbered `nextSeq` may start, if each request spends `unit` of this quota: `now` when the
   * estimate covers it and every request sent after the snapshot, otherwise the moment the refill will.
   */
  readyAt(nextSeq: number, unit: number, now: number): number {
    const s = this.#snapshot;
    if (s === undefined || unit <= 0 || s.floorPerMs === Number.POSITIVE_INFINITY || nextSeq <= s.seq)
      return now;
    const refill = this.refillPerMs;
    const available = Math.min(this.#capacity, s.remaining + refill * (now - s.at));
    const pending = nextSeq - s.seq - (this.#rejected - s.rejected);
    const shortfall = unit * pending - available;
    return shortfall <= 0 ? now : now + Math.ceil(shortfall / refill);
  }
}
