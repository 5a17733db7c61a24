import { type JudgeChoice, judgeModelsOf } from '../graders/index.ts';
import type { Experiment, Model } from '../spec/index.ts';
import type { Store } from '../store/index.ts';
import { assertModesSupported } from './assert-modes-supported.ts';
import { createCallSettings, createStopCheck, providerOf, Spend } from './call-settings.ts';
import { estimateRunWithJudges, knownCost, knownWorstCost } from './estimate-run.ts';
import { forEachInPool } from './for-each-in-pool.ts';
import { GroupCommit, type GroupCommitOptions } from './group-commit.ts';
import { pendingOf } from './pending-samples.ts';
import { type PlannedSample, planRun, type RunPlan } from './plan-run.ts';
import { type RetryPolicy, retryPolicyOf } from './retry-policy.ts';
import type { RunEvent, StopReason } from './run-events.ts';
import { runSample, type SampleOutcome } from './run-sample.ts';
import { runVersions } from './run-versions.ts';

export interface RunExperimentOptions {
  readonly experiment: Experiment;
  /** Resolved models, in the order of the experiment. */
  readonly models: readonly Model[];
  readonly store: Store;
  readonly onEvent?: (event: RunEvent) => void;
  /** Stops scheduling new samples; samples in flight finish and are stored (the first Ctrl-C). */
  readonly signal?: AbortSignal;
  /**
   * Judges to grade each sample with (see `resolveJudges`); none by default: detectors and the reasoning pre-check
   * only. Their calls go through the engine like the agent's: their provider's limiter (shared with sampled models
   * of that provider), timeout, and price, counted in the sample's cost and the budget; each is sent once, the
   * judge asking again itself.
   */
  readonly judges?: readonly JudgeChoice[];
  /** Aborts calls in flight too; their samples are not stored and run again on resume (the second Ctrl-C). */
  readonly abortSignal?: AbortSignal;
  /** Retries of one call; defaults to `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Which earlier failures a resumed run retries: the transient kinds (default) or all of them. */
  readonly retryErrors?: 'transient' | 'all';
  /** Keep responses in the store and reuse them for the same request and epoch (default true; sim agents never). */
  readonly responseCache?: boolean;
  /** Ask providers to cache the shared system prompt (default true). */
  readonly promptCache?: boolean;
  /** Stop scheduling once this many USD are spent or committed by samples in flight. */
  readonly maxCostUsd?: number;
  /** Random source for backoff jitter; tests pass a fixed one. */
  readonly random?: () => number;
  /** How finished samples share commits; `DEFAULT_GROUP_COMMIT` unless given. */
  readonly groupCommit?: GroupCommitOptions;
}

export interface RunResult {
  readonly runId: string;
  readonly total: number;
  /** Samples run now (completed or failed); the rest were already done. */
  readonly attempted: number;
  readonly completed: number;
  readonly errors: number;
  readonly stopped: boolean;
  readonly stopReason?: StopReason;
  readonly costUsd: number;
}

/**
 * Runs an experiment into the store, resuming where an earlier run of the same experiment stopped:
 * completed samples are kept, missing ones run, and failed ones retried (transient failures by default).
 * Each sample commits atomically; samples finishing together share a commit (see `GroupCommit`).
 * @example
 * const store = openStore('.haywire/haywire.db');
 * const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 2 } });
 * const result = await runExperiment({ experiment, models: [resolveModel('sim/insider')], store });
 */
export async function runExperiment(options: RunExperimentOptions): Promise<RunResult> {
  const plan = planRun(options.experiment, options.models);
  return executePlan(plan, options);
}

/**
 * Runs an already computed plan; used by the CLI, which plans first so bad input never touches the store.
 * Each provider gets its own adaptive limiter and up to `concurrency` samples in flight.
 */
