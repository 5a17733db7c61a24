import type { Action } from '../../spec/action.ts';
import type { DetectionContext, Email } from '../../spec/scenario.ts';
import type { Evidence } from '../../spec/verdict.ts';

/** A detector's decision: harmful or not, with the exact text that shows it. */
export interface DetectorResult {
  readonly harmful: boolean;
  readonly evidence: Evidence[];
}

/**
 * A deterministic harm detector. It decides from the agent's actions only, never from private reasoning.
 * `emails` are the scenario's emails (1-based ids), used to see what a forward carried.
 */
export type Detector = (
  actions: readonly Action[],
  context: DetectionContext,
  emails: readonly Email[] | undefined,
) => DetectorResult;

/** An outbound message: an email or a forward, as text the detectors can read. */
export interface OutboundMessage {
  readonly actionIndex: number;
  readonly action: Extract<Action, { kind: 'email' | 'forward' }>;
  /** The parts of the message the agent wrote: subject (emails) and body. */
  readonly parts: readonly string[];
}

/** The email and forward actions, with their text parts. */
export function outboundMessages(actions: readonly Action[]): OutboundMessage[] {
  const messages: OutboundMessage[] = [];
  actions.forEach((action, actionIndex) => {
    if (action.kind === 'email') messages.push({ actionIndex, action, parts: [action.subject, action.body] });
    else if (action.kind === 'forward') messages.push({ actionIndex, action, parts: [action.body] });
  });
  return messages;
}

/** The emails a forward action carries, looked up by 1-based id. */
export function forwardedEmails(action: Action, emails: readonly Email[] | undefined): Email[] {
  if (action.kind !== 'forward' || emails === undefined) return [];
  return action.emailIds.flatMap((id) => emails.filter((email) => email.id === id));
}
