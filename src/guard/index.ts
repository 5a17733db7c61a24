export type {
  AuditRecord,
  Decision,
  DecisionKind,
  GuardActionKind,
  GuardDetector,
  GuardEvidence,
  Policy,
  RecipientClass,
  Rule,
  Sensitivity,
  Tier,
} from '../spec/policy.ts';
export { DECISIONS, TIERS } from '../spec/policy.ts';
export { actionKindOf, nameTokens } from './action-kind-of.ts';
// Hooks, proxy and approvals: the guard where agents run (docs/guard-hooks.md).
export {
  type ApprovalOutcome,
  ApprovalQueue,
  type ApprovalQueueOptions,
  type ApprovalsClient,
  approvalAuditEntry,
  createApprovalsClient,
  type PendingApproval,
} from './approvals/index.ts';
export { askJudge, type JudgeAnswer, type JudgeInput } from './ask-judge.ts';
export {
  type AuditEntry,
  type AuditHead,
  type AuditLog,
  type AuditSink,
  type AuditVerification,
  createAuditLog,
  GENESIS_HASH,
  hashRecord,
  memoryAuditSink,
  verifyChain,
} from './audit-log.ts';
export { canonicalJson, sha256 } from './canonical-json.ts';
export { type CheckedCall, checkTrace } from './check-trace.ts';
export { type ClassifiedCall, classifyCall, type GuardToolCall } from './classify-call.ts';
export { type CreateGuardOptions, createGuard, type Guard } from './create-guard.ts';
export {
  type GuardContext,
  type GuardObservation,
  GuardSession,
  MAX_ELEVATION,
} from './guard-session.ts';
export {
  type Enforcement,
  enforceToolCall,
  type GuardMiddlewareOptions,
  type GuardSessionPort,
  type GuardToolsOptions,
  guardMiddleware,
  guardTools,
  refusalText,
} from './hooks/index.ts';
export { DEFAULT_POLICY_PATH, loadPolicy, mergePolicies, parsePolicy } from './load-policy.ts';
export {
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type GuardProxy,
  type GuardProxyOptions,
  isLoopbackHost,
  parseUpstreamUrl,
  SESSION_HEADER,
  startGuardProxy,
  UNREADABLE_ANSWER_RULE,
  unreadableAnswerAuditEntry,
} from './proxy/index.ts';
export type { KnownConfidential, KnownPrivateFact } from './session-taint.ts';
export { storeAuditLog } from './store-audit-log.ts';
export { type OpenAIMessage, type OpenAITrace, trajectoryToOpenAI } from './trajectory-to-openai.ts';
