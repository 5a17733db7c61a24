import { APICallError, JSONParseError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { ProviderError } from './provider-error.ts';
import { toProviderError } from './to-provider-error.ts';

const KEY = 'sk-ant-PLANTED-0123456789';
const OPTIONS = { provider: 'anthropic', id: 'anthropic/claude-opus-4-1', secrets: [KEY] };

function apiError(
  statusCode: number | undefined,
  message: string,
  extra: Partial<{ responseBody: string; responseHeaders: Record<string, string>; cause: unknown }> = {},
) {
  return new APICallError({
    message,
    url: 'https://api.anthropic.com/v1/messages',
    requestBodyValues: { messages: [{ role: 'user', content: 'a secret prompt' }] },
    ...(statusCode === undefined ? {} : { statusCode }),
    ...extra,
  });
}

describe('toProviderError', () => {
  it("reads the last failure behind the AI SDK's RetryError, without loading ai itself", () => {
    const lastError = apiError(429, 'rate limited', { responseHeaders: { 'retry-after': '2' } });
    const cause = new RetryError({
      message: 'Failed after 2 attempts',
      reason: 'maxRetriesExceeded',
      errors: [apiError(503, 'overloaded'), lastError],
    });
    const error = toProviderError(cause, OPTIONS);
    expect(error.kind).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(2000);
    expect(error.rateLimit).toBeUndefined();
  });

  it("keeps a 429's quota headers, so the engine learns how empty the bucket is", () => {
    const headers = { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '50ms' };
    const error = toProviderError(apiError(429, 'rate limited', { responseHeaders: headers }), OPTIONS);
    expect(error).toMatchObject({ kind: 'rate_limit', rateLimit: { remainingRequests: 0, resetMs: 50 } });
  });

  it('maps statuses and bodies to kinds', () => {
    const cases: [unknown, string][] = [
      [apiError(429, 'rate limited', { responseHeaders: { 'retry-after': '3' } }), 'rate_limit'],
      [apiError(408, 'request timeout'), 'timeout'],
      [apiError(504, 'gateway timeout'), 'timeout'],
      [apiError(400, 'blocked', { responseBody: '{"error":{"code":"content_filter"}}' }), 'content_filter'],
      [
        apiError(200, 'Invalid JSON response', {
          cause: new JSONParseError({ text: '{', cause: new Error('x') }),
        }),
        'malformed_response',
      ],
      [apiError(503, 'overloaded'), 'provider_error'],
      [apiError(529, 'overloaded'), 'provider_error'],
      [apiError(401, 'invalid x-api-key'), 'request_rejected'],
      [apiError(403, 'forbidden'), 'request_rejected'],
      [apiError(404, 'model not found'), 'request_rejected'],
      [apiError(400, 'max_tokens is too large'), 'request_rejected'],
      [apiError(425, 'too early'), 'provider_error'],
      [
        apiError(undefined, 'fetch failed', {
          cause: Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
        }),
        'timeout',
      ],
      [new JSONParseError({ text: '{', cause: new Error('x') }), 'malformed_response'],
      [new TypeError('fetch failed'), 'provider_error'],
      [new DOMException('signal timed out', 'TimeoutError'), 'timeout'],
    ];
    for (const [cause, kind] of cases) {
      const error = toProviderError(cause, OPTIONS);
      expect(error, String(cause)).toBeInstanceOf(ProviderError);
      expect(error.kind, String(cause)).toBe(kind);
      expect(error.provider).toBe('anthropic');
    }
    expect(toProviderError(cases[0]![0], OPTIONS)).toMatchObject({ status: 429, retryAfterMs: 3000 });
  });

  it('keeps the provider message on one line, without the key or the request', () => {
    const error = toProviderError(apiError(401, `invalid x-api-key:\n ${KEY} (also Bearer ${KEY})`), OPTIONS);
    expect(error.message).toBe('anthropic HTTP 401: invalid x-api-key: [redacted] (also Bearer [redacted])');
    expect(error.message).not.toContain('secret prompt');
  });
});
