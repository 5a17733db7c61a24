import type {
  LanguageModelV4FunctionTool,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
} from '@ai-sdk/provider';
import type { ToolDefinition } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';

type AssistantMessage = Extract<LanguageModelV4Message, { role: 'assistant' }>;
type ToolMessage = Extract<LanguageModelV4Message, { role: 'tool' }>;

const ANTHROPIC_CACHE = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/**
 * Our messages in the AI SDK's provider form (the prompt a `LanguageModelV4` takes). System messages keep a
 * real system role (Anthropic's `system`, Gemini's `systemInstruction`, OpenAI's system or developer message);
 * with `cacheablePrefix` the last leading one carries Anthropic's cache breakpoint. Consecutive tool results
 * share one tool message, each naming its tool, found from the assistant call it answers. `priorTurn` returns
 * the provider's own form of an earlier assistant turn (with its signed reasoning) when the adapter kept it.
 */
export function toLanguageModelPrompt(
  messages: readonly Message[],
  options: { cacheablePrefix: boolean; priorTurn?: (message: Message) => AssistantMessage | undefined },
): LanguageModelV4Prompt {
  const firstOther = messages.findIndex((m) => m.role !== 'system');
  const systemCount = firstOther === -1 ? messages.length : firstOther;
  const toolNames = new Map<string, string>();
  const prompt: LanguageModelV4Prompt = [];
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        prompt.push(
          options.cacheablePrefix && index === systemCount - 1
            ? { role: 'system', content: message.content, providerOptions: ANTHROPIC_CACHE }
            : { role: 'system', content: message.content },
        );
        break;
      case 'user':
        prompt.push({ role: 'user', content: [{ type: 'text', text: message.content }] });
        break;
      case 'assistant':
        for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
        prompt.push(options.priorTurn?.(message) ?? assistantMessage(message));
        break;
      case 'tool': {
        const toolCallId = message.toolCallId ?? '';
        const result = {
          type: 'tool-result' as const,
          toolCallId,
          toolName: toolNames.get(toolCallId) ?? 'unknown',
          output: { type: 'text' as const, value: message.content },
        };
        const last = prompt.at(-1);
        if (last?.role === 'tool') (last as ToolMessage).content.push(result);
        else prompt.push({ role: 'tool', content: [result] });
        break;
      }
    }
  });
  return prompt;
}

function assistantMessage(message: Message): AssistantMessage {
  const calls = message.toolCalls ?? [];
  if (calls.length === 0) return { role: 'assistant', content: [{ type: 'text', text: message.content }] };
  return {
    role: 'assistant',
    content: [
      ...(message.content === '' ? [] : [{ type: 'text' as const, text: message.content }]),
      ...calls.map((call) => ({
        type: 'tool-call' as const,
        toolCallId: call.id,
        toolName: call.name,
        input: call.arguments,
      })),
    ],
  };
}

/** Our JSON-schema tools as the provider's function tools: offered, never executed by the SDK. */
export function toFunctionTools(tools: readonly ToolDefinition[]): LanguageModelV4FunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    inputSchema: tool.parameters as LanguageModelV4FunctionTool['inputSchema'],
  }));
}
