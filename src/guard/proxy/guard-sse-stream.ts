import type { EnforceCall } from './guard-chat-completion.ts';
import { isObject, readFunctionCall, readMessageCalls, readToolCall } from './read-tool-calls.ts';
import { UnreadableAnswerError } from './unreadable-answer-error.ts';

/** A streamed call being put together from its deltas: a function's arguments or a custom tool's input. */
interface HeldCall {
  id: string;
  type: unknown;
  kind: 'function' | 'custom' | undefined;
  name: string;
  text: string;
}

/** What one choice has streamed of its calls so far. */
interface HeldChoice {
  readonly calls: Map<number, HeldCall>;
  functionCall: { name: string; text: string } | undefined;
}

/**
 * Guards a streamed chat completion (OpenAI server-sent events). Text deltas flow through as they come;
 * tool-call deltas (function and custom tools, and a legacy `function_call`) are held back until the choice
 * finishes, then every held call is decided, and only allowed calls are sent (each whole, in one delta). A
 * refused call never reaches the client in any part: its refusal is sent as text instead, and a finish reason
 * of `tool_calls` with no call left becomes `stop`. Events are split on CRLF, LF or CR, as the SSE spec allows.
 * Throws `UnreadableAnswerError` at the first event it cannot read; what was held is never sent.
 * @example
 * for await (const event of guardSseStream(upstreamBody, enforce)) response.write(event);
 */
