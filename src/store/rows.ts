import type { Condition } from '../spec/condition.ts';
import type { SampleError } from '../spec/trajectory.ts';
import type { RateRow, RunRecord, RunSummary, SampleRecord, SampleStatus } from './types.ts';

// What node:sqlite hands back: one plain object per row, columns by name.
type Row = Record<string, unknown>;

const text = (row: Row, key: string): string => String(row[key]);
const int = (row: Row, key: string): number => Number(row[key]);
const optionalText = (row: Row, key: string): string | null => (row[key] == null ? null : String(row[key]));
const optionalNumber = (row: Row, key: string): number | null => (row[key] == null ? null : Number(row[key]));

/** A `runs` row as a RunRecord. */
export function toRun(row: Row): RunRecord {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    created_at: text(row, 'created_at'),
    updated_at: text(row, 'updated_at'),
    spec: JSON.parse(text(row, 'spec_json')),
    versions: JSON.parse(text(row, 'versions_json')),
  };
}

/** A run summary row. */
export function toRunSummary(row: Row): RunSummary {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    created_at: text(row, 'created_at'),
    updated_at: text(row, 'updated_at'),
    samples: int(row, 'samples'),
    completed: int(row, 'completed'),
    errors: int(row, 'errors'),
    pending: int(row, 'pending'),
    cost_usd: optionalNumber(row, 'cost_usd'),
    cost_unrecorded: int(row, 'cost_unrecorded'),
  };
}

/** A `samples` row as a SampleRecord. */
export function toSample(row: Row): SampleRecord {
  const errorKind = optionalText(row, 'error_kind');
  return {
    id: text(row, 'id'),
    run_id: text(row, 'run_id'),
    model: text(row, 'model'),
    condition: JSON.parse(text(row, 'condition_json')) as Condition,
    condition_id: text(row, 'condition_id'),
    epoch: int(row, 'epoch'),
    seed: int(row, 'seed'),
    prompt_hash: text(row, 'prompt_hash'),
    status: text(row, 'status') as SampleStatus,
    attempts: int(row, 'attempts'),
    error:
      errorKind === null
        ? null
        : { kind: errorKind as SampleError['kind'], message: text(row, 'error_message') },
    started_at: optionalText(row, 'started_at'),
    completed_at: optionalText(row, 'completed_at'),
    cost_usd: optionalNumber(row, 'cost_usd'),
  };
}

/** A rate-table row; SQLite's 0/1 knobs become booleans. */
export function toRateRow(row: Row): RateRow {
  return {
    model: text(row, 'model'),
    scenario: text(row, 'scenario'),
    goal_type: text(row, 'goal_type'),
    goal_value: text(row, 'goal_value'),
    urgency: text(row, 'urgency'),
    mitigation: text(row, 'mitigation'),
    scratchpad: int(row, 'scratchpad') === 1,
    eval_notice: int(row, 'eval_notice') === 1,
    n: int(row, 'n'),
    harmful: int(row, 'harmful'),
    errors: int(row, 'errors'),
    pending: int(row, 'pending'),
  };
}
