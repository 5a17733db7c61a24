import type { RateLimitInfo } from '../spec/model.ts';

/**
 * Reads the remaining quota from response headers: OpenAI's `x-ratelimit-remaining-requests|tokens` and
 * `x-ratelimit-reset-requests|tokens` (durations such as `6m0s`, `20ms`), or Anthropic's
 * `anthropic-ratelimit-requests|tokens-remaining|reset` (RFC 3339 times). Undefined when there are none.
 */
export function readRateLimit(
  headers: Readonly<Record<string, string>>,
  now = Date.now(),
): RateLimitInfo | undefined {
  const h = lower(headers);
  const remainingRequests = count(
    h['x-ratelimit-remaining-requests'] ?? h['anthropic-ratelimit-requests-remaining'],
  );
  const remainingTokens = count(
    h['x-ratelimit-remaining-tokens'] ?? h['anthropic-ratelimit-tokens-remaining'],
  );
  const resets = [
    duration(h['x-ratelimit-reset-requests']),
    duration(h['x-ratelimit-reset-tokens']),
    instant(h['anthropic-ratelimit-requests-reset'], now),
    instant(h['anthropic-ratelimit-tokens-reset'], now),
  ].filter((ms): ms is number => ms !== undefined);
  const info: { remainingRequests?: number; remainingTokens?: number; resetMs?: number } = {};
  if (remainingRequests !== undefined) info.remainingRequests = remainingRequests;
  if (remainingTokens !== undefined) info.remainingTokens = remainingTokens;
  if (resets.length > 0) info.resetMs = Math.min(...resets);
  return Object.keys(info).length === 0 ? undefined : info;
}

/** `retry-after-ms`, else `retry-after` (seconds or an HTTP date), in milliseconds. */
export function readRetryAfterMs(
  headers: Readonly<Record<string, string>>,
  now = Date.now(),
): number | undefined {
  const h = lower(headers);
  const ms = Number(h['retry-after-ms']);
  if (h['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = h['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return instant(value, now);
}

function lower(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function count(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

// OpenAI writes durations such as `1s`, `6m0s`, `20ms`, `1h2m3.5s`.
function duration(value: string | undefined): number | undefined {
  if (value === undefined || !/^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    total += Number(n) * UNIT_MS[unit!]!;
  return total;
}

function instant(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
