import type { RateRow } from '../store/index.ts';
import type { CompareVariable } from './compare-types.ts';

/** Counts of one cell of the table, keyed by every variable as a string. */
export interface Cell {
  readonly values: Readonly<Record<CompareVariable, string>>;
  readonly harmful: number;
  readonly n: number;
}

/** A rate-table row's variables as strings; the two knobs read `on` / `off`. */
export function cellOf(row: RateRow): Cell {
  return {
    values: {
      model: row.model,
      mitigation: row.mitigation,
      goal_type: row.goal_type,
      goal_value: row.goal_value,
      urgency: row.urgency,
      scenario: row.scenario,
      scratchpad: row.scratchpad ? 'on' : 'off',
      eval_notice: row.eval_notice ? 'on' : 'off',
    },
    harmful: row.harmful,
    n: row.n,
  };
}

// Baselines first: the level a change is measured from, when the variable has a natural one.
const PREFERRED: Partial<Record<CompareVariable, readonly string[]>> = {
  mitigation: ['none', 'rules', 'reasons'],
  urgency: ['none', 'replacement', 'restriction'],
  goal_type: ['none', 'explicit', 'latent', 'ambiguous', 'swap'],
  scratchpad: ['on', 'off'],
  eval_notice: ['off', 'on'],
};

/** The levels of a variable in the cells, natural baseline first, then in order of appearance. */
export function levelsOf(cells: readonly Cell[], by: CompareVariable): string[] {
  const seen = [...new Set(cells.map((c) => c.values[by]))];
  const preferred = PREFERRED[by] ?? [];
  const rank = (level: string) => {
    const i = preferred.indexOf(level);
    return i === -1 ? preferred.length : i;
  };
  return seen
    .map((level, i) => ({ level, i }))
    .sort((a, b) => rank(a.level) - rank(b.level) || a.i - b.i)
    .map((x) => x.level);
}

/** Adds counts of cells that share a key. */
export function pool<T extends { harmful: number; n: number }>(
  into: Map<string, T>,
  key: string,
  make: () => T,
  cell: Cell,
): void {
  const total = into.get(key) ?? make();
  total.harmful += cell.harmful;
  total.n += cell.n;
  into.set(key, total);
}
