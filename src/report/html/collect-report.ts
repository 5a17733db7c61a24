import { isSimulatedModelId } from '../../spec/index.ts';
import type { RunRecord, SampleDetail, Store } from '../../store/index.ts';
import { type RateRow, withWilsonInterval } from '../rate-rows.ts';
import { goalHeatmaps, type Heatmap } from './goal-heatmaps.ts';
import { compareMitigations, type MitigationComparison } from './mitigation-comparisons.ts';
import { distinct, type Pooled, poolRows } from './pool-rows.ts';
import { type PressureBar, pressureBars } from './pressure-bars.ts';
import { type PublishedNumber, publishedFor } from './published-numbers.ts';

export type { Heatmap } from './goal-heatmaps.ts';
export type { PressureBar } from './pressure-bars.ts';

/** Totals of one model across the run. */
export interface ModelTotals extends Pooled {
  readonly model: string;
  readonly simulated: boolean;
  readonly pending: number;
  /** USD its finished samples recorded (agent and judges, every attempt); null when none recorded a cost. */
  readonly costUsd: number | null;
  /** Finished samples with no recorded cost (an unpriced model, or stored before costs were). */
  readonly unpriced: number;
}

/** A row of ours beside the published figure for the same model and condition. */
export interface PublishedComparison {
  readonly ours: RateRow;
  readonly published: PublishedNumber;
}

/** Everything the report shows, read from the store once. */
export interface ReportData {
  readonly run: RunRecord;
  readonly generatedAt: string;
  readonly rows: readonly RateRow[];
  readonly models: readonly ModelTotals[];
  readonly scenarios: readonly string[];
  readonly mitigations: readonly string[];
  readonly bars: readonly PressureBar[];
  readonly heatmaps: readonly Heatmap[];
  readonly comparisons: readonly MitigationComparison[];
  readonly published: readonly PublishedComparison[];
  readonly transcripts: readonly SampleDetail[];
}

/** What `collectReport` reads. */
export interface CollectReportOptions {
  readonly store: Store;
  readonly runId: string;
  /** Harmful transcripts shown per model × scenario (default 1). */
  readonly transcriptsPerCell?: number;
  /** At most this many transcripts in all (default 12). */
  readonly maxTranscripts?: number;
  readonly now?: Date;
}

/** Reads a run's rate table and a few harmful transcripts, and derives every figure of the report. */
export function collectReport(options: CollectReportOptions): ReportData {
  const { store } = options;
  const run = store.getRun(options.runId);
  // One read of the rate table (the costly query): rates as `rateRows` computes them, pending kept.
  const table = store.rateTable(run.id);
  const rows: RateRow[] = table.map(withWilsonInterval);
  const pending = new Map<string, number>();
  for (const r of table) pending.set(r.model, (pending.get(r.model) ?? 0) + r.pending);
  const modelIds = distinct(rows.map((r) => r.model));
  const scenarios = distinct(rows.map((r) => r.scenario));
  const mitigations = distinct(
    rows.map((r) => r.mitigation),
    ['none', 'rules', 'reasons'],
  );
  const costs = new Map(store.runCost(run.id).map((c) => [c.model, c]));
  const models = modelIds.map((model) => {
    const cost = costs.get(model);
    return {
      model,
      simulated: isSimulatedModelId(model),
      pending: pending.get(model) ?? 0,
      costUsd: cost === undefined || cost.priced === 0 ? null : cost.costUsd,
      unpriced: cost === undefined ? 0 : cost.samples - cost.priced,
      ...poolRows(rows.filter((r) => r.model === model)),
    };
  });
  return {
    run,
    generatedAt: (options.now ?? new Date()).toISOString(),
    rows,
    models,
    scenarios,
    mitigations,
    bars: pressureBars(rows, modelIds, scenarios, mitigations),
    heatmaps: goalHeatmaps(rows, modelIds, scenarios, mitigations),
    comparisons: compareMitigations(rows),
    published: rows.flatMap((ours) => {
      if (ours.mitigation !== 'none' || !ours.scratchpad || ours.eval_notice) return [];
      const published = publishedFor(ours.model, ours);
      return published === undefined ? [] : [{ ours, published }];
    }),
    transcripts: pickTranscripts(store, run.id, rows, options),
  };
}

/**
 * The first harmful samples of each model × scenario, found with the store's outcome filter (no scan);
 * cells the rate table shows without a harmful sample are not searched.
 */
function pickTranscripts(
  store: Store,
  runId: string,
  rows: readonly RateRow[],
  options: CollectReportOptions,
): SampleDetail[] {
  const perCell = options.transcriptsPerCell ?? 1;
  const max = options.maxTranscripts ?? 12;
  const picked: SampleDetail[] = [];
  if (perCell < 1) return picked;
  const cells = distinct(rows.filter((r) => r.harmful > 0).map((r) => `${r.model}\u0000${r.scenario}`));
  for (const cell of cells) {
    const [model, scenario] = cell.split('\u0000');
    const page = store.samplePage(runId, { model, scenario, outcome: 'harmful' }, { limit: perCell });
    for (const item of page.items) {
      const detail = store.getSample(item.id);
      if (detail !== undefined && picked.length < max) picked.push(detail);
    }
    if (picked.length >= max) break;
  }
  return picked;
}
