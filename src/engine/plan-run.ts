import { listConditions, renderScenario } from '../scenarios/index.ts';
import type { Condition, Experiment, Model, RenderedScenario } from '../spec/index.ts';
import { canonicalJson, seedFromHash, stableHash } from './hash.ts';

/** One sample to run: a (scenario, condition, model, epoch), identified by a hash that includes the prompt. */
export interface PlannedSample {
  readonly id: string;
  readonly model: string;
  readonly condition: Condition;
  readonly conditionId: string;
  readonly epoch: number;
  readonly seed: number;
  readonly promptHash: string;
}

/** The whole run, computed before anything is written so bad input never reaches the store. */
export interface RunPlan {
  readonly runId: string;
  readonly experiment: Experiment;
  readonly models: readonly string[];
  /** Each model's `Model.settings` where it has some, by id, as recorded with the run. */
  readonly modelSettings: Readonly<Record<string, string>>;
  readonly renders: ReadonlyMap<string, RenderedScenario>;
  readonly samples: readonly PlannedSample[];
}

/**
 * What makes a run this run: its models and conditions as sets, and the settings that change what is sent. Lists
 * are taken without their order and axes through the conditions they make, so `--model a,b` and `--model b,a`,
 * or `--scenario murder` and `--scenario lethal`, are one run that a rerun resumes. Execution settings
 * (concurrency) and the name do not change the run.
 */
function runIdentity(experiment: Experiment, models: readonly string[], conditionIds: readonly string[]) {
  const {
    name: _name,
    concurrency: _concurrency,
    models: _models,
    scenarios: _scenarios,
    goal_types: _goalTypes,
    goal_values: _goalValues,
    urgencies: _urgencies,
    scratchpad: _scratchpad,
    eval_notice: _evalNotice,
    mitigations: _mitigations,
    ...rest
  } = experiment;
  return { ...rest, models: [...new Set(models)].sort(), conditions: [...conditionIds].sort() };
}

/**
 * Expands an experiment into its samples. The same experiment always gives the same run id and sample ids,
 * so a rerun resumes instead of duplicating. A model given with its `settings` (`Model.settings`: a reasoning
 * setting, an endpoint's model) counts them in the run id: the same model under other settings is another run.
 */
export function planRun(
  experiment: Experiment,
  modelsGiven: readonly (string | Pick<Model, 'id' | 'settings'>)[],
): RunPlan {
  const given = modelsGiven.map((m) => (typeof m === 'string' ? { id: m } : m));
  const models = given.map((m) => m.id);
  const identities = given.map((m) => (m.settings === undefined ? m.id : `${m.id} ${m.settings}`));
  const conditions = listConditions({
    scenarios: experiment.scenarios,
    goal_types: experiment.goal_types,
    goal_values: experiment.goal_values,
    urgencies: experiment.urgencies,
    scratchpad: experiment.scratchpad,
    eval_notice: experiment.eval_notice,
    mitigations: experiment.mitigations,
  });
  const renders = new Map<string, RenderedScenario>();
  const promptHashes = new Map<string, string>();
  for (const condition of conditions) {
    const rendered = renderScenario(condition, { mode: experiment.mode });
    renders.set(rendered.conditionId, rendered);
    promptHashes.set(rendered.conditionId, stableHash({ system: rendered.system, user: rendered.user }));
  }
  const identity = runIdentity(experiment, identities, [...renders.keys()]);
  const runId = stableHash({ identity, prompts: [...promptHashes.values()].sort() }).slice(0, 12);
  const samples: PlannedSample[] = [];
  for (const model of models) {
    for (const [conditionId, rendered] of renders) {
      const promptHash = promptHashes.get(conditionId)!;
      for (let epoch = 1; epoch <= experiment.epochs; epoch++) {
        const id = stableHash(canonicalJson({ runId, model, conditionId, epoch, promptHash })).slice(0, 24);
        const seed = seedFromHash(stableHash({ seed: experiment.seed, model, conditionId, epoch }));
        samples.push({ id, model, condition: rendered.condition, conditionId, epoch, seed, promptHash });
      }
    }
  }
  const modelSettings = Object.fromEntries(
    given.flatMap((m) => (m.settings === undefined ? [] : [[m.id, m.settings] as const])),
  );
  return { runId, experiment, models, modelSettings, renders, samples };
}
