import type { ModelRequest, ModelResponse } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';
import { tokensOf } from './split-reasoning.ts';

/** A request as either wire format describes it, in Haywire's terms. */
export interface SimCall {
  readonly modelName: string;
  readonly request: ModelRequest;
  readonly stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** The client asked for reasoning (Anthropic `thinking`, OpenAI `reasoning_effort`, OpenRouter `reasoning`). */
  readonly wantsReasoning: boolean;
  /** The system text up to the client's cache breakpoint (Anthropic), or the whole system text (OpenAI). */
  readonly cachePrefix: string | undefined;
}

/** Token counts in the shape both wire formats derive theirs from. */
export interface SimUsage {
  /** All input tokens, cached or not. */
  readonly input: number;
  readonly output: number;
  readonly reasoning: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

/** Counts a reply's tokens, four characters a token; the cache prefix is read if seen before, else written. */
export function countUsage(
  messages: readonly Message[],
  response: ModelResponse,
  cache: { prefix: string | undefined; seen: boolean; explicit: boolean },
): SimUsage {
  const input = messages.reduce((n, m) => n + tokensOf(m.content), 0);
  const calls = response.toolCalls.reduce((n, c) => n + tokensOf(c.name + JSON.stringify(c.arguments)), 0);
  const reasoning = tokensOf(response.reasoning ?? '');
  const prefix = cache.prefix === undefined ? 0 : tokensOf(cache.prefix);
  return {
    input,
    output: tokensOf(response.text) + calls + reasoning,
    reasoning,
    cacheRead: cache.seen ? prefix : 0,
    // OpenAI caches implicitly and reports no writes.
    cacheWrite: !cache.seen && cache.explicit ? prefix : 0,
  };
}

/** Splits text into a few pieces, as a streaming API sends it. */
export function chunksOf(text: string, pieces = 3): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
