import type { JudgeChoice } from '../graders/index.ts';
import type { Model } from '../spec/index.ts';
import { AdaptiveLimiter } from './adaptive-limiter.ts';
import {
  type CallSettings,
  type CallTally,
  createEngineModel,
  type ResponseCache,
} from './create-engine-model.ts';
import { priceOfModel } from './prices.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { StopReason } from './run-events.ts';

/** The engine's settings for every call of one run or regrade. */
export interface CallSettingsOptions {
  /** Requests in flight per provider, at most. */
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  /** Where responses are looked up and kept; never used for simulated models. Undefined: no response cache. */
  readonly cache: ResponseCache | undefined;
  readonly promptCache: boolean;
  /** Aborts calls in flight. */
  readonly signal?: AbortSignal | undefined;
  readonly onRetry?: CallSettings['onRetry'];
  readonly random?: (() => number) | undefined;
}

/**
 * Settings for each model's calls, made once per model. One adaptive limiter per provider, shared by its sampled
 * models and by judges of that provider: one rate limit.
 *
 * A judge's call is sent once by the engine: the judge asks again itself, up to 3 times (`askJudge`), and a 429's
 * retry-after pauses the provider's limiter, so the next ask waits for it. Engine retries on top would keep a
 * sample for minutes when a judge's provider is down. Its sample has begun, so it goes ahead of samples that have
 * not.
 * @example
 * const { settingsFor, judgeSettingsFor } = createCallSettings({ concurrency: 8, retry, cache: store, promptCache: true });
 */
export function createCallSettings(options: CallSettingsOptions): {
  settingsFor: (model: Model) => CallSettings;
  judgeSettingsFor: (model: Model) => CallSettings;
} {
  const limiters = new Map<string, AdaptiveLimiter>();
  const settingsOf = new Map<string, CallSettings>();
  const settingsFor = (model: Model): CallSettings => {
    const known = settingsOf.get(model.id);
    if (known !== undefined) return known;
    const provider = providerOf(model.id);
    let limiter = limiters.get(provider);
    if (limiter === undefined) {
      limiter = new AdaptiveLimiter({ maxConcurrency: options.concurrency });
      limiters.set(provider, limiter);
    }
    const settings: CallSettings = {
      limiter,
      retry: options.retry,
      cache: model.simulated ? undefined : options.cache,
      promptCache: options.promptCache,
      price: priceOfModel(model),
      signal: options.signal,
      onRetry: options.onRetry,
      ...(options.random === undefined ? {} : { random: options.random }),
    };
    settingsOf.set(model.id, settings);
    return settings;
  };
  const judgeSettingsOf = new Map<string, CallSettings>();
  const judgeSettingsFor = (model: Model): CallSettings => {
    const known = judgeSettingsOf.get(model.id);
    if (known !== undefined) return known;
    const settings = { ...settingsFor(model), retry: { ...options.retry, maxAttempts: 1 }, urgent: true };
    judgeSettingsOf.set(model.id, settings);
    return settings;
  };
  return { settingsFor, judgeSettingsFor };
}

/**
 * The judges with their calls going through the engine (`judgeSettingsFor`), counted in `tally`. A judge that is
 * not run (no key) stays as it is.
 */
export function judgesThroughEngine(
  judges: readonly JudgeChoice[],
  judgeSettingsFor: (model: Model) => CallSettings,
  sample: { readonly epoch: number },
  tally: CallTally,
): JudgeChoice[] {
  return judges.map((judge) =>
    judge.model === undefined
      ? judge
      : {
          ...judge,
          model: createEngineModel(judge.model, judgeSettingsFor(judge.model), sample, tally).model,
        },
  );
}

/** `anthropic/claude-…` → `anthropic`: samples of one provider share its rate limit. */
export function providerOf(modelId: string): string {
  return modelId.split('/')[0] ?? modelId;
}

