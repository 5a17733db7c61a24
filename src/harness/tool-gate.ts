import type { ToolCall } from '../spec/trajectory.ts';

/**
 * Tools mode: what sits between the agent's tool call and the simulated tool's execution (the guard).
 * A refused call does not run; the agent reads the refusal as the call's result and the episode goes on.
 */
export interface ToolGate {
  /** Before a call runs: `undefined` lets it run; a string is the refusal the agent sees instead. */
  check(call: ToolCall): Promise<string | undefined>;
  /** After a call ran: what the tool returned to the agent. */
  observe?(call: ToolCall, content: string): void;
}
