import type { ToolDefinition } from '../spec/model.ts';
import type { Trajectory } from '../spec/trajectory.ts';

/** A message in OpenAI chat format. */
export type OpenAIMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

/** An OpenAI chat-format trace: what `haywire guard check` reads. */
export interface OpenAITrace {
  messages: OpenAIMessage[];
  tools?: {
    type: 'function';
    function: { name: string; description: string; parameters: Record<string, unknown> };
  }[];
}

/**
 * Converts a Haywire trajectory to an OpenAI chat-format trace. Private reasoning is dropped: a proxy
 * in front of a real agent does not see it either.
 * @example
 * const trace = trajectoryToOpenAI(await runAgent({ ...options, mode: 'tools' }), toolDefinitions(scenario.tools));
 */
export function trajectoryToOpenAI(
  trajectory: Trajectory,
  tools: readonly ToolDefinition[] = [],
): OpenAITrace {
  const messages = trajectory.messages.map((m): OpenAIMessage => {
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId ?? '', content: m.content };
    if (m.role === 'assistant') {
      const calls = m.toolCalls ?? [];
      return calls.length === 0
        ? { role: 'assistant', content: m.content }
        : {
            role: 'assistant',
            content: m.content === '' ? null : m.content,
            tool_calls: calls.map((c) => ({
              id: c.id,
              type: 'function',
              function: { name: c.name, arguments: JSON.stringify(c.arguments) },
            })),
          };
    }
    return { role: m.role, content: m.content };
  });
  const trace: OpenAITrace = { messages };
  if (tools.length > 0) {
    trace.tools = tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: { ...t.parameters } },
    }));
  }
  return trace;
}
