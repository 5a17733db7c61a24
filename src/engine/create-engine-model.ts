import { createHash } from 'node:crypto';
import type { Model, ModelRequest, ModelResponse, SampleError } from '../spec/index.ts';
import { sleep } from './abortable.ts';
import type { AdaptiveLimiter } from './adaptive-limiter.ts';
import { costOf, type Price } from './prices.ts';
import { isTransient, type RetryPolicy, retryDelayMs } from './retry-policy.ts';
import { runAttempt } from './run-attempt.ts';

/** A response to keep, under the key of its request and epoch. */
export interface CacheEntry {
  readonly key: string;
  readonly model: string;
  readonly response: ModelResponse;
}

/**
 * Where responses are looked up so that the same request in the same epoch is never paid for twice. New ones are
 * collected in the sample's tally and stored with the sample, in its transaction.
 */
export interface ResponseCache {
  getCachedResponse(key: string): ModelResponse | undefined;
}

/** What the engine gives every call of a run. */
export interface CallSettings {
  readonly limiter: AdaptiveLimiter;
  readonly retry: RetryPolicy;
  /** Undefined: no response cache. */
  readonly cache: ResponseCache | undefined;
  /** Ask providers that support it to cache the shared system prompt. */
  readonly promptCache: boolean;
  /** Undefined when the model's price is unknown: its cost counts as 0 and the run says so. */
  readonly price: Price | undefined;
  /** Aborts calls in flight (a second Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
  /** A retry after a failure and its backoff, or a hedge (`hedge: true`, kind `timeout`, no delay). */
  readonly onRetry?:
    | ((retry: { model: string; kind: SampleError['kind']; delayMs: number; hedge?: true }) => void)
    | undefined;
  readonly random?: () => number;
  /** Every call waits for a slot ahead of first attempts (a judge's calls: their sample has begun). */
  readonly urgent?: boolean;
}

/** What one sample's calls cost and met. */
export interface CallTally {
  requests: number;
  cacheHits: number;
  retries: number;
  /** Attempts presumed lost that got a second request beside them (counted in `requests` too). */
  hedges: number;
  costUsd: number;
  /** Answers from models with no known price: `costUsd` misses them. */
  unpriced: number;
  /** Responses this sample received, to cache when it is stored. */
  readonly cacheEntries: CacheEntry[];
}

/** A tally of no calls yet. */
export function emptyTally(): CallTally {
  return { requests: 0, cacheHits: 0, retries: 0, hedges: 0, costUsd: 0, unpriced: 0, cacheEntries: [] };
}

/** The tally's cost to store with its sample, or undefined when a call had no price and the sum would lie. */
export function storedCost(tally: CallTally): number | undefined {
  return tally.unpriced === 0 ? tally.costUsd : undefined;
}

/**
 * Wraps a model for one sample: each call takes a slot from the provider's limiter, runs under the per-attempt
 * timeout, is hedged when it runs far past the model's recent latencies (`runAttempt`), is retried with backoff
 * when its failure is transient, and is answered from the response cache when the same request was answered
 * before in the same epoch. Only the run's own abort escapes unclassified.
 */
export function createEngineModel(
  model: Model,
  settings: CallSettings,
  sample: { readonly epoch: number },
  /** Another model's tally to count into (a sample's judges count into its agent's); a fresh one if absent. */
  shared?: CallTally,
): { model: Model; tally: CallTally } {
  const tally = shared ?? emptyTally();
  const generate = async (request: ModelRequest): Promise<ModelResponse> => {
    const key = settings.cache === undefined ? undefined : cacheKey(model, request, sample.epoch);
    const cached = key === undefined ? undefined : settings.cache?.getCachedResponse(key);
    if (cached !== undefined) {
      tally.cacheHits++;
      return cached;
    }
    const response = await callWithRetries(model, withPromptCache(request, settings), settings, tally);
    // An ill-shaped response is the harness's to reject as malformed; it is neither priced nor cached.
    if (!hasUsage(response)) return response;
    if (settings.price === undefined) tally.unpriced++;
    else tally.costUsd += costOf(settings.price, response.usage);
    if (key !== undefined && cacheable(response)) {
      tally.cacheEntries.push({ key, model: model.id, response: withoutRateLimit(response) });
    }
    return response;
  };
  return { model: { id: model.id, simulated: model.simulated, generate }, tally };
}

async function callWithRetries(
  model: Model,
  request: ModelRequest,
  settings: CallSettings,
  tally: CallTally,
): Promise<ModelResponse> {
  const { retry, signal } = settings;
  for (let attempt = 1; ; attempt++) {
    const urgent = attempt > 1 || settings.urgent === true;
    const result = await runAttempt({ model, request, settings, tally, urgent });
    if (result.success) return result.response;
    if (signal?.aborted === true) throw signal.reason;
    const { failure, retryAfterMs } = result;
    if (!isTransient(failure.kind) || attempt >= retry.maxAttempts) throw failure;
    const delayMs = retryDelayMs({
      retry: attempt,
      policy: retry,
      retryAfterMs,
      ...(settings.random === undefined ? {} : { random: settings.random }),
    });
    tally.retries++;
    settings.onRetry?.({ model: model.id, kind: failure.kind, delayMs });
    await sleep(delayMs, signal);
  }
}

function withPromptCache(request: ModelRequest, settings: CallSettings): ModelRequest {
  return settings.promptCache ? { ...request, cacheablePrefix: true } : request;
}

/**
 * The request as the provider sees it, and the epoch: epochs stay independent samples. With the model's settings
 * (its reasoning setting, an endpoint's model) and where the request goes when not the provider's default, each
 * added only when set, so the keys of models without them are unchanged. Plain JSON, not canonical: the harness
 * builds messages the same way every time, and a key-order change would only cost a cache miss.
 */
function cacheKey(model: Model, request: ModelRequest, epoch: number): string {
  const { messages, tools, temperature, maxTokens, seed } = request;
  const where = [
    ...(model.settings === undefined ? [] : [{ settings: model.settings }]),
    ...(model.endpoint === undefined ? [] : [{ endpoint: model.endpoint }]),
  ];
  const text = JSON.stringify([
    model.id,
    epoch,
    temperature,
    maxTokens,
    seed,
    tools ?? null,
    messages,
    ...where,
  ]);
  return createHash('sha256').update(text).digest('hex');
}

function cacheable(response: ModelResponse): boolean {
  return response.finishReason !== 'error' && response.finishReason !== 'content_filter';
}

function withoutRateLimit(response: ModelResponse): ModelResponse {
  const { rateLimit: _rateLimit, ...rest } = response;
  return rest;
}

function hasUsage(response: ModelResponse): boolean {
  return (
    typeof response === 'object' &&
    response !== null &&
    typeof response.usage === 'object' &&
    response.usage !== null
  );
}
