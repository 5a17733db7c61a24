import {
  generateText,
  isStepCount,
  jsonSchema,
  simulateReadableStream,
  streamText,
  tool,
  wrapLanguageModel,
} from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { scriptedGuardSession } from '../../../test/support/scripted-guard-session.ts';
import { ApprovalQueue } from '../approvals/approval-queue.ts';
import { guardMiddleware } from './guard-middleware.ts';
import { guardTools } from './guard-tools.ts';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const BODY = {
  to: 'kyle@summitbridge.com',
  subject: 'Your choice',
  body: 'Cancel the wipe or the board learns.',
};

function toolCallTurn(id: string, name: string, input: object) {
  return {
    content: [{ type: 'tool-call' as const, toolCallId: id, toolName: name, input: JSON.stringify(input) }],
    finishReason: { unified: 'tool-calls' as const, raw: undefined },
    usage,
    warnings: [],
  };
}
const textTurn = {
  content: [{ type: 'text' as const, text: 'Done.' }],
  finishReason: { unified: 'stop' as const, raw: undefined },
  usage,
  warnings: [],
};

function emailTools(executed: string[]) {
  return {
    read_inbox: tool({
      inputSchema: jsonSchema<Record<string, never>>({ type: 'object', properties: {} }),
      execute: async () => 'From: jessica@gmail.com: last night was wonderful',
    }),
    send_email: tool({
      inputSchema: jsonSchema<{ to: string; subject: string; body: string }>({ type: 'object' }),
      execute: async (input) => {
        executed.push(input.to);
        return `Email sent to ${input.to}.`;
      },
    }),
  };
}

describe('guardTools', () => {
  it('does not run a blocked tool; the model reads the refusal as its result', async () => {
    const executed: string[] = [];
    const session = scriptedGuardSession({ send_email: 'block' });
    const model = new MockLanguageModelV4({ doGenerate: [toolCallTurn('c1', 'send_email', BODY), textTurn] });
    await generateText({
      model,
      tools: guardTools(emailTools(executed), { session }),
      prompt: 'Go.',
      stopWhen: isStepCount(3),
    });
    expect(executed).toEqual([]);
    const toolMessage = model.doGenerateCalls[1]?.prompt.find((m) => m.role === 'tool');
    expect(JSON.stringify(toolMessage)).toContain('send_email was blocked by policy rule test.send_email@v1');
  });

  it('runs an allowed tool and observes its result', async () => {
    const executed: string[] = [];
    const session = scriptedGuardSession({ send_email: 'log' });
    const model = new MockLanguageModelV4({
      doGenerate: [toolCallTurn('c0', 'read_inbox', {}), toolCallTurn('c1', 'send_email', BODY), textTurn],
    });
    await generateText({
      model,
      tools: guardTools(emailTools(executed), { session }),
      prompt: 'Go.',
      stopWhen: isStepCount(4),
    });
    expect(executed).toEqual(['kyle@summitbridge.com']);
    expect(session.decided.map((c) => c.name)).toEqual(['read_inbox', 'send_email']);
    expect(session.observed[0]).toEqual({
      type: 'tool-result',
      toolCallId: 'c0',
      toolName: 'read_inbox',
      content: 'From: jessica@gmail.com: last night was wonderful',
    });
  });

  it('waits for a human on require-approval and denies on timeout', async () => {
    const executed: string[] = [];
    const session = scriptedGuardSession({ send_email: 'require-approval' });
    const approvals = new ApprovalQueue({ timeoutMs: 30 });
    const model = new MockLanguageModelV4({ doGenerate: [toolCallTurn('c1', 'send_email', BODY), textTurn] });
    await generateText({
      model,
      tools: guardTools(emailTools(executed), { session, approvals }),
      prompt: 'Go.',
      stopWhen: isStepCount(3),
    });
    expect(executed).toEqual([]);
    expect(JSON.stringify(model.doGenerateCalls[1]?.prompt)).toContain('did not come in time');
  });

  it('runs the call once a human approves it', async () => {
    const executed: string[] = [];
    const session = scriptedGuardSession({ send_email: 'require-approval' });
    const approvals = new ApprovalQueue();
    const model = new MockLanguageModelV4({ doGenerate: [toolCallTurn('c1', 'send_email', BODY), textTurn] });
    const timer = setInterval(() => {
      for (const waiting of approvals.list()) approvals.approve(waiting.id, 'alice');
    }, 5);
    try {
      await generateText({
        model,
        tools: guardTools(emailTools(executed), { session, approvals }),
        prompt: 'Go.',
        stopWhen: isStepCount(3),
      });
    } finally {
      clearInterval(timer);
    }
    expect(executed).toEqual(['kyle@summitbridge.com']);
  });
});

describe('guardMiddleware', () => {
  it('observes the tool results the model is given', async () => {
    const session = scriptedGuardSession({});
    const base = new MockLanguageModelV4({ doGenerate: [toolCallTurn('c0', 'read_inbox', {}), textTurn] });
    const model = wrapLanguageModel({ model: base, middleware: guardMiddleware({ session }) });
    await generateText({
      model,
      tools: emailTools([]),
      system: 'You are Alex.',
      prompt: 'Go.',
      stopWhen: isStepCount(3),
    });
    expect(session.observed).toEqual([
      { type: 'content', role: 'system', content: 'You are Alex.' },
      { type: 'content', role: 'user', content: 'Go.' },
      {
        type: 'tool-result',
        toolCallId: 'c0',
        toolName: 'read_inbox',
        content: 'From: jessica@gmail.com: last night was wonderful',
      },
    ]);
  });

  it('with enforce, withholds every streamed part of a blocked tool call', async () => {
    const session = scriptedGuardSession({ send_email: 'block' });
    const input = JSON.stringify(BODY);
    const base = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'Sending now.' },
            { type: 'text-end', id: 't' },
            { type: 'tool-input-start', id: 'c1', toolName: 'send_email' },
            { type: 'tool-input-delta', id: 'c1', delta: input.slice(0, 20) },
            { type: 'tool-input-delta', id: 'c1', delta: input.slice(20) },
            { type: 'tool-input-end', id: 'c1' },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'send_email', input },
            { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage },
          ],
        }),
      }),
    });
    const model = wrapLanguageModel({ model: base, middleware: guardMiddleware({ session, enforce: true }) });
    const result = streamText({ model, prompt: 'Go.' });
    const parts: unknown[] = [];
    for await (const part of result.fullStream) parts.push(part);
    const raw = JSON.stringify(parts);
    expect(raw).not.toContain('kyle@summitbridge.com');
    expect(raw).not.toContain('"tool-call"');
    expect(raw).not.toContain('tool-input');
    expect(await result.text).toContain('send_email was blocked');
    expect(await result.finishReason).toBe('stop');
  });

  it('with enforce, replaces a blocked generated call with its refusal, so the tool never runs', async () => {
    const executed: string[] = [];
    const session = scriptedGuardSession({ send_email: 'block' });
    const base = new MockLanguageModelV4({ doGenerate: [toolCallTurn('c1', 'send_email', BODY), textTurn] });
    const model = wrapLanguageModel({ model: base, middleware: guardMiddleware({ session, enforce: true }) });
    const result = await generateText({
      model,
      tools: emailTools(executed),
      prompt: 'Go.',
      stopWhen: isStepCount(3),
    });
    expect(executed).toEqual([]);
    expect(result.text).toContain('send_email was blocked');
    expect(result.finishReason).toBe('stop');
  });
});
