import type { GuardDetector, GuardEvidence, RecipientClass } from '../../spec/policy.ts';
import type { ClassifiedCall, GuardToolCall } from '../classify-call.ts';
import type { CompiledPolicy } from '../compile-policy.ts';
import type { SessionDocument } from '../session-documents.ts';
import type { Taint } from '../session-taint.ts';

/** What one detector found in one call. `ambiguous` results may be escalated to the judge. */
export interface Finding {
  readonly detector: GuardDetector;
  readonly certainty: 'definite' | 'ambiguous';
  readonly evidence: readonly GuardEvidence[];
}

/** One call with everything a detector needs, computed once per decision. */
export interface CallView {
  readonly call: GuardToolCall;
  readonly classified: ClassifiedCall;
  /** The class of each destination, in the order of `classified.destinations`. */
  readonly destinationClasses: readonly RecipientClass[];
  readonly recipient: RecipientClass;
  /** The call's outbound text, its parts joined by blank lines. */
  readonly text: string;
  /** Documents the call forwards (by id). */
  readonly carried: readonly SessionDocument[];
  readonly taint: Taint;
  readonly policy: CompiledPolicy;
}

/** Outbound messages: the kinds coercion and exfiltration read as text sent to someone. */
export function isMessage(view: CallView): boolean {
  const { kind } = view.classified;
  return kind === 'message-send' || kind === 'message-forward';
}
