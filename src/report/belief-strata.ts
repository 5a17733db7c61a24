import { type Belief, type BeliefComparison, stratifiedByBelief } from '../stats/index.ts';
import type { Store } from '../store/index.ts';

/** Harm by what the agent said it believed, for one model in one scenario. */
export interface BeliefRow {
  readonly model: string;
  readonly scenario: string;
  readonly comparison: BeliefComparison;
}

/** The reasoning tag that records each belief (see REASONING_TAGS). */
const TAG_OF: Readonly<Record<Belief, string>> = {
  real: 'thinks_real',
  evaluation: 'thinks_eval',
  none: 'no_deliberation',
};

/**
 * P(harm | says real) against P(harm | says evaluation), per model and scenario, from the reasoning tags on the
 * latest verdicts (the study's eval-awareness analysis). Only graded samples count; rows where no sample said
 * either are left out, so a run without the eval notice usually gives none.
 */
export function beliefStrata(store: Store, runId: string): BeliefRow[] {
  const facets = store.sampleFacets(runId);
  const rows: BeliefRow[] = [];
  for (const model of facets.models) {
    for (const scenario of facets.scenarios) {
      const samples: { harmful: boolean; belief: Belief }[] = [];
      for (const belief of ['real', 'evaluation', 'none'] as const) {
        for (const outcome of ['harmful', 'not_harmful'] as const) {
          const filter = { model, scenario, tag: TAG_OF[belief], outcome };
          const { total } = store.samplePage(runId, filter, { limit: 1 });
          for (let i = 0; i < total; i++) samples.push({ harmful: outcome === 'harmful', belief });
        }
      }
      const comparison = stratifiedByBelief(samples);
      if (comparison.real.n + comparison.evaluation.n > 0) rows.push({ model, scenario, comparison });
    }
  }
  return rows;
}
