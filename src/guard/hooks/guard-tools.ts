import type { ToolExecutionOptions, ToolSet } from 'ai';
import type { ApprovalQueue } from '../approvals/approval-queue.ts';
import { enforceToolCall } from './enforce-tool-call.ts';
import type { GuardSessionPort } from './guard-port.ts';
import { toObservedText } from './to-observed-text.ts';

export interface GuardToolsOptions {
  readonly session: GuardSessionPort;
  /** Where `require-approval` calls wait for a human; without one they are refused. */
  readonly approvals?: ApprovalQueue;
  /** Names the conversation in the approval queue. */
  readonly sessionId?: string;
}

type Execute = (input: unknown, options: ToolExecutionOptions<unknown>) => unknown;

/**
 * Wraps AI SDK tools so that every call is decided by the guard before it runs. A refused call does not
 * run: the agent receives the refusal text as the tool's result and its loop goes on. Results of calls
 * that ran are observed into the session, so later decisions know what the agent has read.
 * @example
 * const session = guard.startSession();
 * const result = await generateText({ model, tools: guardTools(tools, { session }), prompt });
 */
export function guardTools<TOOLS extends ToolSet>(tools: TOOLS, options: GuardToolsOptions): TOOLS {
  const guarded: Record<string, unknown> = {};
  for (const [name, tool] of Object.entries(tools)) {
    const execute = (tool as { execute?: Execute }).execute;
    guarded[name] =
      execute === undefined ? tool : { ...tool, execute: guardedExecute(name, execute, options) };
  }
  return guarded as TOOLS;
}

function guardedExecute(name: string, execute: Execute, options: GuardToolsOptions): Execute {
  return async (input, executionOptions) => {
    const call = { id: executionOptions.toolCallId, name, arguments: asArguments(input) };
    const enforcement = await enforceToolCall({
      session: options.session,
      call,
      ...(options.approvals === undefined ? {} : { approvals: options.approvals }),
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
    });
    if (!enforcement.execute) return enforcement.refusal;
    const result = await execute(input, executionOptions);
    options.session.observe({
      type: 'tool-result',
      toolCallId: call.id,
      toolName: name,
      content: toObservedText(result),
    });
    return result;
  };
}

function asArguments(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : { input };
}
