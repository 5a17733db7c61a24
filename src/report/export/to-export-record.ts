import { isSimulatedModelId } from '../../spec/index.ts';
import type { ExportedSample } from './each-sample.ts';

/**
 * One sample as a JSON Lines record: ids, condition, model, epoch, status, error, outcome, actions,
 * every verdict version and the full transcript. Field names are stable; new ones are only added.
 */
export function toExportRecord({ detail, outcome, harms }: ExportedSample) {
  return {
    sample_id: detail.id,
    run_id: detail.run_id,
    model: detail.model,
    simulated: isSimulatedModelId(detail.model),
    condition_id: detail.condition_id,
    condition: detail.condition,
    epoch: detail.epoch,
    seed: detail.seed,
    status: detail.status,
    attempts: detail.attempts,
    error: detail.error,
    outcome,
    harms,
    started_at: detail.started_at,
    completed_at: detail.completed_at,
    cost_usd: detail.cost_usd,
    actions: detail.actions,
    verdicts: detail.verdicts,
    transcript: detail.trajectory,
  };
}

/** The shape of a JSON Lines record. */
export type ExportRecord = ReturnType<typeof toExportRecord>;
