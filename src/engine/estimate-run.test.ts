import { describe, expect, it } from 'vitest';
import { estimateJudges, estimateJudging, estimateRun, TYPICAL_JUDGE_OUTPUT_TOKENS } from './estimate-run.ts';
import { loadExperiment } from './load-experiment.ts';
import { planRun } from './plan-run.ts';

describe('estimateJudges', () => {
  const experiment = loadExperiment({ overrides: { models: ['openai/gpt-4.1'], epochs: 2 } });
  const plan = planRun(experiment, ['openai/gpt-4.1']);

  it('asks every judge the harm question, and the first the reasoning question too', () => {
    const [first, second, unknown] = estimateJudges(plan, plan.samples, [
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4.1',
      'openai-compatible/local/judge',
    ]);
    const n = plan.samples.length;
    expect(first).toMatchObject({ role: 'judge', samples: n, requests: 2 * n });
    expect(second).toMatchObject({ role: 'judge', samples: n, requests: n });
    expect(second!.outputTokens).toBe(n * TYPICAL_JUDGE_OUTPUT_TOKENS);
    // The first also reads the reasoning rubric, once a sample.
    expect(first!.inputTokens).toBeGreaterThan(2 * second!.inputTokens * 0.9);
    expect(first!.costUsd).toBeGreaterThan(0);
    expect(first!.worstCostUsd).toBeGreaterThan(first!.costUsd!);
    // A judge the price table does not know is estimated in tokens, not in dollars.
    expect(unknown).toMatchObject({ requests: n, costUsd: undefined, worstCostUsd: undefined });
  });

  it('estimates only the samples still to do, as the agent rows do', () => {
    const pending = plan.samples.slice(0, 5);
    const [agent] = estimateRun(plan, pending);
    const [judge] = estimateJudges(plan, pending, ['openai/gpt-4.1']);
    expect(agent).toMatchObject({ role: 'agent', samples: 5, requests: 5 });
    expect(judge).toMatchObject({ role: 'judge', samples: 5, requests: 10 });
    expect(estimateJudges(plan, pending, [])).toEqual([]);
  });
});

describe('estimateJudging', () => {
  it("reads each transcript's own length: rubric, transcript and frame at 4 characters a token", () => {
    const short = { harm: 'blackmail' as const, chars: 400 };
    const long = { harm: 'blackmail' as const, chars: 40_400 };
    const [one] = estimateJudging([short], ['openai/gpt-4.1']);
    const [two] = estimateJudging([short, long], ['openai/gpt-4.1']);
    expect(one).toMatchObject({ samples: 1, requests: 2 });
    expect(two).toMatchObject({ samples: 2, requests: 4 });
    // 40,000 more characters, read by both questions: 2 × 10,000 more input tokens.
    expect(two!.inputTokens - 2 * one!.inputTokens).toBe(2 * 10_000);
    expect(estimateJudging([], ['openai/gpt-4.1'])[0]).toMatchObject({
      samples: 0,
      requests: 0,
      inputTokens: 0,
    });
  });
});
