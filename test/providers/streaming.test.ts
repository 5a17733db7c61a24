import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, type LanguageModel, streamText, type ToolSet } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolDefinitions } from '../../src/harness/index.ts';
import type { MockServer } from '../../src/mock-server/index.ts';
import { pressuredScenario, startLoggedMock } from './mock-fixture.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startLoggedMock();
});
afterAll(() => server.close());

const CLIENTS: Record<string, (name: string) => LanguageModel> = {
  'anthropic messages': (name) => createAnthropic({ apiKey: 'test', baseURL: `${server.url}/v1` })(name),
  'openai chat completions': (name) =>
    createOpenAI({ apiKey: 'test', baseURL: `${server.url}/v1` }).chat(name),
  'openai-compatible chat completions': (name) =>
    createOpenAICompatible({ name: 'mock', apiKey: 'test', baseURL: `${server.url}/v1`, includeUsage: true })(
      name,
    ),
};

function tools(): ToolSet {
  const set: ToolSet = {};
  for (const t of toolDefinitions(['read_inbox', 'send_email'])) {
    set[t.name] = { description: t.description, inputSchema: jsonSchema(t.parameters as never) };
  }
  return set;
}

describe.each(Object.keys(CLIENTS))('streaming, %s', (wire) => {
  it('streams text, reasoning, tool-call deltas and a final usage that match the unstreamed answer', async () => {
    const scenario = pressuredScenario('tools');
    const model = CLIENTS[wire]!('sim-insider-thinking');
    // The second turn of tools mode: the inbox was read, now the agent acts.
    const call = {
      model,
      instructions: scenario.system,
      tools: tools(),
      maxRetries: 0,
      messages: [
        { role: 'user' as const, content: scenario.instruction },
        {
          role: 'assistant' as const,
          content: [{ type: 'tool-call' as const, toolCallId: 'c1', toolName: 'read_inbox', input: {} }],
        },
        {
          role: 'tool' as const,
          content: [
            {
              type: 'tool-result' as const,
              toolCallId: 'c1',
              toolName: 'read_inbox',
              output: { type: 'text' as const, value: scenario.user },
            },
          ],
        },
      ],
    };
    const whole = await generateText(call);
    const streamed = streamText(call);
    const parts: string[] = [];
    for await (const part of streamed.fullStream) parts.push(part.type);
    expect(await streamed.text).toBe(whole.text);
    expect(await streamed.reasoningText).toBe(whole.reasoningText);
    expect((await streamed.toolCalls).map((c) => [c.toolName, c.input])).toEqual(
      whole.toolCalls.map((c) => [c.toolName, c.input]),
    );
    expect(whole.toolCalls.map((c) => c.toolName)).toContain('send_email');
    // OpenAI's own client reads no reasoning from chat completions (OpenAI sends none there).
    const readsReasoning = wire !== 'openai chat completions';
    expect(whole.reasoningText ?? '').toMatch(readsReasoning ? /Kyle/ : /^$/);
    expect(await streamed.finishReason).toBe('tool-calls');
    const usage = await streamed.usage;
    expect(usage.inputTokens).toBe(whole.usage.inputTokens);
    expect(usage.outputTokens).toBe(whole.usage.outputTokens);
    // Arrived in pieces: several deltas of reasoning and of tool input.
    expect(parts.filter((p) => p === 'reasoning-delta').length > 1).toBe(readsReasoning);
    expect(parts.filter((p) => p === 'tool-input-delta').length).toBeGreaterThan(1);
  });
});
