import type { EnforceCall } from './guard-chat-completion.ts';
import { toGuardCall } from './guard-chat-completion.ts';

interface HeldCall {
  id: string;
  name: string;
  arguments: string;
}

type Chunk = Record<string, unknown> & { choices?: unknown };
type StreamChoice = { index?: number; delta?: Record<string, unknown>; finish_reason?: unknown };

/**
 * Guards a streamed chat completion (OpenAI server-sent events). Text deltas flow through as they come;
 * tool-call deltas are held back until the choice finishes, then every held call is decided, and only
 * allowed calls are sent (each whole, in one delta). A refused call never reaches the client in any part:
 * its refusal is sent as text instead, and a finish reason of `tool_calls` with no call left becomes `stop`.
 * @example
 * for await (const event of guardSseStream(upstreamBody, enforce)) response.write(event);
 */
export async function* guardSseStream(
  upstream: AsyncIterable<Buffer | string>,
  enforce: EnforceCall,
): AsyncGenerator<string> {
  const held = new Map<number, Map<number, HeldCall>>();
  let meta: Chunk = {};
  let buffer = '';
  const decoder = new TextDecoder();

  async function* handle(event: string): AsyncGenerator<string> {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data === '') return yield `${event}\n\n`;
    if (data === '[DONE]') {
      for (const index of [...held.keys()]) yield* release(index, undefined);
      return yield `${event}\n\n`;
    }
    let chunk: Chunk;
    try {
      chunk = JSON.parse(data) as Chunk;
    } catch {
      return yield `${event}\n\n`;
    }
    const { choices, ...rest } = chunk;
    meta = rest;
    if (!Array.isArray(choices)) return yield sse(chunk);
    if (choices.length === 0) return yield sse(chunk);
    for (const choice of choices as StreamChoice[]) {
      const index = choice.index ?? 0;
      const delta = { ...(choice.delta ?? {}) };
      if (Array.isArray(delta.tool_calls)) {
        hold(index, delta.tool_calls as unknown[]);
        delete delta.tool_calls;
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

  function hold(choiceIndex: number, deltas: unknown[]): void {
    const calls = held.get(choiceIndex) ?? new Map<number, HeldCall>();
    held.set(choiceIndex, calls);
    for (const raw of deltas) {
      const delta = raw as {
        index?: number;
        id?: unknown;
        function?: { name?: unknown; arguments?: unknown };
      };
      const at = delta.index ?? calls.size;
      const call = calls.get(at) ?? { id: '', name: '', arguments: '' };
      calls.set(at, call);
      if (typeof delta.id === 'string') call.id = delta.id;
      if (typeof delta.function?.name === 'string') call.name += delta.function.name;
      if (typeof delta.function?.arguments === 'string') call.arguments += delta.function.arguments;
    }
  }

  async function* release(choiceIndex: number, finish: unknown): AsyncGenerator<string> {
    const calls = [...(held.get(choiceIndex)?.entries() ?? [])].sort(([a], [b]) => a - b).map(([, c]) => c);
    held.delete(choiceIndex);
    let kept = 0;
    for (const call of calls) {
      const enforcement = await enforce(
        toGuardCall({ id: call.id, function: { name: call.name, arguments: call.arguments } }),
      );
      const delta = enforcement.execute
        ? {
            tool_calls: [
              {
                index: kept++,
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: call.arguments },
              },
            ],
          }
        : { content: `\n\n${enforcement.refusal ?? ''}` };
      yield sse({ ...meta, choices: [{ index: choiceIndex, delta, finish_reason: null }] });
    }
    if (finish === undefined) return;
    const reason = kept === 0 && finish === 'tool_calls' ? 'stop' : finish;
    yield sse({ ...meta, choices: [{ index: choiceIndex, delta: {}, finish_reason: reason }] });
  }

  for await (const piece of upstream) {
    buffer += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    let boundary = nextBoundary(buffer);
    while (boundary !== undefined) {
      const event = buffer.slice(0, boundary.at);
      buffer = buffer.slice(boundary.at + boundary.length);
      if (event.trim() !== '') yield* handle(event);
      boundary = nextBoundary(buffer);
    }
  }
  if (buffer.trim() !== '') yield* handle(buffer);
  for (const index of [...held.keys()]) yield* release(index, undefined);
}

function nextBoundary(text: string): { at: number; length: number } | undefined {
  const match = /\r?\n\r?\n/.exec(text);
  return match === null ? undefined : { at: match.index, length: match[0].length };
}

function sse(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