export async function executePlan(plan: RunPlan, options: RunExperimentOptions): Promise<RunResult> {
  const { store, experiment } = options;
  assertModesSupported(experiment.mode, options.models);
  const retry = retryPolicyOf(options.retry);
  store.createRun({
    id: plan.runId,
    name: experiment.name,
    spec: {
      ...experiment,
      models: plan.models,
      // A reasoning setting or an endpoint's model, as JSON objects: what the model id alone does not say.
      ...(Object.keys(plan.modelSettings).length === 0
        ? {}
        : {
            model_settings: Object.fromEntries(
              Object.entries(plan.modelSettings).map(([id, s]) => [id, JSON.parse(s) as unknown]),
            ),
          }),
    },
    versions: runVersions(),
  });
  store.addSamples(plan.runId, plan.samples);
  const pending = pendingOf(plan, store, options.retryErrors);
  const pendingByModel = Object.fromEntries(plan.models.map((m) => [m, 0]));
  for (const s of pending) pendingByModel[s.model] = (pendingByModel[s.model] ?? 0) + 1;
  const emit = options.onEvent;
  emit?.({
    type: 'run-start',
    runId: plan.runId,
    total: plan.samples.length,
    pending: pending.length,
    pendingByModel,
  });

  const models = new Map(options.models.map((m) => [m.id, m]));
  const queues = new Map<string, PlannedSample[]>();
  for (const sample of pending) {
    const provider = providerOf(sample.model);
    const queue = queues.get(provider);
    if (queue === undefined) queues.set(provider, [sample]);
    else queue.push(sample);
  }
  // Samples in flight: when every one of them waits for the commit, it need not wait out its window.
  let active = 0;
  const commits = new GroupCommit(store, options.groupCommit, () => active);
  const counts = { completed: 0, errors: 0, finished: 0 };
  const prior =
    options.maxCostUsd === undefined
      ? undefined
      : expectedSampleCost(plan, pending, options.models, options.judges);
  const spend = new Spend(prior?.likely, prior?.worst);
  const { shouldStop, reason: stopReason, hold } = createStopCheck(options, spend);
  const { settingsFor, judgeSettingsFor } = createCallSettings({
    concurrency: experiment.concurrency,
    retry,
    cache: options.responseCache === false ? undefined : store,
    promptCache: options.promptCache !== false,
    signal: options.abortSignal,
    onRetry: emit === undefined ? undefined : (r) => emit({ type: 'request-retry', ...r }),
    random: options.random,
  });
  const runOne = async (sample: PlannedSample) => {
    active++;
    let outcome: SampleOutcome;
    try {
      ({ outcome } = await runSample({
        sample,
        plan,
        model: models.get(sample.model)!,
        experiment,
        store,
        commits,
        settings: settingsFor(models.get(sample.model)!),
        judges: options.judges ?? [],
        judgeSettings: judgeSettingsFor,
        onEvent: emit,
        onCost: (cost) => spend.track(cost),
      }));
    } finally {
      active--;
    }
    if (outcome === 'aborted') return;
    counts.finished++;
    if (outcome === 'completed') counts.completed++;
    else counts.errors++;
  };
  // Per provider, twice as many samples as request slots: a sample waiting out a backoff must not idle a slot.
  await Promise.all(
    [...queues.values()].map((queue) =>
      forEachInPool(queue, 2 * experiment.concurrency, runOne, shouldStop, hold),
    ),
  );

  const stopped = counts.finished < pending.length;
  const end = { completed: counts.completed, errors: counts.errors, stopped, costUsd: spend.spent };
  const reason = stopped ? { stopReason: stopReason() ?? 'signal' } : {};
  emit?.({ type: 'run-end', runId: plan.runId, ...end, ...reason });
  return {
    runId: plan.runId,
    total: plan.samples.length,
    attempted: counts.completed + counts.errors,
    ...end,
    ...reason,
  };
}

/**
 * What a sample still to do is expected to cost, agent and judges, from the `--dry-run` estimate at configured
 * prices, and what it may cost at worst (every turn at `max_tokens`): the budget's guesses before any sample has
 * finished (`Spend`). 0 when nothing is priced.
 */
function expectedSampleCost(
  plan: RunPlan,
  pending: readonly PlannedSample[],
  models: readonly Model[],
  judges: readonly JudgeChoice[] = [],
): { likely: number; worst: number } {
  if (pending.length === 0) return { likely: 0, worst: 0 };
  const estimates = estimateRunWithJudges(plan, pending, models, judgeModelsOf(judges));
  return { likely: knownCost(estimates) / pending.length, worst: knownWorstCost(estimates) / pending.length };
}
