import { createHash } from 'node:crypto';
import { SampleFailedError, toSampleFailedError } from '../harness/index.ts';
import type { Model, ModelRequest, ModelResponse, SampleError, Usage } from '../spec/index.ts';
import { sleep, untilAborted } from './abortable.ts';
import type { AdaptiveLimiter } from './adaptive-limiter.ts';
import { costOf, type Price } from './prices.ts';
import { isTransient, type RetryPolicy, retryDelayMs } from './retry-policy.ts';

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
  readonly onRetry?:
    | ((retry: { model: string; kind: SampleError['kind']; delayMs: number }) => void)
    | undefined;
  readonly random?: () => number;
}

/** What one sample's calls cost and met. */
export interface CallTally {
  requests: number;
  cacheHits: number;
  retries: number;
  costUsd: number;
  /** Responses this sample received, to cache when it is stored. */
  readonly cacheEntries: CacheEntry[];
}

/**
 * Wraps a model for one sample: each call takes a slot from the provider's limiter, runs under the per-attempt
 * timeout, is retried with backoff when its failure is transient, and is answered from the response cache when
 * the same request was answered before in the same epoch. Only the run's own abort escapes unclassified.
 */
export function createEngineModel(
  model: Model,
  settings: CallSettings,
  sample: { readonly epoch: number },
): { model: Model; tally: CallTally } {
  const tally: CallTally = { requests: 0, cacheHits: 0, retries: 0, costUsd: 0, cacheEntries: [] };
  const generate = async (request: ModelRequest): Promise<ModelResponse> => {
    const key = settings.cache === undefined ? undefined : cacheKey(model.id, request, sample.epoch);
    const cached = key === undefined ? undefined : settings.cache?.getCachedResponse(key);
    if (cached !== undefined) {
      tally.cacheHits++;
      return cached;
    }
    const response = await callWithRetries(model, withPromptCache(request, settings), settings, tally);
    // An ill-shaped response is the harness's to reject as malformed; it is neither priced nor cached.
    if (!hasUsage(response)) return response;
    if (settings.price !== undefined) tally.costUsd += costOf(settings.price, response.usage);
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
  const { limiter, retry, signal } = settings;
  for (let attempt = 1; ; attempt++) {
    const permit = await limiter.acquire(signal);
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`no answer within ${retry.timeoutMs} ms`, 'TimeoutError')),
      retry.timeoutMs,
    );
    const attemptSignal = signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
    tally.requests++;
    try {
      const response = await untilAborted(
        model.generate({ ...request, signal: attemptSignal }),
        attemptSignal,
      );
      clearTimeout(timer);
      limiter.release(permit, {
        type: 'success',
        rateLimit: response?.rateLimit,
        tokens: tokensOf(response?.usage),
      });
      return response;
    } catch (cause) {
      clearTimeout(timer);
      const failure = classify(cause, model.id, timeout.signal, retry.timeoutMs);
      const retryAfterMs = retryAfterOf(cause);
      limiter.release(
        permit,
        failure.kind === 'rate_limit' ? { type: 'rate_limit', retryAfterMs } : { type: 'other' },
      );
      if (signal?.aborted === true) throw signal.reason;
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
}

function classify(
  cause: unknown,
  modelId: string,
  timeout: AbortSignal,
  timeoutMs: number,
): SampleFailedError {
  if (timeout.aborted) {
    return new SampleFailedError('timeout', `model ${modelId} did not answer within ${timeoutMs} ms`, {
      cause,
    });
  }
  return toSampleFailedError(cause, modelId);
}

function retryAfterOf(cause: unknown): number | undefined {
  const value = (cause as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function withPromptCache(request: ModelRequest, settings: CallSettings): ModelRequest {
  return settings.promptCache ? { ...request, cacheablePrefix: true } : request;
}

/**
 * The request as the provider sees it, and the epoch: epochs stay independent samples. Plain JSON, not canonical:
 * the harness builds messages the same way every time, and a key-order change would only cost a cache miss.
 */
function cacheKey(modelId: string, request: ModelRequest, epoch: number): string {
  const { messages, tools, temperature, maxTokens, seed } = request;
  const text = JSON.stringify([modelId, epoch, temperature, maxTokens, seed, tools ?? null, messages]);
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

function tokensOf(usage: Usage | undefined): number {
  return typeof usage !== 'object' || usage === null
    ? 0
    : (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}
