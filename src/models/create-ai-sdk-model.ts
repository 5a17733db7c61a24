import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Message,
} from '@ai-sdk/provider';
import type { Model, ModelResponse } from '../spec/model.ts';
import type { Message, ToolCall, Usage } from '../spec/trajectory.ts';
import { parseToolArguments } from './parse-tool-arguments.ts';
import { ProviderError } from './provider-error.ts';
import { readRateLimit } from './read-rate-limit.ts';
import { toFunctionTools, toLanguageModelPrompt } from './to-language-model-prompt.ts';
import { toProviderError } from './to-provider-error.ts';

type ProviderOptions = NonNullable<LanguageModelV4CallOptions['providerOptions']>;
type AssistantMessage = Extract<LanguageModelV4Message, { role: 'assistant' }>;
/** The AI SDK's reasoning effort setting, passed as is. */
export type ReasoningEffort = 'provider-default' | 'none' | 'minimal' | 'low' | 'medium' | 'high';

export interface AiSdkModelOptions {
  /** Our id, e.g. `anthropic/claude-opus-4-1`. */
  readonly id: string;
  /** The provider name used in errors, e.g. `anthropic`. */
  readonly provider: string;
  /** The model, or how to make it on the first call (importing the provider's package then). */
  readonly model: LanguageModelV4 | (() => Promise<LanguageModelV4>);
  /** Key values to remove from every error message. */
  readonly secrets: readonly string[];
  readonly providerOptions?: ProviderOptions;
  readonly reasoning?: ReasoningEffort;
  /** False for providers without sampling seeds (Anthropic), so the provider does not warn on every call. */
  readonly seeds?: boolean;
  /** The model behind the endpoint is a sim agent (the mock server's `sim-…` models): labelled as such. */
  readonly simulated?: boolean;
  /** Sends the sample's seed as `x-haywire-seed` (for endpoints such as the mock server). */
  readonly seedHeader?: boolean;
  /** See `Model.settings`. */
  readonly settings?: string;
  /** See `Model.endpoint`. */
  readonly endpoint?: string;
}

const KEPT_TURNS = 512;

/**
 * Wraps an AI SDK language model as a Haywire `Model`: one `doGenerate` call per request, straight to the
 * provider (no SDK retries: the engine retries; no tool execution: the harness runs every call), reasoning
 * kept apart from the text, usage with cache and reasoning tokens, and the quota headers. Failures throw
 * `ProviderError`. It calls the provider's model directly rather than through `generateText`, whose
 * multi-step loop, telemetry and result objects we do not use and which cost about 0.7 ms CPU and a third
 * of the heap per call (docs/decisions/0003-ai-sdk.md).
 */
export function createAiSdkModel(options: AiSdkModelOptions): Model {
  // Signed reasoning of recent tool-calling turns, replayed as the provider requires (Anthropic thinking).
  const kept = new Map<string, AssistantMessage>();
  const priorTurn = (message: Message) => kept.get(turnKey(message.content, message.toolCalls ?? []));
  const make = options.model;
  let made: Promise<LanguageModelV4> | undefined;
  const modelOf = () => (made ??= typeof make === 'function' ? make() : Promise.resolve(make));
  return {
    id: options.id,
    simulated: options.simulated === true,
    ...(options.settings === undefined ? {} : { settings: options.settings }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    async generate(request) {
      const prompt = toLanguageModelPrompt(request.messages, {
        cacheablePrefix: request.cacheablePrefix === true,
        priorTurn,
      });
      const tools = request.tools === undefined || request.tools.length === 0 ? undefined : request.tools;
      let result: LanguageModelV4GenerateResult;
      try {
        result = await (await modelOf()).doGenerate({
          prompt,
          ...(tools === undefined ? {} : { tools: toFunctionTools(tools), toolChoice: { type: 'auto' } }),
          temperature: request.temperature,
          maxOutputTokens: request.maxTokens,
          ...(options.seeds === false ? {} : { seed: request.seed }),
          ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
          ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
          ...(options.reasoning === undefined ? {} : { reasoning: options.reasoning }),
          ...(options.seedHeader === true ? { headers: { 'x-haywire-seed': String(request.seed) } } : {}),
        });
      } catch (cause) {
        request.signal?.throwIfAborted();
        throw toProviderError(cause, options);
      }
      const response = toResponse(result, options);
      if (response.reasoning !== undefined && response.toolCalls.length > 0) {
        if (kept.size >= KEPT_TURNS) kept.delete(kept.keys().next().value ?? '');
        kept.set(turnKey(response.text, response.toolCalls), assistantTurn(result.content));
      }
      return response;
    },
  };
}

function toResponse(result: LanguageModelV4GenerateResult, options: AiSdkModelOptions): ModelResponse {
  if (result.finishReason.raw === 'refusal') {
    throw new ProviderError('refusal', `${options.provider}: the model refused to answer`, {
      provider: options.provider,
    });
  }
  if (result.finishReason.unified === 'content-filter') {
    throw new ProviderError(
      'content_filter',
      `${options.provider}: the response stopped on the content filter`,
      {
        provider: options.provider,
      },
    );
  }
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else if (part.type === 'tool-call' && part.providerExecuted !== true) {
      toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: parseToolArguments(part.input) });
    }
  }
  const rateLimit = readRateLimit(result.response?.headers ?? {});
  return {
    text,
    ...(reasoning === '' ? {} : { reasoning }),
    toolCalls,
    usage: toUsage(result.usage),
    finishReason: finishReasonOf(result.finishReason.unified, toolCalls.length),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
}

/** The turn as the provider gave it, to send back verbatim: reasoning signatures travel as provider options. */
function assistantTurn(content: readonly LanguageModelV4Content[]): AssistantMessage {
  const parts: AssistantMessage['content'] = [];
  for (const part of content) {
    const providerOptions = part.type === 'source' ? undefined : part.providerMetadata;
    const extra = providerOptions === undefined ? {} : { providerOptions };
    if (part.type === 'text' && (part.text !== '' || providerOptions !== undefined))
      parts.push({ type: 'text', text: part.text, ...extra });
    else if (part.type === 'reasoning') parts.push({ type: 'reasoning', text: part.text, ...extra });
    else if (part.type === 'tool-call' && part.providerExecuted !== true) {
      const input = parseToolArguments(part.input);
      parts.push({
        type: 'tool-call',
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        input,
        ...extra,
      });
    }
  }
  return { role: 'assistant', content: parts };
}

/** Input tokens include cache reads and writes; `cacheReadTokens` and `cacheWriteTokens` say how many. */
function toUsage(usage: LanguageModelV4GenerateResult['usage']): Usage {
  return {
    inputTokens: usage.inputTokens.total ?? 0,
    outputTokens: usage.outputTokens.total ?? 0,
    reasoningTokens: usage.outputTokens.reasoning ?? 0,
    cacheReadTokens: usage.inputTokens.cacheRead ?? 0,
    cacheWriteTokens: usage.inputTokens.cacheWrite ?? 0,
  };
}

function finishReasonOf(reason: string, calls: number): ModelResponse['finishReason'] {
  if (reason === 'length') return 'length';
  if (reason === 'error') return 'error';
  return calls > 0 ? 'tool_calls' : 'stop';
}

function turnKey(text: string, calls: readonly ToolCall[]): string {
  return `${text}\u0000${JSON.stringify(calls.map((c) => [c.name, c.arguments]))}`;
}
