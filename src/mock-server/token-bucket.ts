/** A token bucket: `rate` tokens a second, holding at most `rate` (one second of burst). */
export interface TokenBucket {
  /** Takes a token if there is one; otherwise returns how many milliseconds until there will be. */
  take(now?: number): { ok: true; remaining: number } | { ok: false; waitMs: number };
}

/** Creates a token bucket refilled continuously at `rate` per second, starting full. */
export function createTokenBucket(rate: number, start = performance.now()): TokenBucket {
  const capacity = Math.max(1, rate);
  let tokens = capacity;
  let last = start;
  return {
    take(now = performance.now()) {
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true, remaining: Math.floor(tokens) };
      }
      return { ok: false, waitMs: Math.ceil(((1 - tokens) / rate) * 1000) };
    },
  };
}
