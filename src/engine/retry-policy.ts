import type { SampleError } from '../spec/index.ts';

/** How the engine retries one model call. */
export interface RetryPolicy {
  /** Attempts per call, the first included; 1 means no retry. */
  readonly maxAttempts: number;
  /** The backoff ceiling of the first retry; it doubles each retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Per-attempt timeout; an attempt that runs longer is aborted and counts as a `timeout`. */
  readonly timeoutMs: number;
}

/** Defaults: 8 attempts, 0.5 s doubling to 30 s, 10 minutes per attempt (long prompts, slow reasoning models). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 600_000,
};

/** Failures that may pass on their own: retried within a run, and by default on the next run. */
export const TRANSIENT_ERROR_KINDS: readonly SampleError['kind'][] = [
  'rate_limit',
  'timeout',
  'provider_error',
];

/** Whether a failure of this kind is worth another attempt. */
export function isTransient(kind: SampleError['kind']): boolean {
  return TRANSIENT_ERROR_KINDS.includes(kind);
}

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a uniform draw in
 * [0, min(maxDelayMs, baseDelayMs · 2^(retry−1))], so clients that failed together do not retry together.
 * A provider's `retry-after` is a floor: never retry sooner than it asked.
 * @example retryDelayMs({ retry: 3, policy: DEFAULT_RETRY_POLICY, random: () => 0.5 }) // 1000
 */
export function retryDelayMs(options: {
  retry: number;
  policy: RetryPolicy;
  retryAfterMs?: number | undefined;
  random?: () => number;
}): number {
  const { retry, policy } = options;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = (options.random ?? Math.random)() * ceiling;
  const floor = options.retryAfterMs ?? 0;
  return Math.max(floor, jittered);
}
