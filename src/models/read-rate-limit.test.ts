import { describe, expect, it } from 'vitest';
import { readRateLimit, readRetryAfterMs } from './read-rate-limit.ts';

describe('readRateLimit', () => {
  it("reads OpenAI's x-ratelimit headers, durations included", () => {
    expect(
      readRateLimit({
        'x-ratelimit-remaining-requests': '59',
        'x-ratelimit-remaining-tokens': '149000',
        'x-ratelimit-reset-requests': '1s',
        'x-ratelimit-reset-tokens': '6m0s',
      }),
    ).toEqual({ remainingRequests: 59, remainingTokens: 149000, resetMs: 1000 });
    expect(readRateLimit({ 'x-ratelimit-reset-tokens': '1h2m3.5s' })).toEqual({ resetMs: 3_723_500 });
    expect(readRateLimit({ 'X-RateLimit-Reset-Requests': '20ms' })).toEqual({ resetMs: 20 });
  });

  it("reads Anthropic's anthropic-ratelimit headers, reset times relative to now", () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      readRateLimit(
        {
          'anthropic-ratelimit-requests-remaining': '3',
          'anthropic-ratelimit-tokens-remaining': '7000',
          'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:02Z',
          'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:30Z',
        },
        now,
      ),
    ).toEqual({ remainingRequests: 3, remainingTokens: 7000, resetMs: 2000 });
  });

  it('is undefined without quota headers, and ignores values it cannot read', () => {
    expect(readRateLimit({ 'content-type': 'application/json' })).toBeUndefined();
    expect(
      readRateLimit({ 'x-ratelimit-remaining-requests': 'lots', 'x-ratelimit-reset-requests': 'soon' }),
    ).toBeUndefined();
  });
});

describe('readRetryAfterMs', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as a date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(readRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '1' })).toBe(250);
    expect(readRetryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(readRetryAfterMs({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(readRetryAfterMs({})).toBeUndefined();
  });
});
