interface Snapshot {
  readonly seq: number;
  readonly remaining: number;
  readonly at: number;
}

// Refill measured over at least this long, so that rounding in the headers does not dominate.
const MEASURE_SPAN_MS = 1000;

/**
 * What a provider's rate-limit headers imply about its quota now. Providers refill quota continuously (token
 * buckets), but differ on what the reset header means: the time until the bucket is full (OpenAI, Anthropic)
 * or until the next unit (some servers). Either way one unit is back by then, so the estimate starts from that
 * lower bound and moves to the refill rate it measures between snapshots a second or more apart. Requests sent
 * after the snapshot's request count as spent, but for those rejected with a 429 (matched by request number,
 * whenever their answer came).
 *
 * The estimate never holds a request past what the refill alone guarantees: whatever was left, the bucket refills
 * at its rate after our last request, so one unit per refill interval since then is always there. A snapshot left
 * stale (requests after it failed without headers) therefore slows the pace to the refill rate, never stops it.
 */
export class QuotaEstimate {
  #capacity = 0;
  #snapshot: (Snapshot & { readonly floorPerMs: number }) | undefined;
  #anchor: Snapshot | undefined;
  #measuredPerMs: number | undefined;
  /** Requests rejected with a 429 that were sent after the anchor's: they reached the provider but spent nothing. */
  #rejected: number[] = [];
  #lastGrant: { readonly seq: number; readonly at: number } | undefined;

  /** Request `seq` was rejected with a 429: it spent nothing. */
  reject(seq: number): void {
    if (seq > (this.#anchor?.seq ?? Number.NEGATIVE_INFINITY)) this.#rejected.push(seq);
  }

  /** Request `seq` left at `now`. */
  granted(seq: number, now: number): void {
    this.#lastGrant = { seq, at: now };
  }

  /** Records headers seen on the response to request `seq`; older requests' headers never replace newer ones. */
  observe(seq: number, remaining: number, resetMs: number | undefined, now: number): void {
    this.#capacity = Math.max(this.#capacity, remaining + 1);
    if (this.#snapshot !== undefined && this.#snapshot.seq > seq) return;
    const snapshot = { seq, remaining, at: now };
    const floorPerMs = resetMs !== undefined && resetMs > 0 ? 1 / resetMs : Number.POSITIVE_INFINITY;
    this.#snapshot = { ...snapshot, floorPerMs };
    const anchor = this.#anchor;
    if (anchor === undefined) this.#anchor = snapshot;
    else if (now - anchor.at >= MEASURE_SPAN_MS) {
      const spent = seq - anchor.seq - this.#rejectedBetween(anchor.seq, seq + 1);
      const rate = (remaining - anchor.remaining + spent) / (now - anchor.at);
      if (rate > 0)
        this.#measuredPerMs = this.#measuredPerMs === undefined ? rate : (this.#measuredPerMs + rate) / 2;
      this.#anchor = snapshot;
      this.#rejected = this.#rejected.filter((r) => r > seq);
    }
  }

  /** The refill rate in units per millisecond that the estimate uses. */
  get refillPerMs(): number {
    const floor = this.#snapshot?.floorPerMs ?? 0;
    return Math.max(floor === Number.POSITIVE_INFINITY ? 0 : floor, this.#measuredPerMs ?? 0);
  }

  /**
   * When the request numbered `nextSeq` may start, if each request spends `unit` of this quota: `now` when the
   * estimate covers it and every request sent after the snapshot, otherwise the moment the refill will, and never
   * later than the refill since our last request covers the requests from then to this one.
   */
  readyAt(nextSeq: number, unit: number, now: number): number {
    const s = this.#snapshot;
    if (s === undefined || unit <= 0 || s.floorPerMs === Number.POSITIVE_INFINITY || nextSeq <= s.seq)
      return now;
    const refill = this.refillPerMs;
    const available = Math.min(this.#capacity, s.remaining + refill * (now - s.at));
    const pending = nextSeq - s.seq - this.#rejectedBetween(s.seq, nextSeq);
    const shortfall = unit * pending - available;
    if (shortfall <= 0) return now;
    const estimated = now + Math.ceil(shortfall / refill);
    const last = this.#lastGrant;
    if (last === undefined || nextSeq <= last.seq) return estimated;
    const needed = unit * (nextSeq - last.seq);
    if (needed > this.#capacity) return estimated;
    return Math.max(now, Math.min(estimated, last.at + Math.ceil(needed / refill)));
  }

  /** 429s among the requests numbered above `after` and below `before`. */
  #rejectedBetween(after: number, before: number): number {
    let count = 0;
    for (const seq of this.#rejected) if (seq > after && seq < before) count++;
    return count;
  }
}
