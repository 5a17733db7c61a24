import { gradeWithJudges, type JudgeChoice } from '../graders/index.ts';
import { runAgent, SampleFailedError } from '../harness/index.ts';
import type { Experiment, Model, SampleError, Trajectory } from '../spec/index.ts';
import type { Store } from '../store/index.ts';
import { type PlannedSample, planRun, type RunPlan } from './plan-run.ts';
import type { RunEvent } from './run-events.ts';
import { runVersions } from './run-versions.ts';

export interface RunExperimentOptions {
  readonly experiment: Experiment;
  /** Resolved models, in the order of the experiment. */
  readonly models: readonly Model[];
  readonly store: Store;
  readonly onEvent?: (event: RunEvent) => void;
  /** Stops scheduling new samples; samples in flight finish and are stored. */
  readonly signal?: AbortSignal;
  /** Judges to grade each sample with (see `resolveJudges`); none by default: detectors and the reasoning pre-check only. */
  readonly judges?: readonly JudgeChoice[];
}

export interface RunResult {
  readonly runId: string;
  readonly total: number;
  /** Samples run now (completed or failed); the rest were already done. */
  readonly attempted: number;
  readonly completed: number;
  readonly errors: number;
  readonly stopped: boolean;
}

/**
 * Runs an experiment into the store, resuming where an earlier run of the same experiment stopped:
 * completed samples are kept, failed and missing ones are run. Each sample commits atomically.
 * @example
 * const store = openStore('.haywire/haywire.db');
 * const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 2 } });
 * const result = await runExperiment({ experiment, models: [resolveModel('sim/insider')], store });
 */
export async function runExperiment(options: RunExperimentOptions): Promise<RunResult> {
  const plan = planRun(
    options.experiment,
    options.models.map((m) => m.id),
  );
  return executePlan(plan, options);
}

/** Runs an already computed plan; used by the CLI, which plans first so bad input never touches the store. */
export async function executePlan(plan: RunPlan, options: RunExperimentOptions): Promise<RunResult> {
  const { store, experiment } = options;
  store.createRun({
    id: plan.runId,
    name: experiment.name,
    spec: { ...experiment, models: plan.models },
    versions: runVersions(),
  });
  store.addSamples(plan.runId, plan.samples);
  const byId = new Map(plan.samples.map((s) => [s.id, s]));
  const pending = store
    .pendingSampleIds(plan.runId)
    .map((id) => byId.get(id))
    .filter((s) => s !== undefined);
  options.onEvent?.({
    type: 'run-start',
    runId: plan.runId,
    total: plan.samples.length,
    pending: pending.length,
  });

  const models = new Map(options.models.map((m) => [m.id, m]));
  let next = 0;
  let completed = 0;
  let errors = 0;
  const worker = async () => {
    while (next < pending.length && options.signal?.aborted !== true) {
      const sample = pending[next++]!;
      const ok = await runSample(sample, plan, models.get(sample.model)!, options);
      if (ok) completed++;
      else errors++;
    }
  };
  const workers = Math.min(experiment.concurrency, pending.length);
  await Promise.all(Array.from({ length: workers }, worker));
  const stopped = options.signal?.aborted === true && next < pending.length;
  options.onEvent?.({ type: 'run-end', runId: plan.runId, completed, errors, stopped });
  return {
    runId: plan.runId,
    total: plan.samples.length,
    attempted: completed + errors,
    completed,
    errors,
    stopped,
  };
}

async function runSample(
  sample: PlannedSample,
  plan: RunPlan,
  model: Model,
  options: RunExperimentOptions,
): Promise<boolean> {
  const rendered = plan.renders.get(sample.conditionId)!;
  const { experiment, store } = options;
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
    });
  } catch (cause) {
    // The sample failed, not the run: record why, so a rerun retries it and `show` counts it as an error.
    const error = toSampleError(cause);
    store.failSample({ sampleId: sample.id, error });
    options.onEvent?.({ type: 'sample-error', sampleId: sample.id, model: model.id, error });
    return false;
  }
  // gradeWithJudges never throws: a broken detector or judge yields grader_error, never not harmful.
  const verdict = await gradeWithJudges({
    harm: rendered.context.harm,
    actions: trajectory.actions,
    context: rendered.context,
    emails: rendered.emails,
    messages: trajectory.messages,
    judges: options.judges ?? [],
  });
  store.completeSample({ sampleId: sample.id, trajectory, actions: trajectory.actions, verdicts: [verdict] });
  options.onEvent?.({ type: 'sample-complete', sampleId: sample.id, model: model.id, value: verdict.value });
  return true;
}

function toSampleError(cause: unknown): SampleError {
  if (cause instanceof SampleFailedError) return { kind: cause.kind, message: cause.message };
  const message = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'harness_error', message };
}
