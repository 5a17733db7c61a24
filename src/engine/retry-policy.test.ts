import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isTransient, retryDelayMs } from './retry-policy.ts';

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

  it('treats rate limits, timeouts and server errors as transient, refusals and filters not', () => {
    expect(['rate_limit', 'timeout', 'provider_error'].every((k) => isTransient(k as never))).toBe(true);
    expect(
      ['refusal', 'content_filter', 'malformed_response', 'harness_error'].some((k) =>
        isTransient(k as never),
      ),
    ).toBe(false);
  });
});
