/**
 * Haywire's library API: everything the CLI and the viewer use, and nothing they should not.
 * @example
 * import { loadExperiment, openStore, resolveModels, runExperiment } from 'haywire';
 * const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 5 } });
 * const store = openStore('.haywire/haywire.db');
 * const { models } = resolveModels(experiment.models);
 * const result = await runExperiment({ experiment, models, store });
 */

export {
  type BenignOutcome,
  type BenignTask,
  DEFAULT_BENIGN_TASKS,
  loadBenignTasks,
  replayBenignTask,
} from './engine/guarded-benign.ts';
export {
  type BenignResult,
  type GuardedModelResult,
  type GuardedRunResult,
  type GuardedTierResult,
  type RunGuardedOptions,
  runGuarded,
} from './engine/guarded-run.ts';
export { type ExperimentOverrides, loadExperiment } from './engine/load-experiment.ts';
export { type PlannedSample, planRun, type RunPlan } from './engine/plan-run.ts';
export { FALLBACK_SIM_MODELS, type ResolvedModels, resolveModels } from './engine/resolve-models.ts';
export type { RunEvent } from './engine/run-events.ts';
export {
  executePlan,
  type RunExperimentOptions,
  type RunResult,
  runExperiment,
} from './engine/run-experiment.ts';
export { HAYWIRE_VERSION } from './engine/run-versions.ts';
export { gradeCase, gradeJsonl, gradeSample } from './graders/index.ts';
export {
  type AuditLog,
  type AuditVerification,
  type CheckedCall,
  checkTrace,
  classifyCall,
  createAuditLog,
  createGuard,
  type Guard,
  type GuardContext,
  type GuardObservation,
  GuardSession,
  type GuardToolCall,
  loadPolicy,
  type OpenAITrace,
  parsePolicy,
  storeAuditLog,
  trajectoryToOpenAI,
} from './guard/index.ts';
export { parseInboxResponse, runAgent } from './harness/index.ts';
export { listSimModels, resolveModel } from './models/index.ts';
export { type RateRow, rateRows } from './report/rate-rows.ts';
export {
  allConditions,
  detectionContextFor,
  listConditions,
  loadScenario,
  renderScenario,
  validateCondition,
} from './scenarios/index.ts';
export * from './spec/index.ts';
export { wilsonInterval } from './stats/index.ts';
export {
  defaultStorePath,
  openStore,
  type RunRecord,
  type RunSummary,
  type Store,
  silenceSqliteWarning,
} from './store/index.ts';
