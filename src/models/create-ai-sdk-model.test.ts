import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
} from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../spec/model.ts';
import { createAiSdkModel } from './create-ai-sdk-model.ts';
import { ProviderError } from './provider-error.ts';

const USAGE: LanguageModelV4GenerateResult['usage'] = {
  inputTokens: { total: 1200, noCache: 200, cacheRead: 900, cacheWrite: 100 },
  outputTokens: { total: 80, text: 50, reasoning: 30 },
};

/** A provider model that records each call and answers from a script. */
function scripted(answers: (Partial<LanguageModelV4GenerateResult> | Error)[]) {
  const calls: LanguageModelV4CallOptions[] = [];
  const model: LanguageModelV4 = {
    specificationVersion: 'v4',
    provider: 'test',
    modelId: 'scripted',
    supportedUrls: {},
    async doGenerate(options) {
      calls.push(options);
      const answer = answers[calls.length - 1] ?? {};
      if (answer instanceof Error) throw answer;
      return {
        content: [],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: USAGE,
        warnings: [],
        ...answer,
      };
    },
    doStream: () => Promise.reject(new Error('not used')),
  };
  return { model, calls };
}

const REQUEST: ModelRequest = {
  messages: [
    { role: 'system', content: 'You are Alex.' },
    { role: 'user', content: 'New mail.' },
  ],
  temperature: 1,
  maxTokens: 4000,
  seed: 9,
};

const OPTIONS = { id: 'test/scripted', provider: 'test', secrets: ['sk-planted-secret-1234567890'] };