export async function* guardSseStream(
  upstream: AsyncIterable<Buffer | string>,
  enforce: EnforceCall,
): AsyncGenerator<string> {
  const held = new Map<number, HeldChoice>();
  let meta: Record<string, unknown> = {};
  let buffer = '';
  const decoder = new TextDecoder();

  async function* handle(event: string): AsyncGenerator<string> {
    const data = dataOf(event);
    // An event without data is never dispatched to the client's reader: comments, ids, retry times.
    if (data === undefined) return yield `${event}\n\n`;
    if (data === '[DONE]') {
      for (const index of [...held.keys()]) yield* release(index, undefined);
      return yield `${event}\n\n`;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new UnreadableAnswerError('a stream event whose data is not JSON', event);
    }
    if (!isObject(chunk)) throw new UnreadableAnswerError('a stream event that is not a JSON object', event);
    const { choices, ...rest } = chunk;
    meta = rest;
    if (choices === undefined || choices === null) return yield sse(chunk);
    if (!Array.isArray(choices))
      throw new UnreadableAnswerError('a stream event whose choices are not a list', event);
    if (choices.length === 0) return yield sse(chunk);
    for (const choice of choices as unknown[]) {
      if (!isObject(choice))
        throw new UnreadableAnswerError('a streamed choice that is not an object', event);
      const index = choice.index ?? 0;
      if (!isIndex(index)) throw new UnreadableAnswerError('a streamed choice without an index', event);
      const rawDelta = choice.delta ?? {};
      if (!isObject(rawDelta))
        throw new UnreadableAnswerError('a streamed delta that is not an object', event);
      const whole = readMessageCalls(choice.message);
      if (whole.toolCalls.length > 0 || whole.functionCall !== undefined)
        throw new UnreadableAnswerError('a streamed choice that carries a whole message with calls', event);
      const delta = { ...rawDelta };
      if (delta.tool_calls !== undefined && delta.tool_calls !== null) {
        holdToolCalls(index, delta.tool_calls, event);
        delete delta.tool_calls;
      }
      if (delta.function_call !== undefined && delta.function_call !== null) {
        holdFunctionCall(index, delta.function_call, event);
        delete delta.function_call;
      }
      const finish = choice.finish_reason ?? null;
      if (finish !== null && held.has(index)) {
        if (Object.keys(delta).length > 0)
          yield sse({ ...rest, choices: [{ ...choice, delta, finish_reason: null }] });
        yield* release(index, finish);
        continue;
      }
      if (Object.keys(delta).length > 0 || finish !== null)
        yield sse({ ...rest, choices: [{ ...choice, delta }] });
    }
  }

  function heldChoice(index: number): HeldChoice {
    let choice = held.get(index);
    if (choice === undefined) {
      choice = { calls: new Map(), functionCall: undefined };
      held.set(index, choice);
    }
    return choice;
  }

  function holdToolCalls(choiceIndex: number, deltas: unknown, event: string): void {
    if (!Array.isArray(deltas))
      throw new UnreadableAnswerError('streamed tool_calls that are not a list', event);
    const { calls } = heldChoice(choiceIndex);
    for (const delta of deltas) {
      if (!isObject(delta))
        throw new UnreadableAnswerError('a streamed tool call that is not an object', event);
      const at = delta.index ?? calls.size;
      if (!isIndex(at)) throw new UnreadableAnswerError('a streamed tool call without an index', event);
      const call = calls.get(at) ?? { id: '', type: undefined, kind: undefined, name: '', text: '' };
      calls.set(at, call);
      if (typeof delta.id === 'string') call.id = delta.id;
      if (delta.type !== undefined && delta.type !== null) call.type = delta.type;
      for (const kind of ['function', 'custom'] as const) {
        const part = delta[kind];
        if (part === undefined || part === null) continue;
        if (!isObject(part) || (call.kind !== undefined && call.kind !== kind))
          throw new UnreadableAnswerError(`a streamed tool call with a malformed ${kind}`, event);
        call.kind = kind;
        call.name += fragment(part.name, event);
        call.text += fragment(kind === 'function' ? part.arguments : part.input, event);
      }
    }
  }

  function holdFunctionCall(choiceIndex: number, delta: unknown, event: string): void {
    if (!isObject(delta))
      throw new UnreadableAnswerError('a streamed function_call that is not an object', event);
    const choice = heldChoice(choiceIndex);
    choice.functionCall ??= { name: '', text: '' };
    choice.functionCall.name += fragment(delta.name, event);
    choice.functionCall.text += fragment(delta.arguments, event);
  }

  async function* release(choiceIndex: number, finish: unknown): AsyncGenerator<string> {
    const choice = held.get(choiceIndex);
    held.delete(choiceIndex);
    if (choice === undefined) return;
    const calls = [...choice.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
    // Every held call is read before any is decided or sent.
    const read = calls.map((call) => ({ call, guarded: readToolCall(asToolCall(call)) }));
    const functionCall =
      choice.functionCall === undefined
        ? undefined
        : readFunctionCall({ name: choice.functionCall.name, arguments: choice.functionCall.text });
    let kept = 0;
    const send = (delta: Record<string, unknown>) =>
      sse({ ...meta, choices: [{ index: choiceIndex, delta, finish_reason: null }] });
    for (const { call, guarded } of read) {
      const enforcement = await enforce(guarded);
      yield send(
        enforcement.execute
          ? { tool_calls: [{ index: kept++, ...asToolCall(call) }] }
          : { content: `\n\n${enforcement.refusal ?? ''}` },
      );
    }
    if (functionCall !== undefined && choice.functionCall !== undefined) {
      const enforcement = await enforce(functionCall);
      if (enforcement.execute) kept++;
      yield send(
        enforcement.execute
          ? { function_call: { name: choice.functionCall.name, arguments: choice.functionCall.text } }
          : { content: `\n\n${enforcement.refusal ?? ''}` },
      );
    }
    if (finish === undefined) return;
    const reason = kept === 0 && (finish === 'tool_calls' || finish === 'function_call') ? 'stop' : finish;
    yield sse({ ...meta, choices: [{ index: choiceIndex, delta: {}, finish_reason: reason }] });
  }

  for await (const piece of upstream) {
    buffer += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    let boundary = EVENT_END.exec(buffer);
    while (boundary !== null) {
      const event = buffer.slice(0, boundary.index);
      buffer = buffer.slice(boundary.index + boundary[0].length);
      if (event.trim() !== '') yield* handle(event);
      boundary = EVENT_END.exec(buffer);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim() !== '') yield* handle(buffer);
  for (const index of [...held.keys()]) yield* release(index, undefined);
}

// A blank line ends an event; a line ends with CRLF, LF or CR (a CR followed by LF is one line end).
const EVENT_END = /(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)/;
const LINE_END = /\r\n|\r|\n/;

/**
 * An event's data as an SSE client reads it (its `data` lines joined by LF), or undefined without any. A line
 * that is not a comment or an SSE field throws: clients would skip it, but a body that is not SSE at all (JSON
 * sent as a stream) would then pass unread.
 */
function dataOf(event: string): string | undefined {
  let data: string | undefined;
  for (const line of event.split(LINE_END)) {
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field === 'data') {
      const value = colon === -1 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
      data = data === undefined ? value : `${data}\n${value}`;
    } else if (field !== '' && !OTHER_FIELDS.has(field))
      throw new UnreadableAnswerError('a stream line that is not an SSE field', event);
  }
  return data;
}

const OTHER_FIELDS = new Set(['event', 'id', 'retry']);

/** A held call as one whole OpenAI tool call. */
function asToolCall(call: HeldCall): Record<string, unknown> {
  const kind = call.kind ?? 'function';
  const body =
    kind === 'function' ? { name: call.name, arguments: call.text } : { name: call.name, input: call.text };
  return { id: call.id, type: call.type ?? kind, ...(call.kind === undefined ? {} : { [kind]: body }) };
}

function fragment(value: unknown, event: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string')
    throw new UnreadableAnswerError('a streamed call fragment that is not text', event);
  return value;
}

function isIndex(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function sse(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
