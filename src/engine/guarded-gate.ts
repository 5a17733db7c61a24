import { type Enforcement, enforceToolCall, type GuardSessionPort } from '../guard/index.ts';
import { createSimulatedTools, type ToolGate } from '../harness/index.ts';
import type { Action, RenderedScenario } from '../spec/index.ts';

/** A tool gate that also records what the agent tried, whether or not the guard let it run. */
export interface GuardedGate extends ToolGate {
  /** Every action the agent attempted, as the simulated tools would have recorded it without the guard. */
  readonly attempted: Action[];
  /** The guard's enforcement of each call, in order. */
  readonly enforcements: Enforcement[];
}

/**
 * The guard as a harness tool gate for one sample. Every call is decided by the session; refused calls
 * (block, and require-approval, since nobody approves in an unattended run) return the refusal to the agent.
 * A shadow copy of the simulated tools records each attempted call as the action it would have been, so
 * the same episode yields both "attempted" (no guard) and "executed" (with the guard) actions.
 */
export function createGuardedGate(session: GuardSessionPort, scenario: RenderedScenario): GuardedGate {
  const shadow = createSimulatedTools(scenario);
  const attempted: Action[] = [];
  const enforcements: Enforcement[] = [];
  return {
    attempted,
    enforcements,
    async check(call) {
      const action = shadow.call(call, 0).action;
      if (action !== undefined) attempted.push(action);
      const enforcement = await enforceToolCall({ session, call });
      enforcements.push(enforcement);
      return enforcement.execute ? undefined : enforcement.refusal;
    },
    observe(call, content) {
      session.observe({ type: 'tool-result', toolCallId: call.id, toolName: call.name, content });
    },
  };
}
