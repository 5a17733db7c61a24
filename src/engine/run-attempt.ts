import { SampleFailedError, toSampleFailedError } from '../harness/index.ts';
import type { Model, ModelRequest, ModelResponse, RateLimitInfo, Usage } from '../spec/index.ts';
import { untilAborted } from './abortable.ts';
import type { LimiterOutcome, Permit } from './adaptive-limiter.ts';
import type { CallSettings, CallTally } from './create-engine-model.ts';
import { hedgeStateOf } from './hedge-state.ts';
import type { LatencyWindow } from './latency-window.ts';
import { hedgeDelayMs, isTransient, MIN_HEDGE_OBSERVATIONS, type RetryPolicy } from './retry-policy.ts';

/** How one attempt ended: its answer, or the failure that decides whether to retry it. */
export type AttemptResult =
  | { readonly success: true; readonly response: ModelResponse }
  | {
      readonly success: false;
      readonly failure: SampleFailedError;
      readonly retryAfterMs: number | undefined;
    };

/** One request in flight: `release` gives its permit back at most once; `cancel` also aborts it. */
interface Flight {
  readonly settled: Promise<AttemptResult>;
  /** A hedge's: settles once it has its slot and flies, or will never fly. */
  readonly flying?: Promise<unknown>;
  release(outcome: LimiterOutcome): void;
  cancel(): void;
}

interface AttemptOptions {
  /**
   * Work already begun (a retry of a failed attempt, a judge's call on a sample the agent has answered): it waits
   * for a slot ahead of first attempts, as a hedge does.
   */
  readonly urgent?: boolean;
  readonly model: Model;
  readonly request: ModelRequest;
  readonly settings: CallSettings;
  readonly tally: CallTally;
}

/** How often a first-wave attempt looks again when the floor is 0 (as in the benchmark). */
const MIN_RECHECK_MS = 50;

/**
 * Hedges one attempt may send, each once the requests before it all run past the hedging delay: a hedge that hangs
 * too is hedged once more, so two hung requests in a row cost a hedging delay more, not the whole timeout.
 */
export const MAX_HEDGES_PER_ATTEMPT = 2;

const lostRace = () => new DOMException('another attempt answered first', 'AbortError');

/**
 * One attempt of a call: a request under the limiter and the per-attempt timeout. When it runs past the hedging
 * delay it is presumed lost: its permit goes back and a hedge starts on a new one; the first success wins and the
 * others are aborted. A hedge presumed lost in turn is hedged again, up to `MAX_HEDGES_PER_ATTEMPT`. All failing is
 * one failed attempt. Throws only when the run's signal aborts a permit wait.
 */
export async function runAttempt(options: AttemptOptions): Promise<AttemptResult> {
  const { model, settings, tally } = options;
  const { limiter, retry, signal } = settings;
  const hedging = hedgeStateOf(limiter, model.id);
  const permit = await limiter.acquire(signal, { urgent: options.urgent === true });
  const primary = startFlight(permit, options, hedging.latencies);
  if (!retry.hedge) return primary.settled;
  hedging.attemptStarted(retry.hedgeBudget);
  // A request that failed ends the hedging: the others may still answer, and if none does, the retry policy
  // (its backoff, and no retry for a refusal) decides what follows, not another hedge.
  let failed = false;
  const watch = (flight: Flight) => {
    void flight.settled.then((result) => {
      if (!result.success) failed = true;
    });
    return flight;
  };
  let race = watch(primary);
  let flying: Promise<unknown> = Promise.resolve();
  for (let hedges = 0; hedges < MAX_HEDGES_PER_ATTEMPT; hedges++) {
    // A hedge waiting for its slot is not late yet: its delay counts from when it flies.
    await Promise.race([flying, race.settled]);
    const early = await untilPresumedLost(race.settled, retry, hedging.latencies);
    if (early !== undefined || failed || !hedging.takeHedge()) return early ?? race.settled;
    // Presumed lost: the requests so far stop holding slots, and stay in the race in case they answer after all.
    // The hedge queues first, so the slot given back goes to it, not to a sample that has not begun.
    tally.hedges++;
    settings.onRetry?.({ model: model.id, kind: 'timeout', delayMs: 0, hedge: true });
    const hedge = watch(startHedge(options, hedging.latencies));
    race.release({ type: 'other' });
    race = raceOf([race, hedge]);
    flying = hedge.flying ?? flying;
  }
  return race.settled;
}

/** Flights as one: the first success wins and cancels the others; releasing or cancelling it does so to each. */
function raceOf(flights: readonly Flight[]): Flight {
  return {
    settled: firstSuccess(flights),
    release: (outcome) => {
      for (const flight of flights) flight.release(outcome);
    },
    cancel: () => {
      for (const flight of flights) flight.cancel();
    },
  };
}

/**
 * The attempt's result, or undefined once it runs past the hedging delay. An attempt that started before enough
 * successes were seen (a run's first wave) looks again every `hedgeMinMs`, so it is not left to the timeout.
 */
