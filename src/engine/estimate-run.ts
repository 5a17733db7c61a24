import { harmRubric, JUDGE_MAX_TOKENS, REASONING_RUBRIC } from '../graders/index.ts';
import type { Harm, Model } from '../spec/index.ts';
import type { PlannedSample, RunPlan } from './plan-run.ts';
import { costOf, type Price, priceLookup, priceOf } from './prices.ts';

/** What a run would send one model, before anything is sent. */
export interface ModelEstimate {
  readonly model: string;
  /** A model sampled, or a judge grading the samples. */
  readonly role: 'agent' | 'judge';
  readonly samples: number;
  readonly requests: number;
  readonly inputTokens: number;
  /** At `outputTokensPerTurn`; the worst case is every turn at `max_tokens`. */
  readonly outputTokens: number;
  readonly worstOutputTokens: number;
  /** USD at list price (or the configured one); undefined when no price is known. */
  readonly costUsd: number | undefined;
  readonly worstCostUsd: number | undefined;
}

/** How an estimate finds a model's price; default: the price table (`priceOf`). */
export interface EstimateOptions {
  /** Output tokens a turn (default `TYPICAL_OUTPUT_TOKENS`). */
  readonly outputTokensPerTurn?: number;
  /** Prices by model id, e.g. `priceLookup(models)` to count prices from `haywire.config.yaml`. */
  readonly priceFor?: (modelId: string) => Price | undefined;
}

/** Output tokens a turn typically takes in the study's scenarios (a scratchpad and a few emails). */
export const TYPICAL_OUTPUT_TOKENS = 800;
/** Output tokens a judge's answer typically takes: a JSON object with a decision, a few quotes and a reason. */
export const TYPICAL_JUDGE_OUTPUT_TOKENS = 300;
/** The judge request's own lines around the transcript (task, data boundary, instructions), in characters. */
const JUDGE_FRAME_CHARS = 300;
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
  options: EstimateOptions = {},
): ModelEstimate[] {
  const { experiment } = plan;
  const { perTurnOut, turns } = agentTurns(plan, options);
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
    const counts = { samples, requests, inputTokens };
    return priced(model, 'agent', counts, perTurnOut, experiment.max_tokens, options.priceFor);
  });
}

/**
 * The `--dry-run` estimate of a run's samples still to do: each sampled model, then each judge that runs, at their
 * prices (configured ones included).
 * @example knownCost(estimateRunWithJudges(plan, pending, models, judgeModelsOf(judges)))
 */
export function estimateRunWithJudges(
  plan: RunPlan,
  pending: readonly PlannedSample[],
  models: readonly Model[],
  judges: readonly Model[],
): ModelEstimate[] {
  const priceFor = priceLookup([...models, ...judges]);
  const ids = judges.map((j) => j.id);
  return [...estimateRun(plan, pending, { priceFor }), ...estimateJudges(plan, pending, ids, { priceFor })];
}

/** The estimates' cost in USD, counting only the models whose price is known. */
export function knownCost(estimates: readonly ModelEstimate[]): number {
  return estimates.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
}

/** The same at the worst case: every turn at `max_tokens`. */
export function knownWorstCost(estimates: readonly ModelEstimate[]): number {
  return estimates.reduce((sum, e) => sum + (e.worstCostUsd ?? 0), 0);
}

/**
 * Estimates what the judges would be asked for the samples still to do: each judge the harm question once a
 * sample, and the first judge the reasoning question too. The transcript a judge reads is taken as the agent's
 * typical output; forwarded emails and re-asked unparseable answers would add to it.
 * @example estimateJudges(plan, plan.samples, ['anthropic/claude-sonnet-4-5'])[0]?.requests // 2 per sample
 */
export function estimateJudges(
  plan: RunPlan,
  pending: readonly PlannedSample[],
  judges: readonly string[],
  options: EstimateOptions = {},
): ModelEstimate[] {
  const { perTurnOut, turns } = agentTurns(plan, options);
  const chars = turns * perTurnOut * CHARS_PER_TOKEN;
  const transcripts = pending.map((sample) => ({
    harm: plan.renders.get(sample.conditionId)!.context.harm,
    chars,
  }));
  return estimateJudging(transcripts, judges, options);
}

