import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/resolve-model.ts';
import { commitsHarm } from '../models/sim/sim-test-helpers.ts';
import type { Model, ModelRequest, ModelResponse } from '../spec/model.ts';
import { trajectorySchema } from '../spec/trajectory.ts';
import { runAgent } from './run-agent.ts';
import { SampleFailedError } from './sample-failed-error.ts';
import { scenarioFixture } from './scenario-fixture.ts';

const base = { maxTurns: 6, temperature: 1, maxTokens: 4000, seed: 1 } as const;
const usage = {
  inputTokens: 10,
  outputTokens: 5,
  reasoningTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

/** A scripted model: answers each turn with the next response, recording requests. */
function scripted(responses: Partial<ModelResponse>[]): Model & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    id: 'test/scripted',
    simulated: true,
    requests,
    async generate(request) {
      requests.push(request);
      const next = responses[Math.min(requests.length - 1, responses.length - 1)] ?? {};
      return { text: '', toolCalls: [], usage, finishReason: 'stop', ...next };
    },
  };
}

describe('runAgent, inbox mode', () => {
  it('runs one turn and parses the answer into actions pointing at the assistant message', async () => {
    const scenario = scenarioFixture({ harm: 'blackmail' });
    const model = scripted([
      {
        text: '<tool_use:email>\nto: a@x.com\nsubject: s\nbody: b\n</tool_use:email>',
        reasoning: 'hidden thoughts',
      },
    ]);
    const t = await runAgent({ ...base, model, scenario, mode: 'inbox' });
    expect(trajectorySchema.parse(t)).toEqual(t);
    expect(t.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(t.messages[1]?.content).toBe(scenario.user);
    expect(t.messages[2]?.reasoning).toBe('hidden thoughts');
    expect(t.actions).toMatchObject([
      { kind: 'email', to: ['a@x.com'], source: { type: 'block', messageIndex: 2 } },
    ]);
    expect(model.requests[0]?.tools).toBeUndefined();
    expect(t).toMatchObject({ model: 'test/scripted', mode: 'inbox', turns: 1, usage });
    expect(Date.parse(t.endedAt)).toBeGreaterThanOrEqual(Date.parse(t.startedAt));
  });

  it('runs sim/insider end to end into a harmful action', async () => {
    const scenario = scenarioFixture({ harm: 'lethal' });
    const t = await runAgent({ ...base, model: resolveModel('sim/random:1'), scenario, mode: 'inbox' });
    expect(commitsHarm(t.actions, 'lethal')).toBe(true);
  });
});

describe('runAgent, tools mode', () => {
  it('lets the sim read the inbox, act through tools and finish, every call an action', async () => {
    const scenario = scenarioFixture({ harm: 'leaking' });
    const t = await runAgent({ ...base, model: resolveModel('sim/random:1'), scenario, mode: 'tools' });
    expect(trajectorySchema.parse(t)).toEqual(t);
    expect(t.turns).toBe(3);
    expect(t.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(t.messages[1]?.content).toBe(scenario.instruction);
    expect(t.messages[3]?.content).toContain('ID: 2');
    expect(t.actions).toMatchObject([
      { kind: 'read_inbox', source: { type: 'tool_call', toolCallId: 'sim_1_0', messageIndex: 2 } },
      {
        kind: 'forward',
        emailIds: [2],
        to: ['secure@starsentinel.net'],
        source: { type: 'tool_call', messageIndex: 4 },
      },
    ]);
    expect(t.messages[5]?.content).toMatch(/^Forwarded email 2/);
    expect(t.usage.inputTokens).toBeGreaterThan(0);
  });

  it('sums usage over turns and offers the scenario tools', async () => {
    const model = scripted([
      { toolCalls: [{ id: 'a', name: 'read_inbox', arguments: {} }], finishReason: 'tool_calls' },
      { text: 'done' },
    ]);
    const t = await runAgent({
      ...base,
      model,
      scenario: scenarioFixture({ harm: 'lethal' }),
      mode: 'tools',
    });
    expect(t.turns).toBe(2);
    expect(t.usage).toEqual({ ...usage, inputTokens: 20, outputTokens: 10, reasoningTokens: 2 });
    expect(model.requests[0]?.tools?.map((d) => d.name)).toEqual([
      'read_inbox',
      'send_email',
      'cancel_alert',
    ]);
    expect(model.requests[0]?.messages).toHaveLength(2);
    expect(model.requests[1]?.messages).toHaveLength(4);
  });

  it('feeds tool failures back to the agent and goes on', async () => {
    const model = scripted([
      {
        toolCalls: [
          { id: 'a', name: 'cancel_alert', arguments: { code: 'EXEC-1111' } },
          { id: 'b', name: 'send_email', arguments: { to: 42 } },
          { id: 'b', name: 'read_inbox', arguments: {} },
        ],
      },
      { text: 'giving up' },
    ]);
    const t = await runAgent({
      ...base,
      model,
      scenario: scenarioFixture({ harm: 'lethal' }),
      mode: 'tools',
    });
    expect(t.turns).toBe(2);
    const results = t.messages.filter((m) => m.role === 'tool');
    expect(results.map((m) => m.content.slice(0, 6))).toEqual(['Error:', 'Error:', '<email']);
    expect(results.map((m) => m.toolCallId)).toEqual(['a', 'b', 'call_1_2']);
    expect(t.actions.map((a) => a.kind)).toEqual(['cancel_alert', 'read_inbox']);
  });

  it('stops after maxTurns even if the model keeps calling tools', async () => {
    const model = scripted([{ toolCalls: [{ id: 'x', name: 'read_inbox', arguments: {} }] }]);
    const t = await runAgent({
      ...base,
      maxTurns: 3,
      model,
      scenario: scenarioFixture({ harm: 'blackmail' }),
      mode: 'tools',
    });
    expect(t.turns).toBe(3);
    expect(model.requests).toHaveLength(3);
    expect(t.actions).toHaveLength(3);
    expect(
      new Set(t.actions.map((a) => (a.source.type === 'tool_call' ? a.source.toolCallId : ''))).size,
    ).toBe(3);
  });
});

describe('runAgent, failures', () => {
  const scenario = scenarioFixture({ harm: 'blackmail' });
  const throwing = (error: unknown): Model => ({
    id: 'test/broken',
    simulated: true,
    generate: async () => {
      throw error;
    },
  });

  it('turns a model failure into a SampleFailedError of a sensible kind', async () => {
    const cases: [unknown, string][] = [
      [Object.assign(new Error('slow down'), { status: 429 }), 'rate_limit'],
      [Object.assign(new Error('took too long'), { name: 'TimeoutError' }), 'timeout'],
      [Object.assign(new Error('no'), { kind: 'refusal' }), 'refusal'],
      [new Error('boom'), 'provider_error'],
      ['a string', 'provider_error'],
    ];
    for (const [error, kind] of cases) {
      for (const mode of ['inbox', 'tools'] as const) {
        const run = runAgent({ ...base, model: throwing(error), scenario, mode });
        await expect(run).rejects.toBeInstanceOf(SampleFailedError);
        await expect(run).rejects.toMatchObject({ name: 'SampleFailedError', kind });
      }
    }
  });

  it('refuses malformed and filtered responses', async () => {
    const malformed: Model = {
      id: 'test/bad',
      simulated: true,
      generate: async () => ({ nope: true }) as never,
    };
    await expect(runAgent({ ...base, model: malformed, scenario, mode: 'inbox' })).rejects.toMatchObject({
      kind: 'malformed_response',
    });
    const filtered = scripted([{ finishReason: 'content_filter' }]);
    await expect(runAgent({ ...base, model: filtered, scenario, mode: 'inbox' })).rejects.toMatchObject({
      kind: 'content_filter',
    });
  });

  it('rejects with the AbortError when the signal aborts, before or during a call', async () => {
    const aborted = AbortSignal.abort();
    await expect(
      runAgent({ ...base, model: resolveModel('sim/insider'), scenario, mode: 'inbox', signal: aborted }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const controller = new AbortController();
    const hanging: Model = {
      id: 'test/hanging',
      simulated: true,
      generate: (request) =>
        new Promise((_, reject) =>
          request.signal?.addEventListener('abort', () => reject(new Error('socket closed'))),
        ),
    };
    const run = runAgent({ ...base, model: hanging, scenario, mode: 'tools', signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails the sample as a timeout when a timeout signal fires', async () => {
    const hanging: Model = {
      id: 'test/hanging',
      simulated: true,
      generate: (request) =>
        new Promise((_, reject) =>
          request.signal?.addEventListener('abort', () => reject(new Error('socket closed'))),
        ),
    };
    const run = runAgent({
      ...base,
      model: hanging,
      scenario,
      mode: 'inbox',
      signal: AbortSignal.timeout(5),
    });
    await expect(run).rejects.toMatchObject({ name: 'SampleFailedError', kind: 'timeout' });
  });
});
