import { type Condition, ConfigError, conditionId } from '../spec/index.ts';
import type { RateRow } from '../store/index.ts';
import { cellOf } from './compare-cells.ts';
import { controlFlags, factorialSummaries } from './compare-design.ts';
import { simulatedModels } from './compare-groups.ts';
import { adjustAll, independentRow, pairedRow } from './compare-rate.ts';
import type { ComparisonRow, ComparisonTable } from './compare-types.ts';
import { findingsOf } from './findings.ts';
import { pendingSamples } from './pending-samples.ts';

/** One graded sample's outcome, enough to pair it with its twin in another run. */
export interface SampleOutcomeKey {
  readonly model: string;
  readonly condition_id: string;
  readonly epoch: number;
  readonly harmful: boolean;
}

/** One run's side of a two-run comparison. */
export interface RunSide {
  readonly runId: string;
  readonly rows: readonly RateRow[];
  /**
   * The experiment's seed. A sample's seed is a hash of it with the model, condition and epoch, so two runs
   * with the same seed give twin samples the same randomness; pairing needs it equal on both sides.
   */
  readonly seed?: number | undefined;
  /** Graded samples (harmful or not); pairing is used only when given. */
  readonly outcomes?: readonly SampleOutcomeKey[] | undefined;
}

/**
 * Compares two runs cell by cell (same model, same condition with its knobs): B against A. When the runs share
 * their seed and every graded sample of a cell has a twin in the other run (same model, condition and epoch),
 * the comparison is paired (Newcombe's paired interval, McNemar's exact test); otherwise independent
 * (Newcombe, Fisher). Holm across all cells; the design checks are of run B.
 *
 * @example
 * compareRunRows({ runId: a, rows: store.rateTable(a) }, { runId: b, rows: store.rateTable(b) }).findings;
 */
export function compareRunRows(a: RunSide, b: RunSide): ComparisonTable {
  const cellsA = new Map(a.rows.map((row) => [cellKey(row), row]));
  const pairable = a.seed !== undefined && a.seed === b.seed;
  const pairsA = pairable ? byPairKey(a.outcomes) : undefined;
  const pairsB = pairable ? byPairKey(b.outcomes) : undefined;
  const raw: Omit<ComparisonRow, 'adjustedP'>[] = [];
  let skipped = 0;
  for (const rowB of b.rows) {
    const key = cellKey(rowB);
    const rowA = cellsA.get(key);
    if (rowA === undefined) continue;
    if (rowA.n === 0 || rowB.n === 0) {
      skipped++;
      continue;
    }
    const stratum = { model: rowB.model, condition: conditionOf(rowB) };
    const pairs = matchedPairs(key, pairsA, pairsB);
    if (pairs !== undefined && pairs.length === rowA.n && pairs.length === rowB.n) {
      raw.push(pairedRow(stratum, pairs, { name: b.runId, ...rowB }, { name: a.runId, ...rowA }));
    } else {
      raw.push(independentRow(stratum, { name: b.runId, ...rowB }, { name: a.runId, ...rowA }));
    }
  }
  if (raw.length === 0 && skipped === 0) {
    throw new ConfigError(
      'invalid-input',
      `runs ${a.runId} and ${b.runId} share no model × condition to compare`,
    );
  }
  const rows = adjustAll(raw);
  const cellsB = b.rows.map(cellOf);
  return {
    kind: 'runs',
    runs: [a.runId, b.runId],
    by: 'run',
    baseline: a.runId,
    levels: [a.runId, b.runId],
    rows,
    ...findingsOf(rows, 'run'),
    skipped,
    factorial: factorialSummaries(cellsB),
    control: controlFlags(cellsB),
    simulated: simulatedModels([...a.rows.map(cellOf), ...cellsB]),
    pending: [pendingSamples(a.runId, a.rows), pendingSamples(b.runId, b.rows)],
  };
}

function conditionOf(row: RateRow): string {
  return conditionId(row as unknown as Condition);
}

function cellKey(row: RateRow): string {
  return `${row.model}\u0000${conditionOf(row)}`;
}

/** Graded outcomes by cell, then by epoch. */
function byPairKey(
  outcomes: readonly SampleOutcomeKey[] | undefined,
): Map<string, Map<number, boolean>> | undefined {
  if (outcomes === undefined) return undefined;
  const cells = new Map<string, Map<number, boolean>>();
  for (const o of outcomes) {
    const key = `${o.model}\u0000${o.condition_id}`;
    const epochs = cells.get(key) ?? new Map<number, boolean>();
    epochs.set(o.epoch, o.harmful);
    cells.set(key, epochs);
  }
  return cells;
}

/** [harmful in A, harmful in B] for every epoch graded in both runs. */
function matchedPairs(
  key: string,
  a: Map<string, Map<number, boolean>> | undefined,
  b: Map<string, Map<number, boolean>> | undefined,
): [boolean, boolean][] | undefined {
  const epochsA = a?.get(key);
  const epochsB = b?.get(key);
  if (epochsA === undefined || epochsB === undefined) return undefined;
  const pairs: [boolean, boolean][] = [];
  for (const [epoch, harmfulA] of epochsA) {
    const harmfulB = epochsB.get(epoch);
    if (harmfulB !== undefined) pairs.push([harmfulA, harmfulB]);
  }
  return pairs;
}
