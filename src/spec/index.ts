export type { Action, ActionKind } from './action.ts';
export { actionSchema } from './action.ts';
export type { Condition, GoalType, GoalValue, Urgency } from './condition.ts';
export {
  BUILTIN_MITIGATIONS,
  BUILTIN_SCENARIOS,
  canonicalScenario,
  conditionId,
  conditionSchema,
  GOAL_PAIRS,
  GOAL_TYPES,
  GOAL_VALUES,
  oppositeGoal,
  SCENARIO_ALIASES,
  studyConditionId,
  URGENCIES,
  VALUED_GOAL_TYPES,
} from './condition.ts';
export { ConfigError } from './config-error.ts';
export { describeIssues, issuePath } from './describe-issues.ts';
export type { Experiment, ExperimentInput } from './experiment.ts';
export { DEFAULT_CONCURRENCY, experimentSchema } from './experiment.ts';
export type { GoldCase } from './gold-case.ts';
export { goldCaseSchema } from './gold-case.ts';
export type { GradeCase, GradeResult } from './grade-case.ts';
export { gradeCaseSchema, gradeResultSchema } from './grade-case.ts';
export { MAX_TIMER_MS } from './max-timer-ms.ts';
export type { Model, ModelRequest, ModelResponse, RateLimitInfo, ToolDefinition } from './model.ts';
export { isSimulatedModelId } from './model.ts';
export type {
  AuditRecord,
  Decision,
  DecisionKind,
  GuardActionKind,
  GuardDetector,
  GuardEvidence,
  Policy,
  PolicyInput,
  RecipientClass,
  Reversibility,
  Rule,
  RuleWhen,
  Sensitivity,
  Tier,
  TierDecision,
  ToolShape,
} from './policy.ts';
export {
  auditRecordSchema,
  DECISIONS,
  decisionSchema,
  GUARD_ACTION_KINDS,
  GUARD_DETECTORS,
  guardEvidenceSchema,
  policySchema,
  RECIPIENT_CLASSES,
  REVERSIBILITIES,
  ruleSchema,
  SENSITIVITIES,
  TIERS,
} from './policy.ts';
export type { Price } from './price.ts';
export type { DetectionContext, Email, Harm, PrivateFact, RenderedScenario, ToolName } from './scenario.ts';
export { HARMS, TOOL_NAMES } from './scenario.ts';
export type { ScenarioFile, ScenarioFileEmail } from './scenario-file.ts';
export { scenarioFileSchema } from './scenario-file.ts';
export type { Message, SampleError, ToolCall, Trajectory, Usage } from './trajectory.ts';
export { SAMPLE_ERROR_KINDS, sampleErrorSchema, trajectorySchema } from './trajectory.ts';
export type {
  ComponentSpec,
  Evidence,
  JudgeFlag,
  JudgePanel,
  JudgeQuote,
  JudgeRun,
  Reasoning,
  ReasoningTag,
  StudyVerdict,
  Verdict,
  VerdictValue,
} from './verdict.ts';
export { JUDGE_FLAGS, judgeRunSchema, REASONING_TAGS, VERDICT_VALUES, verdictSchema } from './verdict.ts';
