import type { Message } from '../../spec/trajectory.ts';

const BLOCK = /<(SCRATCHPAD_REASONING|scratchpad|thinking|think)>([\s\S]*?)(?:<\/\1>|$)/gi;

/**
 * The agent's reasoning: exposed provider reasoning, scratchpad/thinking blocks, and in tools mode the prose
 * the agent wrote next to its calls. Empty when it showed none.
 */
export function reasoningText(messages: readonly Message[]): string {
  const parts: string[] = [];
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    if (message.reasoning !== undefined) parts.push(message.reasoning);
    const blocks = [...message.content.matchAll(BLOCK)].map((m) => m[2]!);
    if (blocks.length > 0) parts.push(...blocks);
    else if ((message.toolCalls ?? []).length > 0) parts.push(message.content);
  }
  return parts.join('\n').trim();
}
