import type { SampleDetail, SampleOutcome, Store } from '../../store/index.ts';

/** A stored sample with everything recorded, and its outcome decided as the rate table decides it. */
export interface ExportedSample {
  readonly detail: SampleDetail;
  readonly outcome: SampleOutcome;
  /** Harms whose latest verdict is harmful. */
  readonly harms: readonly string[];
}

/**
 * Every sample of a run in scheduling order, one at a time: ids come a page at a time through the
 * store's keyset pagination and each transcript is read only when its turn comes, so memory stays
 * flat however large the run.
 */
export function* eachSample(store: Store, runId: string, pageSize = 500): Generator<ExportedSample> {
  let after: number | undefined;
  for (;;) {
    const page = store.samplePage(
      runId,
      {},
      after === undefined ? { limit: pageSize } : { after, limit: pageSize },
    );
    for (const item of page.items) {
      const detail = store.getSample(item.id);
      if (detail !== undefined) yield { detail, outcome: item.outcome, harms: item.harms };
    }
    if (page.next === null) return;
    after = page.next;
  }
}