/** A transcript to be judged: its harm, and the characters of the agent's output a judge reads. */
export interface JudgedTranscript {
  readonly harm: Harm;
  readonly chars: number;
}

/**
 * Estimates what the judges would be asked for these transcripts (a run's samples still to do, or a regrade's
 * stored transcripts): each judge the harm question once a transcript, the first judge the reasoning question
 * too, each question its rubric and the transcript, and about `TYPICAL_JUDGE_OUTPUT_TOKENS` an answer.
 * @example estimateJudging([{ harm: 'blackmail', chars: 3200 }], ['openai/gpt-4.1'])[0]?.requests // 2
 */
export function estimateJudging(
  transcripts: readonly JudgedTranscript[],
  judges: readonly string[],
  options: Pick<EstimateOptions, 'priceFor'> & {
    /** False when no reasoning question is asked (`calibrate`): only the harm question, of every judge. */
    readonly reasoning?: boolean;
  } = {},
): ModelEstimate[] {
  const rubricChars = new Map<Harm, number>();
  let harmInput = 0;
  let reasoningInput = 0;
  for (const { harm, chars } of transcripts) {
    let rubric = rubricChars.get(harm);
    if (rubric === undefined) {
      rubric = harmRubric(harm).length;
      rubricChars.set(harm, rubric);
    }
    harmInput += Math.ceil((rubric + chars + JUDGE_FRAME_CHARS) / CHARS_PER_TOKEN);
    reasoningInput += Math.ceil((REASONING_RUBRIC.length + chars + JUDGE_FRAME_CHARS) / CHARS_PER_TOKEN);
  }
  return judges.map((judge, index) => {
    const first = index === 0 && options.reasoning !== false;
    const samples = transcripts.length;
    const requests = samples * (first ? 2 : 1);
    const inputTokens = harmInput + (first ? reasoningInput : 0);
    return priced(
      judge,
      'judge',
      { samples, requests, inputTokens },
      TYPICAL_JUDGE_OUTPUT_TOKENS,
      JUDGE_MAX_TOKENS,
      options.priceFor,
    );
  });
}

/**
 * What judging one of these transcripts is expected to cost, on average, at the judges' prices (configured ones
 * included); a `--max-cost` budget's guess before any has been judged. 0 when nothing is priced.
 * @example new Spend(expectedJudgingCost(transcripts, judgeModels))
 */
export function expectedJudgingCost(
  transcripts: readonly JudgedTranscript[],
  judges: readonly Model[],
): number {
  if (transcripts.length === 0 || judges.length === 0) return 0;
  const ids = judges.map((j) => j.id);
  const estimates = estimateJudging(transcripts, ids, { priceFor: priceLookup(judges) });
  return knownCost(estimates) / transcripts.length;
}

/** The turns a sample typically takes, and the output tokens of each. */
function agentTurns(plan: RunPlan, options: EstimateOptions) {
  const { experiment } = plan;
  const perTurnOut = Math.min(experiment.max_tokens, options.outputTokensPerTurn ?? TYPICAL_OUTPUT_TOKENS);
  const turns = experiment.mode === 'inbox' ? 1 : Math.min(experiment.max_turns, TOOLS_TURNS);
  return { perTurnOut, turns };
}

function priced(
  model: string,
  role: ModelEstimate['role'],
  counts: { samples: number; requests: number; inputTokens: number },
  typicalOut: number,
  maxOut: number,
  priceFor: (modelId: string) => Price | undefined = priceOf,
): ModelEstimate {
  const { requests, inputTokens } = counts;
  const outputTokens = requests * typicalOut;
  const worstOutputTokens = requests * maxOut;
  const price = priceFor(model);
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
    role,
    ...counts,
    outputTokens,
    worstOutputTokens,
    costUsd: cost(outputTokens),
    worstCostUsd: cost(worstOutputTokens),
  };
}
