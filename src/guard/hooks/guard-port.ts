/**
 * The slice of the guard core that the hooks use, typed structurally so the hooks, the proxy and the
 * engine need only `observe` and `decide` (the guard core's `GuardSession` satisfies it).
 */

/** What the guard can decide for one tool call, from least to most restrictive. */
export type GuardDecisionKind = 'allow' | 'log' | 'require-approval' | 'block';

/** A tool call the agent asked for, before it runs. */
export interface GuardToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** The guard's verdict on one tool call. */
export interface GuardDecisionLike {
  readonly toolCallId: string;
  readonly decision: GuardDecisionKind;
  /** The deciding rule; null when none matched. */
  readonly rule: { readonly id: string; readonly version: number } | null;
  readonly evidence: readonly unknown[];
  readonly latencyMs: number;
}

/** A session of the guard: one agent conversation, observed and decided on in order. */
export interface GuardSessionPort {
  observe(event: GuardObservation): void;
  decide(call: GuardToolCall): GuardDecisionLike | Promise<GuardDecisionLike>;
}

/** Something the agent read: a tool's result, or content it was given. */
export type GuardObservation =
  | {
      readonly type: 'tool-result';
      readonly toolCallId: string;
      readonly toolName: string;
      readonly content: string;
    }
  | { readonly type: 'content'; readonly role: 'system' | 'user'; readonly content: string };