/**
 * What a run has spent, and what its samples in flight are spending, for a budget: each sample's live cost is
 * tracked until it is over, then counted as spent in the same step, so the budget never sees a sample in neither.
 */
export class Spend {
  #spent = 0;
  #finished = 0;
  readonly #live = new Set<() => number>();
  readonly #prior: number;
  readonly #worstPrior: number;
  #onFinish: (() => void)[] = [];

  /**
   * @param prior What a sample is expected to cost (the `--dry-run` estimate), the average until one has finished:
   *   without it, every sample started before the first one finished counted as free, so a run at concurrency 50
   *   could start 100 samples on a budget for two. From the first finished sample on, what samples really cost
   *   decides, so an estimate that is off does not bias the rest of the run.
   */
  constructor(prior = 0, worstPrior = prior) {
    this.#prior = prior;
    this.#worstPrior = worstPrior;
  }

  /** USD spent by samples that are over. */
  get spent(): number {
    return this.#spent;
  }

  /** Starts tracking a sample's live cost; the returned function, called once when it is over, counts it spent. */
  track(cost: () => number): () => void {
    this.#live.add(cost);
    return () => {
      this.#live.delete(cost);
      this.#spent += cost();
      this.#finished++;
      const waiting = this.#onFinish;
      this.#onFinish = [];
      for (const resolve of waiting) resolve();
    };
  }

  /**
   * Before any sample has finished, with samples in flight that would reach `budget` at the worst-case prior
   * (`worstPrior`: every turn at `max_tokens`): a promise of the next sample's end, so no more start until one
   * says what samples really cost. A first wave of reasoning models, whose hidden reasoning can take several
   * times the typical answer, then cannot spend several budgets. Otherwise undefined.
   */
  untilKnown(budget: number): Promise<void> | undefined {
    if (this.#finished > 0 || this.#live.size === 0) return undefined;
    if (this.#projectedAt(this.#worstPrior) < budget) return undefined;
    return new Promise((resolve) => this.#onFinish.push(resolve));
  }

  /** Spent so far, plus what samples in flight have spent, plus one average sample for each of them still to end. */
  projected(): number {
    return this.#projectedAt(this.#prior);
  }

  #projectedAt(prior: number): number {
    let inFlight = 0;
    for (const cost of this.#live) inFlight += cost();
    const average = this.#finished === 0 ? prior : this.#spent / this.#finished;
    return this.#spent + inFlight + average * this.#live.size;
  }
}

/** What may stop a run or a regrade from starting more samples. */
export interface StopSignals {
  /** The first Ctrl-C: stop starting samples. */
  readonly signal?: AbortSignal | undefined;
  /** The second Ctrl-C: calls in flight are aborted too. */
  readonly abortSignal?: AbortSignal | undefined;
  /** Stop once spent, plus samples in flight at an average sample's cost, reaches this many USD. */
  readonly maxCostUsd?: number | undefined;
}

/**
 * Whether to start another sample: not after either Ctrl-C, nor once the budget is reached. The first reason found
 * is kept, so a run stopped at its budget still says so after a Ctrl-C.
 */
export function createStopCheck(
  signals: StopSignals,
  spend: Spend,
): {
  shouldStop: () => boolean;
  reason: () => StopReason | undefined;
  /** For `forEachInPool`, which asks it only after `shouldStop` said go on: `Spend.untilKnown` at the budget. */
  hold: () => Promise<void> | undefined;
} {
  let reason: StopReason | undefined;
  const shouldStop = (): boolean => {
    if (signals.abortSignal?.aborted === true) reason ??= 'abort';
    else if (signals.signal?.aborted === true) reason ??= 'signal';
    else if (signals.maxCostUsd !== undefined && spend.projected() >= signals.maxCostUsd) reason ??= 'budget';
    return reason !== undefined;
  };
  const hold = () => (signals.maxCostUsd === undefined ? undefined : spend.untilKnown(signals.maxCostUsd));
  return { shouldStop, reason: () => reason, hold };
}
