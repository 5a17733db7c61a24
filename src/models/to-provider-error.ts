// From the provider interface package, not `ai`: the adapter never loads `ai` (about 7 MB of heap).
import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  TypeValidationError,
} from '@ai-sdk/provider';
import { ProviderError, type ProviderErrorKind } from './provider-error.ts';
import { readRateLimit, readRetryAfterMs } from './read-rate-limit.ts';
import { redactSecrets } from './redact-secrets.ts';

/**
 * Maps whatever the AI SDK threw to a `ProviderError`: 429 → rate_limit (with the provider's retry-after),
 * 408/504 and timeouts → timeout, a content-filter or refusal error → those kinds, an unparseable or
 * ill-shaped 2xx body → malformed_response, anything else (5xx, 4xx, network) → provider_error.
 * The message is the provider's own, with `secrets` and any key-shaped text removed, and never the request.
 */
export function toProviderError(
  cause: unknown,
  options: { provider: string; id: string; secrets: readonly string[] },
): ProviderError {
  if (cause instanceof ProviderError) return cause;
  const error = lastErrorOf(cause);
  const clean = (text: string) => redactSecrets(oneLine(text), options.secrets);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const kind = kindOfStatus(status, error);
    const retryAfterMs = readRetryAfterMs(error.responseHeaders ?? {});
    const rateLimit = readRateLimit(error.responseHeaders ?? {});
    const detail = kind === 'malformed_response' ? 'the response body could not be read' : error.message;
    return new ProviderError(
      kind,
      `${options.provider}${status === undefined ? '' : ` HTTP ${status}`}: ${clean(detail)}`,
      {
        provider: options.provider,
        ...(status === undefined ? {} : { status }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...(rateLimit === undefined ? {} : { rateLimit }),
        cause: error,
      },
    );
  }
  const kind = kindOfOther(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(kind, `${options.provider}: ${clean(detail)}`, {
    provider: options.provider,
    cause: error,
  });
}

/**
 * The last failure behind the AI SDK's `RetryError` (thrown by its retrying helpers, such as `generateText`), or the
 * error itself. Recognised by its name, as `RetryError.isInstance` does by a marker, so `ai` need not be loaded.
 */
function lastErrorOf(cause: unknown): unknown {
  if (cause instanceof Error && cause.name === 'AI_RetryError' && 'lastError' in cause)
    return cause.lastError;
  return cause;
}

function kindOfStatus(status: number | undefined, error: APICallError): ProviderErrorKind {
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 504) return 'timeout';
  if (status !== undefined && status >= 200 && status < 300) return 'malformed_response';
  const body = `${error.responseBody ?? ''} ${error.message}`.toLowerCase();
  if (/content[_ -]?filter|content_policy|safety/.test(body)) return 'content_filter';
  if (status === undefined && isTimeout(error.cause)) return 'timeout';
  // The request itself was refused (a wrong key, an unknown model, a bad request): sent again, it fails again.
  if (status !== undefined && status >= 400 && status < 500 && status !== 425) return 'request_rejected';
  return 'provider_error';
}

function kindOfOther(error: unknown): ProviderErrorKind {
  if (isTimeout(error)) return 'timeout';
  if (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error)
  ) {
    return 'malformed_response';
  }
  return 'provider_error';
}

function isTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e.name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return true;
    if (code === 'UND_ERR_BODY_TIMEOUT') return true;
  }
  return false;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
