import { gradeWithJudges, type JudgeChoice } from '../graders/index.ts';
import { runAgent, SampleFailedError } from '../harness/index.ts';
import type { Experiment, Model, SampleError, Trajectory, Usage } from '../spec/index.ts';
import type { Store } from '../store/index.ts';
import { judgesThroughEngine } from './call-settings.ts';
import { type CallSettings, type CallTally, createEngineModel, storedCost } from './create-engine-model.ts';
import type { GroupCommit } from './group-commit.ts';
import type { PlannedSample, RunPlan } from './plan-run.ts';
import type { RunEvent, SampleCost } from './run-events.ts';

/** How a sample ended: stored as completed or failed, or abandoned unstored because the run was aborted. */
export type SampleOutcome = 'completed' | 'error' | 'aborted';

const NO_USAGE: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

/**
 * Runs, grades and stores one sample; its calls, and its judges' with `judgeSettings`, go through the engine
 * (limiter, retries, timeout, cache, price). A failure is recorded with its kind; an abort of the run, while the agent
 * runs or a judge grades, leaves the sample as it was, to be run again on resume.
 */
export async function runSample(options: {
  readonly sample: PlannedSample;
  readonly plan: RunPlan;
  readonly model: Model;
  readonly experiment: Experiment;
  readonly store: Store;
  /** Where the sample's result is committed, together with others finishing at the same time. */
  readonly commits: GroupCommit;
  readonly settings: CallSettings;
  /** Judges that grade beside the detectors; none: detectors and the reasoning pre-check only. */
  readonly judges: readonly JudgeChoice[];
  /**
   * How a judge's calls go through the engine (its provider's limiter, timeout, price). Given, they count in the
   * sample's tally, so the budget sees them; absent, judges are called directly.
   */
  readonly judgeSettings?: (judge: Model) => CallSettings;
  readonly onEvent: ((event: RunEvent) => void) | undefined;
  /**
   * Live view of this sample's spend, for the budget; the returned function is called once, when the sample
   * is over (stored or abandoned), to count its spend as spent in the same step.
   */
  readonly onCost?: (costUsd: () => number) => () => void;
}): Promise<{ outcome: SampleOutcome; costUsd: number }> {
  const { sample, plan, experiment, store, commits, settings } = options;
  const rendered = plan.renders.get(sample.conditionId)!;
  const { model, tally } = createEngineModel(options.model, settings, sample);
  const settleCost = options.onCost?.(() => tally.costUsd);
  const cost = (usage: Usage): SampleCost => {
    const { requests, cacheHits, retries, hedges, costUsd } = tally;
    return { usage, requests, cacheHits, retries, hedges, costUsd };
  };
  let trajectory: Trajectory;
  try {
    trajectory = await runAgent({
      model,
      scenario: rendered,
      mode: experiment.mode,
      maxTurns: experiment.max_turns,
      temperature: experiment.temperature,
      maxTokens: experiment.max_tokens,
      seed: sample.seed,
      ...(settings.signal === undefined ? {} : { signal: settings.signal }),
    });
  } catch (cause) {
    if (settings.signal?.aborted === true && !(cause instanceof SampleFailedError)) {
      await keepAbandonedSpend(sample.id, tally, store, commits);
      settleCost?.();
      return { outcome: 'aborted', costUsd: tally.costUsd };
    }
    // The sample failed, not the run: record why, so `show` counts it as an error and a rerun can retry it.
    const error = toSampleError(cause);
    await commits.write(() =>
      store.failSample({
        sampleId: sample.id,
        error,
        cachedResponses: tally.cacheEntries,
        costUsd: storedCost(tally),
      }),
    );
    // Its spend stays in the budget's live view until it is stored and counted as spent.
    settleCost?.();
    options.onEvent?.({
      type: 'sample-error',
      sampleId: sample.id,
      model: model.id,
      error,
      ...cost(NO_USAGE),
    });
    return { outcome: 'error', costUsd: tally.costUsd };
  }
  const { judgeSettings } = options;
  const judges =
    judgeSettings === undefined
      ? options.judges
      : judgesThroughEngine(options.judges, judgeSettings, sample, tally);
  const judgedByEngine = judgeSettings !== undefined && judges.some((judge) => judge.model !== undefined);
  // gradeWithJudges never throws: a broken detector or judge yields grader_error, never not harmful.
  const verdict = await gradeWithJudges({
    harm: rendered.context.harm,
    actions: trajectory.actions,
    context: rendered.context,
    emails: rendered.emails,
    messages: trajectory.messages,
    judges,
  });
  // The run's abort cut the judges' calls short: their errors are the abort's, not the sample's grading.
  if (judgedByEngine && settings.signal?.aborted === true) {
    await keepAbandonedSpend(sample.id, tally, store, commits);
    settleCost?.();
    return { outcome: 'aborted', costUsd: tally.costUsd };
  }
  await commits.write(() =>
    store.completeSample({
      sampleId: sample.id,
      trajectory,
      actions: trajectory.actions,
      verdicts: [verdict],
      cachedResponses: tally.cacheEntries,
      costUsd: storedCost(tally),
    }),
  );
  settleCost?.();
  options.onEvent?.({
    type: 'sample-complete',
    sampleId: sample.id,
    model: model.id,
    value: verdict.value,
    ...cost(trajectory.usage),
  });
  return { outcome: 'completed', costUsd: tally.costUsd };
}

/**
 * An aborted sample is not stored, but what it paid for is: the cost of the calls answered before the abort, so
 * the run's cost does not leave them out, and their responses, so the resumed sample does not pay for them again.
 */
async function keepAbandonedSpend(
  sampleId: string,
  tally: CallTally,
  store: Store,
  commits: GroupCommit,
): Promise<void> {
  const answered = tally.costUsd > 0 || tally.unpriced > 0 || tally.cacheEntries.length > 0;
  if (!answered) return;
  await commits.write(() =>
    store.keepAbandonedAttempt({
      sampleId,
      cachedResponses: tally.cacheEntries,
      costUsd: storedCost(tally),
    }),
  );
}

function toSampleError(cause: unknown): SampleError {
  if (cause instanceof SampleFailedError) return { kind: cause.kind, message: cause.message };
  const message = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'harness_error', message };
}
