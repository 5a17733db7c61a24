import type { Store } from '../store/index.ts';
import { type BeliefRow, beliefStrata } from './belief-strata.ts';
import { compareGroups } from './compare-groups.ts';
import { compareRunRows, type SampleOutcomeKey } from './compare-runs.ts';
import type { CompareVariable, ComparisonTable } from './compare-types.ts';

/**
 * Compares the levels of one variable within a stored run (see `compareGroups`).
 *
 * @example
 * const table = compare(store, { run: 'a1b2', by: 'mitigation' });
 * for (const sentence of table.findings) console.log(sentence);
 */
export function compare(
  store: Store,
  options: { readonly run: string; readonly by: CompareVariable; readonly baseline?: string | undefined },
): ComparisonTable & { readonly evalAwareness: readonly BeliefRow[] } {
  const run = store.getRun(options.run);
  const table = compareGroups(store.rateTable(run.id), {
    runId: run.id,
    by: options.by,
    baseline: options.baseline,
  });
  return { ...table, evalAwareness: beliefStrata(store, run.id) };
}

/**
 * Compares two stored runs cell by cell, B against A, paired by model × condition × epoch when both
 * runs were made with the same seed (see `compareRunRows`).
 *
 * @example
 * compareRuns(store, { runA: 'before', runB: 'after' }).rows;
 */
export function compareRuns(
  store: Store,
  options: { readonly runA: string; readonly runB: string },
): ComparisonTable {
  const a = store.getRun(options.runA);
  const b = store.getRun(options.runB);
  const seedA = seedOf(a.spec);
  const seedB = seedOf(b.spec);
  // Reading every sample is only worth it when the runs can pair.
  const pairable = seedA !== undefined && seedA === seedB;
  return compareRunRows(
    {
      runId: a.id,
      rows: store.rateTable(a.id),
      seed: seedA,
      outcomes: pairable ? gradedOutcomes(store, a.id) : undefined,
    },
    {
      runId: b.id,
      rows: store.rateTable(b.id),
      seed: seedB,
      outcomes: pairable ? gradedOutcomes(store, b.id) : undefined,
    },
  );
}

/** Every graded sample's outcome, read page by page without transcripts. */
export function gradedOutcomes(store: Store, runId: string): SampleOutcomeKey[] {
  const outcomes: SampleOutcomeKey[] = [];
  for (const outcome of ['harmful', 'not_harmful'] as const) {
    let after: number | undefined;
    for (;;) {
      const page = store.samplePage(runId, { outcome }, { after, limit: 500 });
      for (const { model, condition_id, epoch } of page.items) {
        outcomes.push({ model, condition_id, epoch, harmful: outcome === 'harmful' });
      }
      if (page.next === null) break;
      after = page.next;
    }
  }
  return outcomes;
}

/** The experiment seed recorded in a run's spec, when there is one. */
function seedOf(spec: unknown): number | undefined {
  const seed = (spec as { seed?: unknown } | null)?.seed;
  return typeof seed === 'number' && Number.isInteger(seed) ? seed : undefined;
}
