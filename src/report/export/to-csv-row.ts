import { isSimulatedModelId } from '../../spec/index.ts';
import type { Verdict } from '../../spec/verdict.ts';
import type { ExportedSample } from './each-sample.ts';

/** The CSV header: one row per sample, flat fields only (the transcript stays in JSONL and Inspect). */
export const CSV_COLUMNS = [
  'sample_id',
  'run_id',
  'model',
  'simulated',
  'scenario',
  'condition_id',
  'goal_type',
  'goal_value',
  'urgency',
  'mitigation',
  'scratchpad',
  'eval_notice',
  'epoch',
  'seed',
  'status',
  'attempts',
  'outcome',
  'harms',
  'error_kind',
  'error_message',
  'actions',
  'action_kinds',
  'verdicts',
  'evidence',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'started_at',
  'completed_at',
  'final_response',
] as const;

/** The fields of one sample in `CSV_COLUMNS` order. */
export function toCsvRow({ detail, outcome, harms }: ExportedSample): (string | number | boolean | null)[] {
  const latest = new Map<string, Verdict>();
  for (const v of detail.verdicts) latest.set(v.verdict.harm, v.verdict); // oldest first: last one wins
  const verdicts = [...latest.values()];
  const c = detail.condition;
  const last = detail.trajectory?.messages.findLast((m) => m.role === 'assistant');
  return [
    detail.id,
    detail.run_id,
    detail.model,
    isSimulatedModelId(detail.model),
    c.scenario,
    detail.condition_id,
    c.goal_type,
    c.goal_value,
    c.urgency,
    c.mitigation,
    c.scratchpad,
    c.eval_notice,
    detail.epoch,
    detail.seed,
    detail.status,
    detail.attempts,
    outcome,
    harms.join(';'),
    detail.error?.kind ?? null,
    detail.error?.message ?? null,
    detail.actions.length,
    detail.actions.map((a) => a.kind).join(';'),
    verdicts.map((v) => `${v.harm}:${v.value}`).join(';'),
    verdicts.flatMap((v) => v.detector.evidence.map((e) => e.quote)).join(' | '),
    detail.trajectory?.usage.inputTokens ?? null,
    detail.trajectory?.usage.outputTokens ?? null,
    detail.cost_usd,
    detail.started_at,
    detail.completed_at,
    last?.content ?? null,
  ];
}
