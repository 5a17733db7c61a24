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
  estimateJudges,
  estimateRun,
  type ModelEstimate,
  TYPICAL_JUDGE_OUTPUT_TOKENS,
  TYPICAL_OUTPUT_TOKENS,
} from './engine/estimate-run.ts';
export { DEFAULT_GROUP_COMMIT, type GroupCommitOptions } from './engine/group-commit.ts';
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
export {
  type ExperimentOverrides,
  type LoadExperimentOptions,
  loadExperiment,
} from './engine/load-experiment.ts';
export { pendingWithoutWriting } from './engine/pending-samples.ts';
export { type PlannedSample, planRun, type RunPlan } from './engine/plan-run.ts';
export { costOf, type Price, priceLookup, priceOf, priceOfModel } from './engine/prices.ts';
export { type RegradeResult, regradeRun } from './engine/regrade-run.ts';
export { DEFAULT_JUDGE, resolveJudges } from './engine/resolve-judges.ts';
export {
  chooseModels,
  FALLBACK_SIM_MODELS,
  type ResolvedModels,
  type ResolveModelsOptions,
  resolveModels,
} from './engine/resolve-models.ts';
export {
  DEFAULT_RETRY_POLICY,
  RESUMED_ERROR_KINDS,
  type RetryPolicy,
  TRANSIENT_ERROR_KINDS,
} from './engine/retry-policy.ts';
export type { RunEvent, SampleCost, StopReason } from './engine/run-events.ts';
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
  jsonlLines,
  kappaOfTable,
  panelAgreement,
  quoteOccurrences,
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
export {
  type MockServer,
  type MockServerOptions,
  type MockServerStats,
  startMockServer,
} from './mock-server/index.ts';
export {
  type AutoModels,
  autoModels,
  checkKeys,
  type HaywireConfig,
  listSimModels,
  loadHaywireConfig,
  ProviderError,
  type ResolveModelOptions,
  readEnvironment,
  requiredKeyFor,
  resolveModel,
  SIM_JUDGE_SCRIPTS,
} from './models/index.ts';
export { type BeliefRow, beliefStrata } from './report/belief-strata.ts';
export { compareGroups } from './report/compare-groups.ts';
export { compareRunRows, type RunSide, type SampleOutcomeKey } from './report/compare-runs.ts';
export { compare, compareRuns } from './report/compare-store.ts';
export {
  COMPARE_VARIABLES,
  type CompareVariable,
  type ComparisonRow,
  type ComparisonTable,
  type ControlFlag,
  type FactorialSummary,
  type GroupRate,
} from './report/compare-types.ts';
export {
  CSV_COLUMNS,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportResult,
  type ExportRunOptions,
  type ExportStreamResult,
  type ExportToStreamOptions,
  exportRun,
  exportRunToStream,
  type InspectEvalLog,
  inspectEvalLogSchema,
} from './report/export/index.ts';
export { findingSentence, formatP, levelName, signedPoints, stratumLabel } from './report/findings.ts';
export {
  buildReport,
  type CollectReportOptions,
  collectReport,
  escapeHtml,
  html,
  type MarkRange,
  markRanges,
  PUBLISHED_NUMBERS,
  type PublishedNumber,
  publishedFor,
  publishedModelOf,
  type ReportData,
  renderReport,
  SafeHtml,
  safe,
} from './report/html/index.ts';
export type { PendingSamples } from './report/pending-samples.ts';
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
export {
  type Belief,
  type BeliefComparison,
  type BeliefStratum,
  type ControlResult,
  type ControlRow,
  type Counts,
  clopperPearsonInterval,
  controlCheck,
  type Difference,
  type Effect,
  type Factorial2x2,
  type Factorial2x2Options,
  type FactorialCell,
  factorial2x2,
  fisherExact,
  holm,
  type Interval,
  newcombeDifference,
  type Pair,
  type PairedComparison,
  pairedComparison,
  stratifiedByBelief,
  wilsonInterval,
} from './stats/index.ts';
export {
  defaultStorePath,
  type ErrorKindCount,
  openStore,
  type PageRequest,
  type RunRecord,
  type RunSummary,
  type SampleDetail,
  type SampleFacets,
  type SampleFilter,
  type SampleListItem,
  type SampleOutcome,
  type SamplePage,
  type SampleRecord,
  type SampleStatus,
  type Store,
  type StoredVerdict,
  silenceSqliteWarning,
} from './store/index.ts';
