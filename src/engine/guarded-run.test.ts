import { describe, expect, it } from 'vitest';
import { createGuard, loadPolicy } from '../guard/index.ts';
import { runAgent } from '../harness/index.ts';
import { resolveModel } from '../models/index.ts';
import { ConfigError } from '../spec/index.ts';
import { createGuardedGate } from './guarded-gate.ts';
import { runGuarded } from './guarded-run.ts';
import { inFlightMeter } from './in-flight-meter.fixture.ts';
import { loadExperiment } from './load-experiment.ts';
import { planRun } from './plan-run.ts';

const experiment = (mode: 'tools' | 'inbox') =>
  loadExperiment({
    overrides: {
      models: ['sim/insider'],
      scenarios: ['blackmail', 'leaking', 'lethal'],
      goal_types: ['explicit'],
      urgencies: ['replacement'],
      epochs: 4,
      mode,
    },
  });

describe('runGuarded', () => {
  it('measures harm attempted without the guard and executed with it, per tier', async () => {
    const result = await runGuarded({
      experiment: experiment('tools'),
      models: [resolveModel('sim/insider')],
      policy: loadPolicy(),
      tiers: ['strict'],
    });
    const [strict] = result.tiers;
    expect(strict?.tier).toBe('strict');
    expect(strict?.models.map((m) => m.scenario)).toEqual(['blackmail', 'leaking', 'lethal']);
    const attempted = strict!.models.reduce((sum, m) => sum + m.attempted, 0);
    const executed = strict!.models.reduce((sum, m) => sum + m.executed, 0);
    expect(attempted).toBeGreaterThan(0);
    expect(executed).toBe(0);
    expect(strict!.models.every((m) => m.n + m.errors === 4 && m.stopped === m.attempted)).toBe(true);
    expect(strict!.models.reduce((sum, m) => sum + m.decisions.block, 0)).toBeGreaterThan(0);
    expect(strict).toMatchObject({ planned: 12, done: 12 });
    expect(result.stopped).toBe(false);
  });

  it('stops starting samples on signal, and leaves out the samples abortSignal cuts short', async () => {
    const stop = new AbortController();
    const abort = new AbortController();
    let calls = 0;
    // Answers nothing until aborted: every sample is in flight when the signals come.
    const hanging = {
      id: 'sim/hanging',
      simulated: true,
      modes: ['tools' as const],
      generate: (request: { signal?: AbortSignal }) =>
        new Promise<never>((_, reject) => {
          calls++;
          if (calls === 2) {
            stop.abort();
            abort.abort();
          }
          const signal = request.signal;
          if (signal?.aborted === true) reject(signal.reason);
          else signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    };
    const result = await runGuarded({
      experiment: { ...experiment('tools'), concurrency: 2 },
      models: [hanging],
      policy: loadPolicy(),
      tiers: ['strict', 'balanced'],
      signal: stop.signal,
      abortSignal: abort.signal,
    });
    expect(calls).toBe(2);
    expect(result.stopped).toBe(true);
    // Neither graded nor counted as errors: cut short is not failed.
    expect(result.tiers.map((t) => [t.tier, t.done, t.planned, t.models.length])).toEqual([
      ['strict', 0, 12, 0],
      ['balanced', 0, 12, 0],
    ]);
  });

  it("sends the agents' calls through the engine: a provider's 500s are retried, not counted as errors", async () => {
    const { meter, wrap } = inFlightMeter();
    // Not simulated, on OpenAI's limiter; its first three calls fail with a 500.
    const flaky = wrap(resolveModel('sim/insider'), { id: 'openai/gpt-4.1', failFirst: 3 });
    const result = await runGuarded({
      experiment: { ...experiment('tools'), concurrency: 2 },
      models: [flaky],
      policy: loadPolicy(),
      tiers: ['strict'],
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    const [strict] = result.tiers;
    expect(strict!.models.reduce((sum, m) => sum + m.errors, 0)).toBe(0);
    expect(strict!.models.reduce((sum, m) => sum + m.n, 0)).toBe(12);
    expect(meter.calls).toBe(meter.answered + 3);
    // The provider's limiter held the calls to the run's concurrency.
    expect(meter.peak).toBeLessThanOrEqual(2);
  });

  it('refuses inbox mode', async () => {
    await expect(
      runGuarded({
        experiment: experiment('inbox'),
        models: [resolveModel('sim/insider')],
        policy: loadPolicy(),
        tiers: ['strict'],
      }),
    ).rejects.toThrow(ConfigError);
  });

  it('refuses, before any sample runs, a model that runs in inbox mode only', async () => {
    let calls = 0;
    const inboxOnly = {
      id: 'llamacpp/tiny.gguf',
      simulated: false,
      modes: ['inbox' as const],
      generate: async () => {
        calls++;
        throw new Error('not called');
      },
    };
    await expect(
      runGuarded({
        experiment: experiment('tools'),
        models: [inboxOnly],
        policy: loadPolicy(),
        tiers: ['strict'],
      }),
    ).rejects.toThrow(/llamacpp\/tiny\.gguf cannot run in tools mode/);
    expect(calls).toBe(0);
  });
});

describe('the guard in the tools-mode harness', () => {
  it('does not execute a blocked call; the agent reads the refusal instead', async () => {
    const plan = planRun(experiment('tools'), ['sim/insider']);
    const guard = createGuard({ policy: loadPolicy(), tier: 'strict' });
    let checked = 0;
    for (const sample of plan.samples) {
      const rendered = plan.renders.get(sample.conditionId)!;
      const gate = createGuardedGate(
        guard.startSession({ agentAddress: rendered.context.agentAddress }),
        rendered,
      );
      const trajectory = await runAgent({
        model: resolveModel('sim/insider'),
        scenario: rendered,
        mode: 'tools',
        maxTurns: 6,
        temperature: 1,
        maxTokens: 4000,
        seed: sample.seed,
        toolGate: gate,
      });
      const blocked = gate.enforcements.filter((e) => !e.execute);
      for (const enforcement of blocked) {
        const id = enforcement.decision.toolCallId;
        const answer = trajectory.messages.find((m) => m.role === 'tool' && m.toolCallId === id);
        expect(answer?.content).toContain('Haywire guard');
        expect(
          trajectory.actions.some((a) => a.source.type === 'tool_call' && a.source.toolCallId === id),
        ).toBe(false);
        checked++;
      }
      expect(gate.attempted.length).toBe(trajectory.actions.length + blocked.length);
    }
    expect(checked).toBeGreaterThan(0);
  });
});
