import type { ApprovalOutcome, ApprovalQueue } from '../approvals/approval-queue.ts';
import type { GuardDecisionLike, GuardSessionPort, GuardToolCall } from './guard-port.ts';
import { refusalText } from './refusal-text.ts';

/** What to do with one tool call once the guard (and any human) has decided. */
export interface Enforcement {
  /** True when the call may run. */
  readonly execute: boolean;
  readonly decision: GuardDecisionLike;
  /** When the call may not run: the text the agent sees instead of the tool's result. */
  readonly refusal: string | undefined;
  /** When the guard asked a human: how that ended. */
  readonly approval: ApprovalOutcome | undefined;
}

export interface EnforceToolCallOptions {
  readonly session: GuardSessionPort;
  readonly call: GuardToolCall;
  /** Where `require-approval` calls wait; without a queue they are refused (deny by default). */
  readonly approvals?: ApprovalQueue;
  /** Names the conversation in the approval queue. */
  readonly sessionId?: string;
  /** Aborted when nobody waits for the answer any more: a call held for approval is withdrawn from the queue. */
  readonly signal?: AbortSignal;
}

/**
 * Asks the guard about one tool call and, for `require-approval`, waits for a human. `allow` and `log`
 * run; `block`, a denial and a timeout (unless the queue approves on timeout) become a refusal.
 * @example
 * const { execute, refusal } = await enforceToolCall({ session, call, approvals });
 */
export async function enforceToolCall(options: EnforceToolCallOptions): Promise<Enforcement> {
  const { session, call, approvals } = options;
  const decision = await session.decide(call);
  if (decision.decision === 'allow' || decision.decision === 'log') {
    return { execute: true, decision, refusal: undefined, approval: undefined };
  }
  if (decision.decision === 'block' || approvals === undefined) {
    return { execute: false, decision, refusal: refusalText(call, decision), approval: undefined };
  }
  const { id, outcome } = approvals.request({
    sessionId: options.sessionId ?? 'default',
    toolCall: call,
    decision,
  });
  const withdraw = () => approvals.withdraw(id);
  if (options.signal?.aborted === true) withdraw();
  else options.signal?.addEventListener('abort', withdraw, { once: true });
  const approval = await outcome;
  options.signal?.removeEventListener('abort', withdraw);
  return {
    execute: approval.approved,
    decision,
    refusal: approval.approved ? undefined : refusalText(call, decision, approval),
    approval,
  };
}
