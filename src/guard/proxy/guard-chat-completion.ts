import type { Enforcement } from '../hooks/enforce-tool-call.ts';
import type { GuardToolCall } from '../hooks/guard-port.ts';
import { isObject, readMessageCalls } from './read-tool-calls.ts';
import { UnreadableAnswerError } from './unreadable-answer-error.ts';

/** Decides one tool call, waiting for a human when the guard asks for one. */
export type EnforceCall = (call: GuardToolCall) => Promise<Enforcement>;

/**
 * Guards a non-streamed chat completion in place: every call (function and custom tool calls, a legacy
 * `function_call`) is decided in order; a refused call is removed and its refusal is appended to the
 * assistant's text, so the client's agent loop runs only the calls that were allowed and the model reads why
 * the others did not happen. When no call is left, the finish reason becomes `stop`. Returns how many calls
 * were refused; throws `UnreadableAnswerError`, before deciding anything, for an answer it cannot fully read.
 */
export async function guardChatCompletion(completion: unknown, enforce: EnforceCall): Promise<number> {
  if (!isObject(completion)) throw new UnreadableAnswerError('the answer is not a JSON object');
  const choices = completion.choices;
  if (choices === undefined || choices === null) return 0;
  if (!Array.isArray(choices)) throw new UnreadableAnswerError('choices that are not a list');
  // The whole answer is read before any call is decided: it is decided whole or refused whole.
  const read = choices.map((choice: unknown) => {
    if (!isObject(choice)) throw new UnreadableAnswerError('a choice that is not an object');
    return readMessageCalls(choice.message);
  });
  let refused = 0;
  for (const [at, { toolCalls, functionCall }] of read.entries()) {
    if (toolCalls.length === 0 && functionCall === undefined) continue;
    const choice = choices[at] as Record<string, unknown>;
    const message = choice.message as Record<string, unknown>;
    const raw = message.tool_calls as unknown[];
    const kept: unknown[] = [];
    const refusals: string[] = [];
    for (const [index, call] of toolCalls.entries()) {
      const enforcement = await enforce(call);
      if (enforcement.execute) kept.push(raw[index]);
      else refusals.push(enforcement.refusal ?? '');
    }
    let functionCallKept = false;
    if (functionCall !== undefined) {
      const enforcement = await enforce(functionCall);
      functionCallKept = enforcement.execute;
      if (!enforcement.execute) refusals.push(enforcement.refusal ?? '');
    }
    if (refusals.length === 0) continue;
    refused += refusals.length;
    const text = typeof message.content === 'string' ? message.content : '';
    message.content = [text, ...refusals].filter((part) => part !== '').join('\n\n');
    if (toolCalls.length > 0) {
      if (kept.length > 0) message.tool_calls = kept;
      else delete message.tool_calls;
    }
    if (functionCall !== undefined && !functionCallKept) delete message.function_call;
    const finish = choice.finish_reason;
    if (kept.length === 0 && !functionCallKept && (finish === 'tool_calls' || finish === 'function_call'))
      choice.finish_reason = 'stop';
  }
  return refused;
}
