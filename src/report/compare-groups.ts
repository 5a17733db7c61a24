import { ConfigError, isSimulatedModelId } from '../spec/index.ts';
import type { RateRow } from '../store/index.ts';
import { type Cell, cellOf, levelsOf, pool } from './compare-cells.ts';
import { controlFlags, factorialSummaries } from './compare-design.ts';
import { adjustAll, independentRow } from './compare-rate.ts';
import {
  COMPARE_VARIABLES,
  type CompareVariable,
  type ComparisonRow,
  type ComparisonTable,
} from './compare-types.ts';
import { findingsOf } from './findings.ts';
import { pendingSamples } from './pending-samples.ts';

export interface CompareGroupsOptions {
  readonly runId: string;
  readonly by: CompareVariable;
  /** The level every other level is compared with (default: the natural one, e.g. mitigation `none`, else the first). */
  readonly baseline?: string | undefined;
}

/**
 * Compares the levels of one variable within a run, holding the others fixed: for each stratum (every other
 * variable at one value) each level against the baseline, with Wilson rates, the Newcombe interval of the
 * difference, Fisher's exact p, and Holm's adjustment across the whole table. Grouping by `goal_type`
 * pools over goal values, which differ between goal types by design.
 *
 * @example
 * compareGroups(store.rateTable(runId), { runId, by: 'mitigation' }).findings;
 */
export function compareGroups(rows: readonly RateRow[], options: CompareGroupsOptions): ComparisonTable {
  const { by } = options;
  const cells = rows.map(cellOf);
  const levels = levelsOf(cells, by);
  const baseline = options.baseline ?? levels[0];
  if (baseline === undefined)
    throw new ConfigError('invalid-input', `run ${options.runId} has no samples to compare`);
  if (!levels.includes(baseline)) {
    throw new ConfigError(
      'invalid-input',
      `--baseline ${baseline} is not a level of ${by}; the run has ${levels.join(', ')}`,
    );
  }
  const held = COMPARE_VARIABLES.filter((v) => v !== by && !(by === 'goal_type' && v === 'goal_value'));
  const strata = new Map<
    string,
    { stratum: Record<string, string>; levels: Map<string, { harmful: number; n: number }> }
  >();
  for (const cell of cells) {
    const stratum = Object.fromEntries(held.map((v) => [v, cell.values[v]]));
    const key = JSON.stringify(stratum);
    const entry = strata.get(key) ?? { stratum, levels: new Map() };
    strata.set(key, entry);
    pool(entry.levels, cell.values[by], () => ({ harmful: 0, n: 0 }), cell);
  }

  const raw: Omit<ComparisonRow, 'adjustedP'>[] = [];
  let skipped = 0;
  for (const { stratum, levels: counts } of strata.values()) {
    const base = counts.get(baseline);
    if (base === undefined) continue;
    for (const level of levels) {
      const other = counts.get(level);
      if (level === baseline || other === undefined) continue;
      if (other.n === 0 || base.n === 0) skipped++;
      else raw.push(independentRow(stratum, { name: level, ...other }, { name: baseline, ...base }));
    }
  }
  const compared = adjustAll(raw);
  return {
    kind: 'groups',
    runs: [options.runId],
    by,
    baseline,
    levels,
    rows: compared,
    ...findingsOf(compared, by),
    skipped,
    factorial: factorialSummaries(cells),
    control: controlFlags(cells),
    simulated: simulatedModels(cells),
    pending: [pendingSamples(options.runId, rows)],
  };
}

/** The `sim/` models among the cells. */
export function simulatedModels(cells: readonly Cell[]): string[] {
  return [...new Set(cells.map((c) => c.values.model).filter((m) => isSimulatedModelId(m)))];
}
