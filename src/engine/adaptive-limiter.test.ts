import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveLimiter, PACE_GROUP_MS, type Permit } from './adaptive-limiter.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Acquires n permits without waiting on each; returns those granted so far after the microtasks run. */
async function take(limiter: AdaptiveLimiter, n: number): Promise<Permit[]> {
  const granted: Permit[] = [];
  for (let i = 0; i < n; i++) void limiter.acquire().then((p) => granted.push(p));
  await vi.advanceTimersByTimeAsync(0);
  return granted;
}

describe('AdaptiveLimiter', () => {
  it('never lets more than its window in flight, and hands freed slots to waiters in order', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 3 });
    const granted = await take(limiter, 5);
    expect(granted.map((p) => p.seq)).toEqual([0, 1, 2]);
    limiter.release(granted[0]!, { type: 'success' });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted.map((p) => p.seq)).toEqual([0, 1, 2, 3]);
    expect(limiter.inFlight).toBe(3);
  });

  it('halves on a 429 once per window, then grows by about one per window of successes', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 16 });
    const first = await take(limiter, 16);
    for (const permit of first.slice(0, 4)) limiter.release(permit, { type: 'rate_limit' });
    expect(limiter.concurrency).toBe(8);
    expect(limiter.stats).toEqual({ rateLimited: 4, cuts: 1 });
    for (const permit of first.slice(4)) limiter.release(permit, { type: 'success' });
    // 12 successes at window 8 add 12/8-ish: the window grows by one per window's worth.
    expect(limiter.concurrency).toBe(9);
    const later = await take(limiter, 9);
    limiter.release(later[0]!, { type: 'rate_limit' });
    expect(limiter.concurrency).toBe(4);
    for (const permit of later.slice(1)) limiter.release(permit, { type: 'success' });
    let grown = 0;
    for (let round = 0; round < 40 && limiter.concurrency < 16; round++) {
      const batch = await take(limiter, limiter.concurrency - limiter.inFlight);
      for (const permit of batch) limiter.release(permit, { type: 'success' });
      grown++;
    }
    expect(limiter.concurrency).toBe(16);
    expect(grown).toBeGreaterThan(8);
  });

  it("pauses every start for the provider's retry-after", async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 4 });
    const [a] = await take(limiter, 1);
    limiter.release(a!, { type: 'rate_limit', retryAfterMs: 1000 });
    const waiting = await take(limiter, 1);
    expect(waiting).toEqual([]);
    await vi.advanceTimersByTimeAsync(999);
    expect(waiting).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting).toHaveLength(1);
  });

  it('holds a retry-after longer than a timer can wait, instead of waking every millisecond', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 4 });
    const [a] = await take(limiter, 1);
    const thirtyDays = 30 * 24 * 3600 * 1000;
    limiter.release(a!, { type: 'rate_limit', retryAfterMs: thirtyDays });
    const waiting = await take(limiter, 1);
    // Node (and the fake clock) fire a longer timer at once; the limiter waits at the limit, then again.
    await vi.advanceTimersByTimeAsync(2_147_483_647);
    expect(waiting).toEqual([]);
    await vi.advanceTimersByTimeAsync(thirtyDays - 2_147_483_647);
    expect(waiting).toHaveLength(1);
  });

  it('waits for quota when the headers say none is left, counting requests sent since', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 50 });
    const first = await take(limiter, 10);
    // Request 0 found a full bucket of 20 (19 left after it); request 9 left 10, the next one back in 50 ms.
    limiter.release(first[0]!, { type: 'success', rateLimit: { remainingRequests: 19, resetMs: 50 } });
    limiter.release(first[9]!, { type: 'success', rateLimit: { remainingRequests: 10, resetMs: 50 } });
    const more = await take(limiter, 13);
    expect(more).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(49);
    expect(more).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(more).toHaveLength(11);
    await vi.advanceTimersByTimeAsync(100);
    expect(more).toHaveLength(13);
  });

  it('sends requests paced by quota in groups a wake-up apart, at the same rate and never before their quota', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 200 });
    // A bucket of 50 that gives one request back every 20 ms (50 a second), emptied by a first burst.
    const [first] = await take(limiter, 1);
    limiter.release(first!, { type: 'success', rateLimit: { remainingRequests: 49, resetMs: 20 } });
    const burst = await take(limiter, 49);
    limiter.release(burst[48]!, { type: 'success', rateLimit: { remainingRequests: 0, resetMs: 20 } });
    const grantedAt: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 70; i++) void limiter.acquire().then(() => grantedAt.push(Date.now() - start));
    // No response comes back meanwhile, so the estimate holds for one bucket's worth: 900 ms.
    for (let t = 0; t < 900; t += 10) await vi.advanceTimersByTimeAsync(10);
    // The n-th request's quota is back at 20 n ms: none leaves sooner, none more than PACE_GROUP_MS later.
    grantedAt.forEach((at, i) => {
      expect(at).toBeGreaterThanOrEqual(20 * (i + 1));
      expect(at).toBeLessThanOrEqual(20 * (i + 1) + PACE_GROUP_MS);
    });
    expect(grantedAt.length).toBeGreaterThanOrEqual((900 - PACE_GROUP_MS) / 20);
    // One wake-up for every five or six requests, not one for each.
    expect(new Set(grantedAt).size).toBeLessThanOrEqual(Math.ceil(grantedAt.length / 5) + 1);
  });

  it('goes on when 429s come back before an older request’s headers, and when failures leave the estimate stale', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 50 });
    const first = await take(limiter, 30);
    // A bucket of 10, one request back every 50 ms. Requests 14 to 29 are rejected, and their 429s come back before
    // request 13's answer, which found the bucket empty; requests 1 to 12 fail without headers. Nothing is in flight.
    limiter.release(first[0]!, { type: 'success', rateLimit: { remainingRequests: 9, resetMs: 50 } });
    for (let i = 14; i < 30; i++) limiter.release(first[i]!, { type: 'rate_limit' });
    for (let i = 1; i < 13; i++) limiter.release(first[i]!, { type: 'other' });
    limiter.release(first[13]!, { type: 'success', rateLimit: { remainingRequests: 0, resetMs: 50 } });
    // Only request 13 spent quota since its snapshot's: the next one goes when one unit is back.
    const more = await take(limiter, 3);
    expect(more).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(more).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(more).toHaveLength(3);

    // Twelve requests fail without headers after a snapshot of an empty bucket: more than the bucket holds seem
    // spent, and no answer will say otherwise. The pace falls to the refill's, one every 50 ms; it never stops.
    const stale = new AdaptiveLimiter({ maxConcurrency: 50 });
    const [head] = await take(stale, 1);
    stale.release(head!, { type: 'success', rateLimit: { remainingRequests: 0, resetMs: 50 } });
    const failing: Permit[] = [];
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(50);
      failing.push(...(await take(stale, 1)));
    }
    for (const permit of failing) stale.release(permit, { type: 'other' });
    const after = await take(stale, 4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(after).toHaveLength(4);
  });

  it("learns from a 429's quota headers: the requests after it wait for quota instead of drawing 429s", async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 50 });
    const first = await take(limiter, 10);
    // Request 9 found the bucket empty; one request comes back every 50 ms. Requests 0 to 8 are still out.
    limiter.release(first[9]!, { type: 'rate_limit', rateLimit: { remainingRequests: 0, resetMs: 50 } });
    const more = await take(limiter, 3);
    expect(more).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(more).toHaveLength(1);
    // The bucket's size is unknown (all the headers said is "empty"): one request per unit of refill, none sooner.
    await vi.advanceTimersByTimeAsync(49);
    expect(more).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(more).toHaveLength(3);
  });

  it('measures the refill when the reset header only says when the bucket is full', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 100 });
    const [first] = await take(limiter, 1);
    // "Full again in 1 s" alone only promises one request a second.
    limiter.release(first!, { type: 'success', rateLimit: { remainingRequests: 19, resetMs: 1000 } });
    const burst = await take(limiter, 19);
    expect(burst).toHaveLength(19);
    await vi.advanceTimersByTimeAsync(1000);
    // A second later 19 were sent and 19 are left: the bucket refills about 19 a second.
    limiter.release(burst[18]!, { type: 'success', rateLimit: { remainingRequests: 19, resetMs: 1000 } });
    const more = await take(limiter, 21);
    expect(more).toHaveLength(19);
    await vi.advanceTimersByTimeAsync(60);
    expect(more).toHaveLength(20);
  });

  it('ignores headers older than those it already has', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 50 });
    const first = await take(limiter, 3);
    limiter.release(first[0]!, { type: 'success', rateLimit: { remainingRequests: 40, resetMs: 100 } });
    limiter.release(first[2]!, { type: 'success', rateLimit: { remainingRequests: 30, resetMs: 100 } });
    limiter.release(first[1]!, { type: 'success', rateLimit: { remainingRequests: 0, resetMs: 100 } });
    expect(await take(limiter, 30)).toHaveLength(30);
  });

  it('rejects a waiter whose signal aborts, without taking a slot', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 1 });
    await take(limiter, 1);
    const stop = new AbortController();
    const waiting = limiter.acquire(stop.signal);
    stop.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(limiter.inFlight).toBe(1);
  });

  it('serves urgent waiters (retries, hedges) before all others, each group in its own order', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 1 });
    const [held] = await take(limiter, 1);
    const order: string[] = [];
    const stop = new AbortController();
    const wait = (name: string, urgent: boolean, signal?: AbortSignal) =>
      limiter.acquire(signal, { urgent }).then(
        (permit) => {
          order.push(name);
          return permit;
        },
        () => order.push(`${name} aborted`),
      );
    const waits = [
      wait('first 1', false),
      wait('retry 1', true),
      wait('first 2', false),
      wait('retry 2', true, stop.signal),
      wait('retry 3', true),
    ];
    stop.abort(new Error('stop'));
    let permit = held!;
    for (let i = 0; i < 4; i++) {
      limiter.release(permit, { type: 'success' });
      await vi.advanceTimersByTimeAsync(0);
      permit = (await waits[[1, 4, 0, 2][i]!]) as Permit;
    }
    expect(order).toEqual(['retry 2 aborted', 'retry 1', 'retry 3', 'first 1', 'first 2']);
    expect(limiter.inFlight).toBe(1);
  });
});
