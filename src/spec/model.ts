import type { Price } from './price.ts';
import type { Message, ToolCall, Usage } from './trajectory.ts';

/** A tool offered to the model, described by a JSON schema. */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ModelRequest {
  readonly messages: readonly Message[];
  readonly tools?: readonly ToolDefinition[];
  readonly temperature: number;
  readonly maxTokens: number;
  /** Deterministic per sample; providers that support seeds receive it. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  /**
   * The system prompt is a prefix shared across samples: providers that cache prompts explicitly
   * (Anthropic) mark it for caching. The engine decides the default.
   */
  readonly cacheablePrefix?: boolean;
}

/** What a provider's response headers said about the remaining quota, when it sent them. */
export interface RateLimitInfo {
  readonly remainingRequests?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the quota resets (the sooner of requests and tokens). */
  readonly resetMs?: number;
}

export interface ModelResponse {
  readonly text: string;
  readonly reasoning?: string;
  readonly toolCalls: readonly ToolCall[];
  readonly usage: Usage;
  readonly finishReason: 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'error';
  /** Remaining quota from the response headers (OpenAI `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*`). */
  readonly rateLimit?: RateLimitInfo;
}

/** What every provider implements; `sim/` agents implement it too. */
export interface Model {
  /** `provider/model`, e.g. `sim/insider` or `anthropic/claude-opus-4-1`. */
  readonly id: string;
  /** True for `sim/` test doubles; shown wherever results appear. */
  readonly simulated: boolean;
  /** The experiment modes it can run; absent means both. A `llamacpp/` model runs in inbox mode only. */
  readonly modes?: readonly ('inbox' | 'tools')[];
  /** Its price when set in `haywire.config.yaml`; otherwise the price table's (`priceOfModel`). */
  readonly price?: Price;
  /**
   * What decides its answers beyond its id and the request, as canonical JSON: the model a configured endpoint
   * serves when the id does not name one, and the reasoning setting (`{"reasoning":"high"}`). Part of the run id
   * (changing it starts another run) and of the response cache's key. Absent when the id says it all.
   */
  readonly settings?: string;
  /** Where its requests go when not the provider's default (`--base-url`, an endpoint's URL); part of the cache key. */
  readonly endpoint?: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
}

/**
 * Whether a model id names a simulated agent: `sim/…` in process, or a `sim-…` model behind an endpoint
 * (`openai/sim-insider` served by `haywire mock-server`). Such results are labelled as test doubles everywhere.
 */
export function isSimulatedModelId(id: string): boolean {
  return /^sim\//.test(id) || /^[^/]+\/(?:.*\/)?sim[-/]/.test(id);
}