describe('createAiSdkModel: one doGenerate call per request, straight to the provider', () => {
  it('sends a real system role, the sampling settings, the seed and its header', async () => {
    const { model, calls } = scripted([{ content: [{ type: 'text', text: 'Hello.' }] }]);
    const adapter = createAiSdkModel({ ...OPTIONS, model, seedHeader: true });
    const response = await adapter.generate({ ...REQUEST, cacheablePrefix: true });
    expect(response).toMatchObject({ text: 'Hello.', toolCalls: [], finishReason: 'stop' });
    const call = calls[0]!;
    expect(call.prompt).toEqual([
      {
        role: 'system',
        content: 'You are Alex.',
        providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
      },
      { role: 'user', content: [{ type: 'text', text: 'New mail.' }] },
    ]);
    expect(call).toMatchObject({ temperature: 1, maxOutputTokens: 4000, seed: 9 });
    expect(call.headers).toEqual({ 'x-haywire-seed': '9' });
    expect(call.tools).toBeUndefined();
  });

  it('makes a lazily given model once, on the first call, and shares it between calls in flight', async () => {
    const { model, calls } = scripted([{}, {}, {}]);
    let made = 0;
    const adapter = createAiSdkModel({
      ...OPTIONS,
      model: async () => {
        made++;
        return model;
      },
    });
    expect(made).toBe(0);
    await Promise.all([adapter.generate(REQUEST), adapter.generate(REQUEST)]);
    await adapter.generate(REQUEST);
    expect(made).toBe(1);
    expect(calls).toHaveLength(3);
  });

  it('leaves out the seed for providers without one, and offers tools as function tools', async () => {
    const { model, calls } = scripted([{}]);
    const adapter = createAiSdkModel({ ...OPTIONS, model, seeds: false });
    const parameters = { type: 'object', properties: { to: { type: 'string' } } };
    await adapter.generate({
      ...REQUEST,
      tools: [{ name: 'send_email', description: 'Sends an email.', parameters }],
    });
    expect(calls[0]!.seed).toBeUndefined();
    expect(calls[0]!.tools).toEqual([
      { type: 'function', name: 'send_email', description: 'Sends an email.', inputSchema: parameters },
    ]);
    expect(calls[0]!.toolChoice).toEqual({ type: 'auto' });
  });

  it('keeps reasoning apart from the text, parses tool arguments, and maps usage and quota headers', async () => {
    const { model } = scripted([
      {
        content: [
          { type: 'reasoning', text: 'Kyle is the ' },
          { type: 'reasoning', text: 'threat.' },
          { type: 'text', text: 'Sending.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'send_email', input: '{"to":"kyle@x.test"}' },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'send_email', input: '{"to": broken' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        response: { headers: { 'x-ratelimit-remaining-requests': '41' } },
      },
    ]);
    const response = await createAiSdkModel({ ...OPTIONS, model }).generate(REQUEST);
    expect(response).toEqual({
      text: 'Sending.',
      reasoning: 'Kyle is the threat.',
      toolCalls: [
        { id: 'c1', name: 'send_email', arguments: { to: 'kyle@x.test' } },
        // Arguments that are not JSON reach the harness as none, which it reports back to the agent.
        { id: 'c2', name: 'send_email', arguments: {} },
      ],
      usage: {
        inputTokens: 1200,
        outputTokens: 80,
        reasoningTokens: 30,
        cacheReadTokens: 900,
        cacheWriteTokens: 100,
      },
      finishReason: 'tool_calls',
      rateLimit: expect.objectContaining({ remainingRequests: 41 }),
    });
  });

  it('replays a signed reasoning turn verbatim, and sends consecutive tool results as one message', async () => {
    const signature = { anthropic: { signature: 'signed-by-provider' } };
    const { model, calls } = scripted([
      {
        content: [
          { type: 'reasoning', text: 'I should read first.', providerMetadata: signature },
          { type: 'tool-call', toolCallId: 'r1', toolName: 'read_inbox', input: '{}' },
          { type: 'tool-call', toolCallId: 'r2', toolName: 'read_file', input: '{"path":"a"}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      },
      { content: [{ type: 'text', text: 'Done.' }] },
    ]);
    const adapter = createAiSdkModel({ ...OPTIONS, model });
    const first = await adapter.generate(REQUEST);
    await adapter.generate({
      ...REQUEST,
      messages: [
        ...REQUEST.messages,
        { role: 'assistant', content: first.text, toolCalls: [...first.toolCalls] },
        { role: 'tool', content: 'inbox: 3 emails', toolCallId: 'r1' },
        { role: 'tool', content: 'file a', toolCallId: 'r2' },
      ],
    });
    expect(calls[1]!.prompt.slice(2)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should read first.', providerOptions: signature },
          { type: 'tool-call', toolCallId: 'r1', toolName: 'read_inbox', input: {} },
          { type: 'tool-call', toolCallId: 'r2', toolName: 'read_file', input: { path: 'a' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'r1',
            toolName: 'read_inbox',
            output: { type: 'text', value: 'inbox: 3 emails' },
          },
          {
            type: 'tool-result',
            toolCallId: 'r2',
            toolName: 'read_file',
            output: { type: 'text', value: 'file a' },
          },
        ],
      },
    ]);
  });

  it('turns a refusal, a content filter and a provider failure into ProviderErrors, keys removed', async () => {
    const { model } = scripted([
      { finishReason: { unified: 'other', raw: 'refusal' } },
      { finishReason: { unified: 'content-filter', raw: 'content_filter' } },
      new APICallError({
        message: 'bad key sk-planted-secret-1234567890',
        url: 'https://api.test/v1',
        requestBodyValues: {},
        statusCode: 401,
      }),
    ]);
    const adapter = createAiSdkModel({ ...OPTIONS, model });
    await expect(adapter.generate(REQUEST)).rejects.toMatchObject({ kind: 'refusal' });
    await expect(adapter.generate(REQUEST)).rejects.toMatchObject({ kind: 'content_filter' });
    const failure = await adapter.generate(REQUEST).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ kind: 'request_rejected' });
    expect(String((failure as Error).message)).not.toContain('sk-planted-secret');
  });
});
