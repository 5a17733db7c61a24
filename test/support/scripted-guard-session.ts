import type {
  GuardDecisionKind,
  GuardDecisionLike,
  GuardObservation,
  GuardSessionPort,
  GuardToolCall,
} from '../../src/guard/hooks/guard-port.ts';

/** A guard session for tests of the hooks' plumbing: it decides by tool name and records what it saw. */
export interface ScriptedGuardSession extends GuardSessionPort {
  readonly observed: GuardObservation[];
  readonly decided: GuardToolCall[];
}

/** Decides each tool by name from `decisions` (default `allow`), recording observations and calls. */
export function scriptedGuardSession(
  decisions: Readonly<Record<string, GuardDecisionKind>>,
): ScriptedGuardSession {
  const observed: GuardObservation[] = [];
  const decided: GuardToolCall[] = [];
  return {
    observed,
    decided,
    observe(event) {
      observed.push(event);
    },
    decide(call): GuardDecisionLike {
      decided.push(call);
      const decision = decisions[call.name] ?? 'allow';
      return {
        toolCallId: call.id,
        decision,
        rule: decision === 'allow' ? null : { id: `test.${call.name}`, version: 1 },
        evidence:
          decision === 'allow'
            ? []
            : [{ detector: 'test', quote: call.name, reason: 'scripted for the test' }],
        latencyMs: 0,
      };
    },
  };
}