async function untilPresumedLost(
  settled: Promise<AttemptResult>,
  policy: RetryPolicy,
  latencies: LatencyWindow,
): Promise<AttemptResult | undefined> {
  const startedAt = Date.now();
  for (;;) {
    const delayMs = hedgeDelayMs({ policy, latencies });
    if (delayMs === undefined && latencies.count >= MIN_HEDGE_OBSERVATIONS) return settled;
    const waitMs =
      delayMs === undefined
        ? Math.max(policy.hedgeMinMs, MIN_RECHECK_MS)
        : Math.max(0, delayMs - (Date.now() - startedAt));
    const result = await settledWithin(settled, waitMs);
    if (result !== undefined || delayMs !== undefined) return result;
  }
}

function startFlight(permit: Permit, options: AttemptOptions, latencies: LatencyWindow): Flight {
  const { model, request, settings, tally } = options;
  const { limiter, retry, signal } = settings;
  let held: Permit | undefined = permit;
  const release = (outcome: LimiterOutcome) => {
    if (held === undefined) return;
    const granted = held;
    held = undefined;
    limiter.release(granted, outcome);
  };
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort(new DOMException(`no answer within ${retry.timeoutMs} ms`, 'TimeoutError'));
  }, retry.timeoutMs);
  const attemptSignal = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
  tally.requests++;
  const startedAt = Date.now();
  // A provider that throws synchronously fails this attempt like one that rejects.
  const work = new Promise<ModelResponse>((resolve) =>
    resolve(model.generate({ ...request, signal: attemptSignal })),
  );
  const settled = untilAborted(work, attemptSignal).then(
    (response): AttemptResult => {
      clearTimeout(timer);
      latencies.record(Date.now() - startedAt);
      release({ type: 'success', rateLimit: response?.rateLimit, tokens: tokensOf(response?.usage) });
      return { success: true, response };
    },
    (cause: unknown): AttemptResult => {
      clearTimeout(timer);
      const failure = classify(cause, model.id, timedOut, retry.timeoutMs);
      const retryAfterMs = retryAfterOf(cause);
      release(
        failure.kind === 'rate_limit'
          ? { type: 'rate_limit', retryAfterMs, rateLimit: rateLimitOf(cause) }
          : { type: 'other' },
      );
      return { success: false, failure, retryAfterMs };
    },
  );
  const cancel = () => {
    release({ type: 'other' });
    clearTimeout(timer);
    stop.abort(lostRace());
  };
  return { settled, release, cancel };
}

/** The hedge: waits for its own permit, ahead of first attempts, then flies; cancelling it before then takes no slot. */
function startHedge(options: AttemptOptions, latencies: LatencyWindow): Flight {
  const { limiter, signal } = options.settings;
  const waiting = new AbortController();
  let flight: Flight | undefined;
  let cancelled = false;
  const { promise: flying, resolve: flown } = Promise.withResolvers<void>();
  const settled = limiter
    .acquire(signal === undefined ? waiting.signal : AbortSignal.any([signal, waiting.signal]), {
      urgent: true,
    })
    .then(
      (permit): Promise<AttemptResult> | AttemptResult => {
        // Granted in the same tick as the cancel: give the slot straight back.
        if (cancelled) limiter.release(permit, { type: 'other' });
        else flight = startFlight(permit, options, latencies);
        flown();
        return flight?.settled ?? failed(lostRace(), options.model.id);
      },
      (cause: unknown) => {
        flown();
        return failed(cause, options.model.id);
      },
    );
  const cancel = () => {
    cancelled = true;
    waiting.abort(lostRace());
    flight?.cancel();
  };
  return { settled, flying, release: (outcome) => flight?.release(outcome), cancel };
}

/** The first success, the others cancelled; or, when all fail, the failure that decides the retry. */
function firstSuccess(flights: readonly Flight[]): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const failures: Extract<AttemptResult, { success: false }>[] = [];
    let decided = false;
    for (const flight of flights) {
      void flight.settled.then((result) => {
        if (decided) return;
        if (result.success) {
          decided = true;
          for (const other of flights) if (other !== flight) other.cancel();
          resolve(result);
          return;
        }
        failures.push(result);
        if (failures.length < flights.length) return;
        decided = true;
        resolve(decidingFailure(failures));
      });
    }
  });
}

// A failure no retry cures (a refusal) decides; otherwise the last one. Any retry-after is honoured.
function decidingFailure(failures: readonly Extract<AttemptResult, { success: false }>[]): AttemptResult {
  const deciding = failures.find((f) => !isTransient(f.failure.kind)) ?? failures.at(-1)!;
  const waits = failures.flatMap((f) => (f.retryAfterMs === undefined ? [] : [f.retryAfterMs]));
  return { ...deciding, retryAfterMs: waits.length === 0 ? undefined : Math.max(...waits) };
}

/** `work`'s result if it settles within `ms`, else undefined; `work` never rejects. */
function settledWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void work.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

function failed(cause: unknown, modelId: string): AttemptResult {
  return { success: false, failure: toSampleFailedError(cause, modelId), retryAfterMs: undefined };
}

function classify(cause: unknown, modelId: string, timedOut: boolean, timeoutMs: number): SampleFailedError {
  if (timedOut) {
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

/** The quota headers of a rate-limited answer (`ProviderError.rateLimit`), when it had them. */
function rateLimitOf(cause: unknown): RateLimitInfo | undefined {
  const value = (cause as { rateLimit?: unknown } | null)?.rateLimit;
  return typeof value === 'object' && value !== null ? (value as RateLimitInfo) : undefined;
}

function tokensOf(usage: Usage | undefined): number {
  return typeof usage !== 'object' || usage === null
    ? 0
    : (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}
