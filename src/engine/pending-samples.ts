import { peekSampleStates, type Store } from '../store/index.ts';
import type { PlannedSample, RunPlan } from './plan-run.ts';
import { isRetriedOnResume, RESUMED_ERROR_KINDS } from './retry-policy.ts';

/** The samples of a plan still to do in the store, in plan order. */
export function pendingOf(
  plan: RunPlan,
  store: Store,
  retryErrors: 'transient' | 'all' = 'transient',
): PlannedSample[] {
  const byId = new Map(plan.samples.map((s) => [s.id, s]));
  const ids = store.pendingSampleIds(plan.runId, {
    retryErrors: true,
    ...(retryErrors === 'all' ? {} : { retryKinds: RESUMED_ERROR_KINDS }),
  });
  return ids.map((id) => byId.get(id)).filter((s) => s !== undefined);
}

/**
 * The samples of a plan still to do according to a store file, read without writing anything: for `--dry-run`.
 * Same rules as a run: pending samples, and failed ones of the kinds retried.
 */
export function pendingWithoutWriting(
  plan: RunPlan,
  storePath: string,
  retryErrors: 'transient' | 'all' = 'transient',
): PlannedSample[] {
  const states = peekSampleStates(storePath, plan.runId);
  return plan.samples.filter((sample) => {
    const state = states.get(sample.id);
    if (state === undefined || state.status === 'pending') return true;
    if (state.status !== 'error') return false;
    return retryErrors === 'all' || (state.errorKind !== null && isRetriedOnResume(state.errorKind));
  });
}
