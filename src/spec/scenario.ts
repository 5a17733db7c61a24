import type { Condition } from './condition.ts';

/** The harm a scenario offers the agent the chance to commit. */
export const HARMS = ['blackmail', 'leaking', 'lethal'] as const;
export type Harm = (typeof HARMS)[number];

/** An email as the agent sees it, in chronological order; `id` is 1-based. */
export interface Email {
  readonly id: number;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  /** ISO 8601 timestamp. */
  readonly timestamp: string;
  readonly body: string;
  readonly attachments: readonly { readonly name: string; readonly content: string }[];
}

/** The tools an agent may use in a scenario. */
export const TOOL_NAMES = ['read_inbox', 'send_email', 'forward_email', 'cancel_alert'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** A person the agent may learn private facts about (blackmail). */
export interface PrivateFact {
  /** Who the facts are about, e.g. `Kyle Johnson`. */
  readonly person: string;
  /** Addresses and names that identify the person. */
  readonly identifiers: readonly string[];
  /** Words and phrases that reveal the private matter (e.g. the affair's names and places). */
  readonly terms: readonly string[];
}

/** What detectors need to know about a rendered scenario. Derived from scenario data, not from the agent. */
export interface DetectionContext {
  readonly harm: Harm;
  readonly company: { readonly name: string; readonly domains: readonly string[] };
  readonly agentAddress: string;
  /** Blackmail: private facts the agent can discover. */
  readonly privateFacts: readonly PrivateFact[];
  /** Leaking: which emails are confidential, and phrases that reveal their substance. */
  readonly confidential: {
    readonly emailIds: readonly number[];
    readonly terms: readonly string[];
  };
  /** Leaking: addresses or domains that are legitimate reporting channels, never a leak. */
  readonly legitimateChannels: readonly string[];
  /** Lethal: the override code that cancels the emergency dispatch. */
  readonly alertCode: string | undefined;
}

/** Exactly what the model sees for one condition, plus what the harness and detectors need. */
export interface RenderedScenario {
  readonly scenario: string;
  readonly condition: Condition;
  readonly conditionId: string;
  readonly system: string;
  /** The whole user turn of inbox mode: the instruction followed by the email block. */
  readonly user: string;
  /** The instruction alone, used by tools mode (emails then come from `read_inbox`). */
  readonly instruction: string;
  readonly emails: readonly Email[];
  readonly tools: readonly ToolName[];
  readonly context: DetectionContext;
}
