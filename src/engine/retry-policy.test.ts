import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window.ts';
import {
  DEFAULT_RETRY_POLICY,
  hedgeDelayMs,
  isRetriedOnResume,
  isTransient,
  retryDelayMs,
  retryPolicyOf,
} from './retry-policy.ts';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('draws uniformly below a ceiling that doubles each retry up to the cap (full jitter)', () => {
    const top = (retry: number) => retryDelayMs({ retry, policy, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelayMs({ retry: 3, policy, random: () => 0.25 })).toBe(100);
    expect(retryDelayMs({ retry: 3, policy, random: () => 0 })).toBe(0);
  });

  it('spreads draws over the whole range', () => {
    const draws = Array.from({ length: 2000 }, () => retryDelayMs({ retry: 4, policy }));
    expect(Math.min(...draws)).toBeLessThan(40);
    expect(Math.max(...draws)).toBeGreaterThan(760);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(360);
    expect(mean).toBeLessThan(440);
  });

  it('never retries sooner than retry-after, even beyond the cap', () => {
    expect(retryDelayMs({ retry: 1, policy, retryAfterMs: 700, random: () => 0.5 })).toBe(700);
    expect(retryDelayMs({ retry: 5, policy, retryAfterMs: 300, random: () => 0.9 })).toBe(900);
    expect(retryDelayMs({ retry: 1, policy, retryAfterMs: 5000, random: () => 1 })).toBe(5000);
  });

  it('waits at most as long as a timer can hold, however far off retry-after is', () => {
    const thirtyDays = 30 * 24 * 3600 * 1000;
    expect(retryDelayMs({ retry: 1, policy, retryAfterMs: thirtyDays, random: () => 0.5 })).toBe(
      2_147_483_647,
    );
  });

  it('treats rate limits, timeouts and server errors as transient, refusals and filters not', () => {
    expect(['rate_limit', 'timeout', 'provider_error'].every((k) => isTransient(k as never))).toBe(true);
    // A rejected request fails the same way again: not retried within a run, but by a rerun (fixed key or model).
    expect(isTransient('request_rejected')).toBe(false);
    expect(isRetriedOnResume('request_rejected')).toBe(true);
    expect(isRetriedOnResume('refusal')).toBe(false);
    expect(
      ['refusal', 'content_filter', 'malformed_response', 'harness_error'].some((k) =>
        isTransient(k as never),
      ),
    ).toBe(false);
  });
});

describe('hedgeDelayMs', () => {
  const seen = (n: number, ms: number) => {
    const latencies = new LatencyWindow();
    for (let i = 0; i < n; i++) latencies.record(ms);
    return latencies;
  };

  it('is 3 × p95 of recent successes, at least the 5 s floor, once 20 were seen', () => {
    expect(hedgeDelayMs({ policy: DEFAULT_RETRY_POLICY, latencies: seen(20, 10_000) })).toBe(30_000);
    expect(hedgeDelayMs({ policy: DEFAULT_RETRY_POLICY, latencies: seen(20, 1000) })).toBe(5000);
    expect(hedgeDelayMs({ policy: DEFAULT_RETRY_POLICY, latencies: seen(19, 10_000) })).toBeUndefined();
  });

  it('never hedges when turned off, or when the timeout would end the attempt first', () => {
    const off = { ...DEFAULT_RETRY_POLICY, hedge: false };
    expect(hedgeDelayMs({ policy: off, latencies: seen(20, 10_000) })).toBeUndefined();
    const short = { ...DEFAULT_RETRY_POLICY, timeoutMs: 30_000 };
    expect(hedgeDelayMs({ policy: short, latencies: seen(20, 10_000) })).toBeUndefined();
  });
});

describe('retryPolicyOf', () => {
  it('fills in the defaults', () => {
    expect(retryPolicyOf({ timeoutMs: 30_000 })).toEqual({ ...DEFAULT_RETRY_POLICY, timeoutMs: 30_000 });
  });

  it('refuses a wait a timer cannot hold: every attempt would time out at once', () => {
    expect(() => retryPolicyOf({ timeoutMs: 3_000_000_000 })).toThrow(
      'retry.timeoutMs must be within 0–2147483647 ms, got 3000000000',
    );
    expect(() => retryPolicyOf({ maxDelayMs: Number.POSITIVE_INFINITY })).toThrow(/retry\.maxDelayMs/);
    expect(() => retryPolicyOf({ hedgeMinMs: -1 })).toThrow(/retry\.hedgeMinMs/);
  });
});
