import { ConfigError, MAX_TIMER_MS, type SampleError } from '../spec/index.ts';

/** How the engine retries one model call. */
export interface RetryPolicy {
  /** Attempts per call, the first included; 1 means no retry. */
  readonly maxAttempts: number;
  /** The backoff ceiling of the first retry; it doubles each retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Per-attempt timeout; an attempt that runs longer is aborted and counts as a `timeout`. */
  readonly timeoutMs: number;
  /**
   * Hedge an attempt presumed lost: once it runs past `hedgeDelayMs`, its slot goes back to the limiter and a
   * second attempt starts beside it; the first answer wins and the others are aborted. A hedge presumed lost in
   * turn is hedged once more: at most `MAX_HEDGES_PER_ATTEMPT` (2).
   */
  readonly hedge: boolean;
  /** An attempt is presumed lost after this many times the p95 latency of the model's recent successful attempts… */
  readonly hedgeFactor: number;
  /** …but never sooner than this. */
  readonly hedgeMinMs: number;
  /** At most this fraction of attempts are hedged (after a burst of 10), so a provider slowing down as a whole is not sent twice the load. */
  readonly hedgeBudget: number;
}

/**
 * Defaults: 8 attempts, 0.5 s doubling to 30 s, 10 minutes per attempt (long prompts, slow reasoning models).
 * Hedging after 3 × p95 and at least 5 s, for at most 10% of attempts: a hedge may bill a request twice, so it is
 * kept for attempts far outside the model's own latencies (docs/decisions/0009-hedged-requests.md).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 600_000,
  hedge: true,
  hedgeFactor: 3,
  hedgeMinMs: 5000,
  hedgeBudget: 0.1,
};

/**
 * The default policy with `overrides`, refused when a wait it sets is not a number of milliseconds a timer can
 * hold (0 to `MAX_TIMER_MS`): past it Node's setTimeout fires at once, so every attempt would time out at once.
 * @example retryPolicyOf({ timeoutMs: 30_000 }).maxAttempts // 8
 */
export function retryPolicyOf(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const field of ['timeoutMs', 'baseDelayMs', 'maxDelayMs', 'hedgeMinMs'] as const) {
    const ms = policy[field];
    if (!(ms >= 0 && ms <= MAX_TIMER_MS))
      throw new ConfigError('invalid-input', `retry.${field} must be within 0–${MAX_TIMER_MS} ms, got ${ms}`);
  }
  return policy;
}

/** Successful attempts to see before any hedge: a p95 of fewer is mostly noise. */
export const MIN_HEDGE_OBSERVATIONS = 20;

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
 * Failures a rerun retries by default: the transient ones, and requests the provider rejected (HTTP 4xx: a wrong
 * key or model name, fixed since; if not, each fails again at once, with no retries within the run).
 */
export const RESUMED_ERROR_KINDS: readonly SampleError['kind'][] = [
  ...TRANSIENT_ERROR_KINDS,
  'request_rejected',
];

/** Whether a rerun retries a sample that failed this way (without `--retry-errors`). */
export function isRetriedOnResume(kind: SampleError['kind']): boolean {
  return RESUMED_ERROR_KINDS.includes(kind);
}

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a uniform draw in
 * [0, min(maxDelayMs, baseDelayMs · 2^(retry−1))], so clients that failed together do not retry together.
 * A provider's `retry-after` is a floor: never retry sooner than it asked (capped at `MAX_TIMER_MS`).
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
  // A retry-after beyond what a timer can hold (weeks) waits as long as one can, rather than not at all.
  return Math.min(MAX_TIMER_MS, Math.max(floor, jittered));
}

/**
 * How long an attempt may run before it is presumed lost and hedged: `max(hedgeMinMs, hedgeFactor × p95)` of the
 * recent successful attempts. Undefined (no hedge) when hedging is off, fewer than `MIN_HEDGE_OBSERVATIONS` were
 * seen, or the timeout would end the attempt first.
 * @example hedgeDelayMs({ policy: { ...DEFAULT_RETRY_POLICY, hedgeMinMs: 0 }, latencies }) // 3 × p95
 */
export function hedgeDelayMs(options: {
  policy: RetryPolicy;
  latencies: { readonly count: number; quantile(q: number): number | undefined };
}): number | undefined {
  const { policy, latencies } = options;
  if (!policy.hedge || latencies.count < MIN_HEDGE_OBSERVATIONS) return undefined;
  const delayMs = Math.max(policy.hedgeMinMs, policy.hedgeFactor * (latencies.quantile(0.95) ?? 0));
  return delayMs < policy.timeoutMs ? delayMs : undefined;
}
