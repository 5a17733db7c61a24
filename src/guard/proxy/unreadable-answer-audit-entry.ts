import type { Tier } from '../../spec/policy.ts';
import { type AuditEntry, inputDigest } from '../audit-log.ts';

/** The rule an unreadable answer's audit record names. */
export const UNREADABLE_ANSWER_RULE = { id: 'unreadable-answer', version: 1 } as const;

/**
 * The audit record of an upstream answer the proxy refused because it could not read it: a `block` with rule
 * `unreadable-answer`, no tool (none could be read), the reason as evidence with the start of the unread text,
 * and as input digest the digest of `{ name: '', arguments: { answer: text } }`.
 */
export function unreadableAnswerAuditEntry(options: {
  readonly policy: { readonly id: string; readonly version: number };
  readonly tier: Tier;
  readonly sessionId: string;
  readonly reason: string;
  readonly text: string;
  readonly at?: Date;
}): AuditEntry {
  return {
    kind: 'decision',
    at: (options.at ?? new Date()).toISOString(),
    sessionId: options.sessionId,
    agentId: null,
    policy: { id: options.policy.id, version: options.policy.version },
    tier: options.tier,
    toolCallId: '',
    tool: '',
    inputDigest: inputDigest({ name: '', arguments: { answer: options.text } }),
    decision: 'block',
    rule: { ...UNREADABLE_ANSWER_RULE },
    detector: null,
    evidence: [{ detector: 'guard-proxy', quote: options.text.slice(0, 500), reason: options.reason }],
    latencyMs: 0,
    approver: null,
  };
}
