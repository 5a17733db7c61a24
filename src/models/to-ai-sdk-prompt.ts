import {
  type AssistantModelMessage,
  jsonSchema,
  type ModelMessage,
  type SystemModelMessage,
  type ToolSet,
} from 'ai';
import type { ToolDefinition } from '../spec/model.ts';
import type { Message } from '../spec/trajectory.ts';

/** The AI SDK's form of a request's messages: the system prompt as instructions, the rest as messages. */
export interface AiSdkPrompt {
  readonly instructions: SystemModelMessage[];
  readonly messages: ModelMessage[];
}

const ANTHROPIC_CACHE = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/**
 * Converts our messages to the AI SDK's. Leading system messages become `instructions` (a real system role:
 * Anthropic's `system`, Gemini's `systemInstruction`, OpenAI's system or developer message); with
 * `cacheablePrefix` the last of them carries Anthropic's cache breakpoint. Tool results name their tool, found
 * from the assistant call they answer. `priorTurns` returns the provider's own form of an earlier assistant
 * turn (with its signed reasoning) when the adapter kept it.
 */
export function toAiSdkPrompt(
  messages: readonly Message[],
  options: {
    cacheablePrefix: boolean;
    priorTurn?: (message: Message) => AssistantModelMessage | undefined;
  },
): AiSdkPrompt {
  const firstOther = messages.findIndex((m) => m.role !== 'system');
  const systemCount = firstOther === -1 ? messages.length : firstOther;
  const instructions: SystemModelMessage[] = messages
    .slice(0, systemCount)
    .map((m, i) =>
      options.cacheablePrefix && i === systemCount - 1
        ? { role: 'system', content: m.content, providerOptions: ANTHROPIC_CACHE }
        : { role: 'system', content: m.content },
    );
  const toolNames = new Map<string, string>();
  const out: ModelMessage[] = [];
  for (const message of messages.slice(systemCount)) {
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: message.content });
        break;
      case 'user':
        out.push({ role: 'user', content: message.content });
        break;
      case 'assistant': {
        for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
        out.push(options.priorTurn?.(message) ?? assistantMessage(message));
        break;
      }
      case 'tool': {
        const toolCallId = message.toolCallId ?? '';
        out.push({
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId,
              toolName: toolNames.get(toolCallId) ?? 'unknown',
              output: { type: 'text', value: message.content },
            },
          ],
        });
        break;
      }
    }
  }
  return { instructions, messages: out };
}

function assistantMessage(message: Message): AssistantModelMessage {
  const calls = message.toolCalls ?? [];
  if (calls.length === 0) return { role: 'assistant', content: message.content };
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

/** Our JSON-schema tools as AI SDK tools, without `execute`: the harness runs every call itself. */
export function toAiSdkTools(tools: readonly ToolDefinition[]): ToolSet {
  const set: ToolSet = {};
  for (const tool of tools) {
    set[tool.name] = {
      description: tool.description,
      inputSchema: jsonSchema(tool.parameters as Parameters<typeof jsonSchema>[0]),
    };
  }
  return set;
}
