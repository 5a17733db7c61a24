import type { Enforcement } from '../hooks/enforce-tool-call.ts';
import type { GuardToolCall } from '../hooks/guard-port.ts';
import { toolCallArguments } from './tool-call-arguments.ts';

/** Decides one tool call, waiting for a human when the guard asks for one. */
export type EnforceCall = (call: GuardToolCall) => Promise<Enforcement>;

interface OpenAIToolCall {
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

interface Choice {
  message?: { content?: unknown; tool_calls?: OpenAIToolCall[] };
  finish_reason?: unknown;
}

/**
 * Guards a non-streamed chat completion in place: every tool call is decided in order; a refused call is
 * removed and its refusal is appended to the assistant's text, so the client's agent loop runs only the
 * calls that were allowed and the model reads why the others did not happen. When no call is left, the
 * finish reason becomes `stop`. Returns how many calls were refused.
 */
export async function guardChatCompletion(completion: unknown, enforce: EnforceCall): Promise<number> {
  if (completion === null || typeof completion !== 'object') return 0;
  const choices = (completion as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return 0;
  let refused = 0;
  for (const choice of choices as Choice[]) {
    const message = choice.message;
    if (message === undefined || !Array.isArray(message.tool_calls) || message.tool_calls.length === 0)
      continue;
    const kept: OpenAIToolCall[] = [];
    const refusals: string[] = [];
    for (const toolCall of message.tool_calls) {
      const enforcement = await enforce(toGuardCall(toolCall));
      if (enforcement.execute) kept.push(toolCall);
      else refusals.push(enforcement.refusal ?? '');
    }
    if (refusals.length === 0) continue;
    refused += refusals.length;
    const text = typeof message.content === 'string' ? message.content : '';
    message.content = [text, ...refusals].filter((part) => part !== '').join('\n\n');
    if (kept.length > 0) message.tool_calls = kept;
    else {
      delete message.tool_calls;
      if (choice.finish_reason === 'tool_calls') choice.finish_reason = 'stop';
    }
  }
  return refused;
}

/** An OpenAI tool call as the guard reads it. */
export function toGuardCall(toolCall: OpenAIToolCall): GuardToolCall {
  return {
    id: typeof toolCall.id === 'string' ? toolCall.id : '',
    name: typeof toolCall.function?.name === 'string' ? toolCall.function.name : '',
    arguments: toolCallArguments(toolCall.function?.arguments),
  };
}
