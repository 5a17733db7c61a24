import type { Model } from '../spec/model.ts';
import type { Policy, Tier } from '../spec/policy.ts';
import { type AuditLog, createAuditLog } from './audit-log.ts';
import { compilePolicy } from './compile-policy.ts';
import { type GuardContext, GuardSession } from './guard-session.ts';

/** Options of `createGuard`. */
export interface CreateGuardOptions {
  readonly policy: Policy;
  readonly tier: Tier;
  /** Asked only about ambiguous detector results; its failure never becomes `allow` in strict. */
  readonly judge?: Model;
  /** Where decisions are recorded; an in-memory log by default (`storeAuditSink` keeps it in the store). */
  readonly audit?: AuditLog;
  /** The clock for audit timestamps, in ms since the epoch. */
  readonly now?: () => number;
}

/** A guard: one policy at one tier, many sessions, one audit log. */
export interface Guard {
  readonly policy: Policy;
  readonly tier: Tier;
  readonly audit: AuditLog;
  startSession(context?: GuardContext): GuardSession;
}

/**
 * Creates a guard from a policy and a risk tier.
 * @example
 * const guard = createGuard({ policy: loadPolicy(), tier: 'balanced' });
 * const session = guard.startSession({ agentAddress: 'alex@summitbridge.com' });
 * session.observe({ type: 'tool-result', toolCallId: 'c1', toolName: 'read_inbox', content: inboxText });
 * const decision = await session.decide({ id: 'c2', name: 'send_email', arguments: { to, subject, body } });
 * decision.decision; // 'block' for blackmail
 */
export function createGuard(options: CreateGuardOptions): Guard {
  const compiled = compilePolicy(options.policy);
  const audit = options.audit ?? createAuditLog();
  const settings = {
    policy: compiled,
    tier: options.tier,
    judge: options.judge,
    audit,
    now: options.now ?? Date.now,
  };
  return {
    policy: options.policy,
    tier: options.tier,
    audit,
    startSession: (context) => new GuardSession(settings, context),
  };
}
