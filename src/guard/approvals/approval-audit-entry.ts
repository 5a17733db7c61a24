import type { Tier } from '../../spec/policy.ts';
import { type AuditEntry, inputDigest } from '../audit-log.ts';
import type { ApprovalOutcome, PendingApproval } from './approval-queue.ts';

/**
 * The audit record of a human's answer (or a timeout) to a held call: kind `approval`, the approver's name,
 * `allow` when approved and `block` otherwise, and the time the call waited as its latency.
 */
export function approvalAuditEntry(options: {
  readonly policy: { readonly id: string; readonly version: number };
  readonly tier: Tier;
  readonly pending: PendingApproval;
  readonly outcome: ApprovalOutcome;
}): AuditEntry {
  const { pending, outcome } = options;
  const evidence = pending.evidence as AuditEntry['evidence'];
  return {
    kind: 'approval',
    at: outcome.decidedAt,
    sessionId: pending.sessionId,
    agentId: null,
    policy: { id: options.policy.id, version: options.policy.version },
    tier: options.tier,
    toolCallId: pending.toolCall.id,
    tool: pending.toolCall.name,
    inputDigest: inputDigest(pending.toolCall),
    decision: outcome.approved ? 'allow' : 'block',
    rule: pending.rule,
    detector: evidence[0]?.detector ?? null,
    evidence,
    latencyMs: Math.max(0, Date.parse(outcome.decidedAt) - Date.parse(pending.requestedAt)),
    approver: outcome.approver,
  };
}
