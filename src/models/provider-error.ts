import type { RateLimitInfo } from '../spec/model.ts';
import type { SampleError } from '../spec/trajectory.ts';

/** Why a provider call failed, in the terms a sample records (`rate_limit`, `timeout`, …). */
export type ProviderErrorKind = SampleError['kind'];

/**
 * A real provider's call failed: rate limited, timed out, filtered, refused, malformed, or a server or network
 * failure. The engine retries or records it by `kind`. The message never holds a key or a request body.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** How long the provider asked us to wait (`retry-after-ms` or `retry-after`), when it did. */
  readonly retryAfterMs: number | undefined;
  /** The provider, e.g. `anthropic`. */
  readonly provider: string;
  /** The remaining quota the error response's headers gave (a 429's `x-ratelimit-*`), when they did. */
  readonly rateLimit: RateLimitInfo | undefined;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: {
      provider: string;
      status?: number;
      retryAfterMs?: number;
      rateLimit?: RateLimitInfo;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.provider = options.provider;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.rateLimit = options.rateLimit;
  }
}
