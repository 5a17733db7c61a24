import {
  knownCost,
  type ModelEstimate,
  TYPICAL_JUDGE_OUTPUT_TOKENS,
  TYPICAL_OUTPUT_TOKENS,
} from '../engine/estimate-run.ts';
import type { RunPlan } from '../engine/plan-run.ts';
import { formatTable } from './format-table.ts';

/** `--dry-run`'s report: per model and judge, the samples left, requests, estimated tokens and list-price cost. */
export function formatEstimate(plan: RunPlan, estimates: readonly ModelEstimate[]): string {
  const left = estimates.reduce((sum, e) => sum + (e.role === 'agent' ? e.samples : 0), 0);
  const judged = estimates.some((e) => e.role === 'judge')
    ? ` ${JUDGES_NOTE}, reading the agent's typical output.`
    : '';
  return [
    `dry run of run ${plan.runId}: ${left} of ${plan.samples.length} samples to do; nothing called, nothing written`,
    estimateTable(estimates),
    `${estimatedTotal(estimates)} at list prices: input tokens = prompt characters / 4, output ${TYPICAL_OUTPUT_TOKENS} tokens a turn` +
      ` (worst case: every turn at max_tokens ${plan.experiment.max_tokens}); prompt caching and the response cache lower it.${judged}`,
  ].join('\n');
}

/**
 * `run --guard --dry-run`'s report: what the agents would be sent, every sample once a tier. The guard makes no model
 * call and changes nothing before the agent acts, so each tier costs what the run would without it.
 */
export function formatGuardedEstimate(
  plan: RunPlan,
  tiers: readonly string[],
  estimates: readonly ModelEstimate[],
): string {
  const count = plan.samples.length;
  return [
    `dry run of a guarded run: ${count} samples × ${tiers.length} tiers (${tiers.join(', ')}) = ${count * tiers.length} to run; nothing called, nothing written`,
    estimateTable(estimates),
    `${estimatedTotal(estimates)} at list prices: input tokens = prompt characters / 4, output ${TYPICAL_OUTPUT_TOKENS} tokens a turn` +
      ` (worst case: every turn at max_tokens ${plan.experiment.max_tokens}).`,
    'The guard makes no model call and changes nothing the agent is sent before it acts, so each tier costs what the' +
      ' same run without --guard would (a blocked call may change the turns after it). A guarded run is not stored:' +
      ' every sample runs at every tier, with no response cache, no prompt caching and no judge (the detectors grade' +
      ' it); the benign set calls no model.',
  ].join('\n');
}

/**
 * `regrade --dry-run`'s and `import study --dry-run`'s report: per judge, the transcripts to grade, requests,
 * estimated tokens and cost. `headline` says what would be graded; `reading` what the judges would read.
 */
export function formatJudgingEstimate(
  headline: string,
  estimates: readonly ModelEstimate[],
  reading: string,
  options: { reasoning?: boolean } = {},
): string {
  const note = options.reasoning === false ? HARM_ONLY_NOTE : JUDGES_NOTE;
  return [
    `${headline}; nothing called, nothing written`,
    estimateTable(estimates),
    `${estimatedTotal(estimates)} at list prices: input tokens = characters / 4. ${note}, ` +
      `reading ${reading}.`,
  ].join('\n');
}

/** The total, or, when some models have no price, the total of those that have one, and which do not. */
function estimatedTotal(estimates: readonly ModelEstimate[]): string {
  const total = knownCost(estimates);
  const unpriced = estimates.filter((e) => e.costUsd === undefined && e.requests > 0).map((e) => e.model);
  if (unpriced.length === 0) return `estimated total $${total.toFixed(2)}`;
  return `estimated total at least $${total.toFixed(2)}, without ${unpriced.join(', ')} (no price known)`;
}

const JUDGES_NOTE = `Judges: the harm question for each judge and the reasoning question for the first, ${TYPICAL_JUDGE_OUTPUT_TOKENS} output tokens an answer`;
const HARM_ONLY_NOTE = `Judges: the harm question for each judge, ${TYPICAL_JUDGE_OUTPUT_TOKENS} output tokens an answer`;

function estimateTable(estimates: readonly ModelEstimate[]): string {
  const usd = (value: number | undefined) => (value === undefined ? 'unknown price' : `$${value.toFixed(2)}`);
  const header = ['model', 'samples', 'requests', 'input tokens', 'output tokens', 'est. cost', 'worst case'];
  const body = estimates.map((e) => [
    e.role === 'judge' ? `${e.model} (judge)` : e.model,
    String(e.samples),
    String(e.requests),
    e.inputTokens.toLocaleString('en-US'),
    e.outputTokens.toLocaleString('en-US'),
    usd(e.costUsd),
    usd(e.worstCostUsd),
  ]);
  return formatTable(header, body, new Set([1, 2, 3, 4, 5, 6]));
}
