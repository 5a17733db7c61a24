import type { GuardToolCall } from '../hooks/guard-port.ts';
import { toolCallArguments } from './tool-call-arguments.ts';
import { UnreadableAnswerError } from './unreadable-answer-error.ts';

/** The calls one message of a chat answer asks for. */
export interface MessageCalls {
  /** Its `tool_calls`, function and custom, in order. */
  readonly toolCalls: readonly GuardToolCall[];
  /** A legacy `function_call`, when there is one. */
  readonly functionCall: GuardToolCall | undefined;
}

const NONE: MessageCalls = { toolCalls: [], functionCall: undefined };

/**
 * Reads the calls of an assistant message as a client would run them: `tool_calls` of type `function` (the
 * arguments text) or `custom` (the free-text input), and a legacy `function_call`. Anything else that could
 * carry a call throws `UnreadableAnswerError`, so the answer is refused rather than passed on undecided.
 */
export function readMessageCalls(message: unknown): MessageCalls {
  if (message === undefined || message === null) return NONE;
  if (!isObject(message)) throw new UnreadableAnswerError('a choice whose message is not an object');
  const { tool_calls: toolCalls, function_call: functionCall } = message;
  if (
    (toolCalls === undefined || toolCalls === null) &&
    (functionCall === undefined || functionCall === null)
  )
    return NONE;
  if (toolCalls !== undefined && toolCalls !== null && !Array.isArray(toolCalls))
    throw new UnreadableAnswerError('tool_calls that are not a list');
  return {
    toolCalls: Array.isArray(toolCalls) ? toolCalls.map(readToolCall) : [],
    functionCall:
      functionCall === undefined || functionCall === null ? undefined : readFunctionCall(functionCall),
  };
}

/** Reads one tool call: `{ id, type: 'function', function: { name, arguments } }` or `type: 'custom'`. */
export function readToolCall(raw: unknown): GuardToolCall {
  if (!isObject(raw)) throw new UnreadableAnswerError('a tool call that is not an object');
  const type = raw.type ?? (raw.function === undefined && raw.custom !== undefined ? 'custom' : 'function');
  const id = typeof raw.id === 'string' ? raw.id : '';
  if (type === 'function') {
    if (!isObject(raw.function)) throw new UnreadableAnswerError('a function tool call without its function');
    return { id, name: nameOf(raw.function.name), arguments: argumentsOf(raw.function.arguments) };
  }
  if (type === 'custom') {
    if (!isObject(raw.custom)) throw new UnreadableAnswerError('a custom tool call without its tool');
    return { id, name: nameOf(raw.custom.name), arguments: argumentsOf(raw.custom.input) };
  }
  throw new UnreadableAnswerError(`a tool call of unknown type ${JSON.stringify(type).slice(0, 40)}`);
}

/** Reads a legacy `function_call` (`{ name, arguments }`, no id). */
export function readFunctionCall(raw: unknown): GuardToolCall {
  if (!isObject(raw)) throw new UnreadableAnswerError('a function_call that is not an object');
  return { id: '', name: nameOf(raw.name), arguments: argumentsOf(raw.arguments) };
}

function nameOf(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw new UnreadableAnswerError('a call without a tool name');
  return name;
}

// Text (JSON or free text) as the guard reads a function's arguments; an object as it is, as lenient clients take it.
function argumentsOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return toolCallArguments(value);
  if (value === undefined || value === null) return {};
  if (isObject(value)) return value;
  throw new UnreadableAnswerError('call arguments that are neither text nor an object');
}

/** A JSON object (not an array or null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
