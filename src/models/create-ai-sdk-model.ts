import { type AssistantModelMessage, generateText, type LanguageModel } from 'ai';
import type { Model, ModelResponse } from '../spec/model.ts';
import type { Message, ToolCall, Usage } from '../spec/trajectory.ts';
import { ProviderError } from './provider-error.ts';
import { readRateLimit } from './read-rate-limit.ts';
import { toAiSdkPrompt, toAiSdkTools } from './to-ai-sdk-prompt.ts';
import { toProviderError } from './to-provider-error.ts';

type ProviderOptions = NonNullable<Parameters<typeof generateText>[0]['providerOptions']>;
/** The AI SDK's reasoning effort setting, passed as is. */
export type ReasoningEffort = 'provider-default' | 'none' | 'minimal' | 'low' | 'medium' | 'high';

export interface AiSdkModelOptions {
  /** Our id, e.g. `anthropic/claude-opus-4-1`. */
  readonly id: string;
  /** The provider name used in errors, e.g. `anthropic`. */
  readonly provider: string;
  readonly model: LanguageModel;
  /** Key values to remove from every error message. */
  readonly secrets: readonly string[];
  readonly providerOptions?: ProviderOptions;
  readonly reasoning?: ReasoningEffort;
  /** False for providers without sampling seeds (Anthropic), so the SDK does not warn on every call. */
  readonly seeds?: boolean;
  /** The model behind the endpoint is a sim agent (the mock server's `sim-…` models): labelled as such. */
  readonly simulated?: boolean;
  /** Sends the sample's seed as `x-haywire-seed` (for endpoints such as the mock server). */
  readonly seedHeader?: boolean;
}

const KEPT_TURNS = 512;

/**
 * Wraps an AI SDK language model as a Haywire `Model`: one `generateText` call per request, no SDK retries
 * (the engine retries), tools offered without `execute`, reasoning kept apart from the text, usage with cache
 * and reasoning tokens, and the quota headers. Failures throw `ProviderError`.
 */
export function createAiSdkModel(options: AiSdkModelOptions): Model {
  // Signed reasoning of recent tool-calling turns, replayed as the provider requires (Anthropic thinking).
  const kept = new Map<string, AssistantModelMessage>();
  const priorTurn = (message: Message) => kept.get(turnKey(message.content, message.toolCalls ?? []));
  return {
    id: options.id,
    simulated: options.simulated === true,
    async generate(request) {
      quietSdkWarnings();
      const prompt = toAiSdkPrompt(request.messages, {
        cacheablePrefix: request.cacheablePrefix === true,
        priorTurn,
      });
      let result: Awaited<ReturnType<typeof generateText>>;
      try {
        result = await generateText({
          model: options.model,
          ...(prompt.instructions.length === 0 ? {} : { instructions: prompt.instructions }),
          messages: prompt.messages,
          allowSystemInMessages: true,
          ...(request.tools === undefined || request.tools.length === 0
            ? {}
            : { tools: toAiSdkTools(request.tools) }),
          temperature: request.temperature,
          maxOutputTokens: request.maxTokens,
          ...(options.seeds === false ? {} : { seed: request.seed }),
          maxRetries: 0,
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
      const assistant = result.response.messages.find((m) => m.role === 'assistant');
      if (response.reasoning !== undefined && response.toolCalls.length > 0 && assistant !== undefined) {
        if (kept.size >= KEPT_TURNS) kept.delete(kept.keys().next().value ?? '');
        kept.set(turnKey(response.text, response.toolCalls), assistant);
      }
      return response;
    },
  };
}

function toResponse(
  result: Awaited<ReturnType<typeof generateText>>,
  options: AiSdkModelOptions,
): ModelResponse {
  if (result.rawFinishReason === 'refusal') {
    throw new ProviderError('refusal', `${options.provider}: the model refused to answer`, {
      provider: options.provider,
    });
  }
  if (result.finishReason === 'content-filter') {
    throw new ProviderError(
      'content_filter',
      `${options.provider}: the response stopped on the content filter`,
      {
        provider: options.provider,
      },
    );
  }
  const toolCalls: ToolCall[] = result.toolCalls.map((call) => ({
    id: call.toolCallId,
    name: call.toolName,
    arguments: isRecord(call.input) ? call.input : {},
  }));
  const reasoning = result.reasoningText;
  const rateLimit = readRateLimit(result.response.headers ?? {});
  return {
    text: result.text,
    ...(reasoning === undefined || reasoning === '' ? {} : { reasoning }),
    toolCalls,
    usage: toUsage(result.usage),
    finishReason: finishReasonOf(result.finishReason, toolCalls.length),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
}

/** Input tokens include cache reads and writes; `cacheReadTokens` and `cacheWriteTokens` say how many. */
function toUsage(usage: Awaited<ReturnType<typeof generateText>>['usage']): Usage {
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    reasoningTokens: usage.outputTokenDetails.reasoningTokens ?? 0,
    cacheReadTokens: usage.inputTokenDetails.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.inputTokenDetails.cacheWriteTokens ?? 0,
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The SDK prints a warning per call for settings a model ignores; they would bury the progress display.
function quietSdkWarnings(): void {
  const scope = globalThis as { AI_SDK_LOG_WARNINGS?: unknown };
  if (scope.AI_SDK_LOG_WARNINGS === undefined) scope.AI_SDK_LOG_WARNINGS = false;
}
