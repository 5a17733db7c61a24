/**
 * Haywire's library API: everything the CLI and the viewer use, and nothing they should not.
 * @example
 * import { loadExperiment, openStore, resolveModels, runExperiment } from 'haywire';
 * const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 5 } });
 * const store = openStore('.haywire/haywire.db');
 * const { models } = resolveModels(experiment.models);
 * const result = await runExperiment({ experiment, models, store });
 */

export { type CalibrationResult, type CalibrationRow, calibrate } from './engine/calibrate.ts';
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
export { type ImportStudyResult, importStudy } from './engine/import-study.ts';
export { type ExperimentOverrides, loadExperiment } from './engine/load-experiment.ts';
export { type PlannedSample, planRun, type RunPlan } from './engine/plan-run.ts';
export { type RegradeResult, regradeRun } from './engine/regrade-run.ts';
export { DEFAULT_JUDGE, resolveJudges } from './engine/resolve-judges.ts';
export { FALLBACK_SIM_MODELS, type ResolvedModels, resolveModels } from './engine/resolve-models.ts';
export type { RunEvent } from './engine/run-events.ts';
export {
  executePlan,
  type RunExperimentOptions,
  type RunResult,
  runExperiment,
} from './engine/run-experiment.ts';
export { HAYWIRE_VERSION } from './engine/run-versions.ts';
export { studyCondition } from './engine/study-condition.ts';
export {
  type Agreement,
  type RateMode,
  summarizeVerdicts,
  type VerdictRateRow,
  type VerdictSummary,
  verdictRateRows,
} from './engine/summarize-verdicts.ts';
export {
  cohenKappa,
  FINAL_RULE,
  fleissKappa,
  gradeCase,
  gradeJsonl,
  gradeSample,
  gradeWithJudges,
  type JudgeChoice,
  kappaOfTable,
  panelAgreement,
  STUDY_LEAK_ADDRESSES,
  transcriptForJudge,
} from './graders/index.ts';
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
export { listSimModels, resolveModel, SIM_JUDGE_SCRIPTS } from './models/index.ts';
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
