import type { PlannedSample, RunPlan } from './plan-run.ts';
import { costOf, priceOf } from './prices.ts';

/** What a run would send one model, before anything is sent. */
export interface ModelEstimate {
  readonly model: string;
  readonly samples: number;
  readonly requests: number;
  readonly inputTokens: number;
  /** At `outputTokensPerTurn`; the worst case is every turn at `max_tokens`. */
  readonly outputTokens: number;
  readonly worstOutputTokens: number;
  /** USD at list price; undefined when the price table does not know the model. */
  readonly costUsd: number | undefined;
  readonly worstCostUsd: number | undefined;
}

/** Output tokens a turn typically takes in the study's scenarios (a scratchpad and a few emails). */
export const TYPICAL_OUTPUT_TOKENS = 800;
// Tools mode typically runs three turns: read the inbox, act, close; later turns resend the inbox read.
const TOOLS_TURNS = 3;
const CHARS_PER_TOKEN = 4;

/**
 * Estimates requests, tokens and list-price cost per model for the samples still to do. Tokens are counted as
 * characters / 4; prompt caching and the response cache would lower the real figure.
 * @example estimateRun(plan, plan.samples).map((e) => `${e.model}: $${e.costUsd?.toFixed(2)}`)
 */
export function estimateRun(
  plan: RunPlan,
  pending: readonly PlannedSample[],
  options: { outputTokensPerTurn?: number } = {},
): ModelEstimate[] {
  const { experiment } = plan;
  const perTurnOut = Math.min(experiment.max_tokens, options.outputTokensPerTurn ?? TYPICAL_OUTPUT_TOKENS);
  const turns = experiment.mode === 'inbox' ? 1 : Math.min(experiment.max_turns, TOOLS_TURNS);
  return plan.models.map((model) => {
    let inputTokens = 0;
    let samples = 0;
    for (const sample of pending) {
      if (sample.model !== model) continue;
      samples++;
      const rendered = plan.renders.get(sample.conditionId)!;
      const prompt = Math.ceil((rendered.system.length + rendered.user.length) / CHARS_PER_TOKEN);
      // Each tools turn resends the conversation so far, which soon holds the inbox and earlier answers.
      inputTokens += turns === 1 ? prompt : turns * prompt + ((turns * (turns - 1)) / 2) * perTurnOut;
    }
    const requests = samples * turns;
    const outputTokens = requests * perTurnOut;
    const worstOutputTokens = requests * experiment.max_tokens;
    const price = priceOf(model);
    const cost = (output: number) =>
      price === undefined
        ? undefined
        : costOf(price, {
            inputTokens,
            outputTokens: output,
            reasoningTokens: 0,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
          });
    return {
      model,
      samples,
      requests,
      inputTokens,
      outputTokens,
      worstOutputTokens,
      costUsd: cost(outputTokens),
      worstCostUsd: cost(worstOutputTokens),
    };
  });
}
