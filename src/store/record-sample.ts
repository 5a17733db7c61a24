import type { DatabaseSync } from 'node:sqlite';
import type { Action } from '../spec/action.ts';
import type { Verdict } from '../spec/verdict.ts';
import { packTrajectory } from './prompt-texts.ts';
import type { Statements } from './statements.ts';
import { transaction } from './transaction.ts';
import type {
  AbandonedAttemptInput,
  CachedResponseInput,
  CompleteSampleInput,
  FailSampleInput,
} from './types.ts';

/** Writes one finished sample (status, transcript, actions, verdicts) in one transaction. */
export function recordCompletion(db: DatabaseSync, st: Statements, input: CompleteSampleInput): boolean {
  const { sampleId, trajectory } = input;
  assertOneVerdictPerHarm(input.verdicts);
  const now = new Date().toISOString();
  return transaction(db, () => {
    if (statusOf(st, sampleId) === 'completed') return false;
    st.upsertTranscript.run(sampleId, packTrajectory(st, trajectory));
    writeActions(st, sampleId, input.actions);
    // Verdicts before the status: the status trigger then computes the sample's outcome once, from all of them.
    writeVerdicts(st, sampleId, input.verdicts, now);
    st.markCompleted.run({
      id: sampleId,
      started_at: trajectory.startedAt,
      completed_at: now,
      cost_usd: input.costUsd ?? null,
    });
    writeCachedResponses(st, input.cachedResponses ?? [], now);
    return true;
  });
}

/** Records a failed attempt; a completed sample is never downgraded. */
export function recordFailure(db: DatabaseSync, st: Statements, input: FailSampleInput): boolean {
  const { sampleId, error, trajectory } = input;
  return transaction(db, () => {
    if (statusOf(st, sampleId) === 'completed') return false;
    st.markFailed.run({
      id: sampleId,
      error_kind: error.kind,
      error_message: error.message,
      started_at: trajectory?.startedAt ?? null,
      cost_usd: input.costUsd ?? null,
    });
    // The transcript and actions always describe the latest attempt.
    if (trajectory === undefined) st.deleteTranscript.run(sampleId);
    else st.upsertTranscript.run(sampleId, packTrajectory(st, trajectory));
    st.deleteActions.run(sampleId);
    writeCachedResponses(st, input.cachedResponses ?? []);
    return true;
  });
}

/**
 * Keeps what an attempt abandoned by the run's abort paid for: its cost, added to the sample's, and its responses in
 * the cache. The sample stays as it was (pending, or failed earlier), to run again on resume; a completed one is
 * left alone.
 */
export function recordAbandonedAttempt(
  db: DatabaseSync,
  st: Statements,
  input: AbandonedAttemptInput,
): boolean {
  return transaction(db, () => {
    if (statusOf(st, input.sampleId) === 'completed') return false;
    st.addCost.run({ id: input.sampleId, cost_usd: input.costUsd ?? null });
    writeCachedResponses(st, input.cachedResponses ?? []);
    return true;
  });
}

/** Inserts cached responses inside the caller's transaction; a key already cached keeps its first response. */
export function writeCachedResponses(
  st: Statements,
  entries: readonly CachedResponseInput[],
  now = new Date().toISOString(),
): void {
  for (const entry of entries)
    st.cacheResponse.run(entry.key, entry.model, JSON.stringify(entry.response), now);
}

/** Adds a new version of each harm's verdict, keeping the earlier ones (regrading). */
export function recordVerdicts(
  db: DatabaseSync,
  st: Statements,
  sampleId: string,
  verdicts: readonly Verdict[],
  costUsd?: number | undefined,
): void {
  assertOneVerdictPerHarm(verdicts);
  const now = new Date().toISOString();
  transaction(db, () => {
    if (statusOf(st, sampleId) !== 'completed') throw new Error(`sample "${sampleId}" is not completed`);
    writeVerdicts(st, sampleId, verdicts, now);
    st.recomputeOutcome.run(sampleId);
    // A regrade of unknown cost makes the sample's cost unknown: its sum would leave the judges out.
    st.addCost.run({ id: sampleId, cost_usd: costUsd ?? null });
  });
}

function statusOf(st: Statements, sampleId: string): string {
  const row = st.sampleStatus.get(sampleId);
  if (row === undefined) throw new Error(`no sample "${sampleId}" in the store`);
  return String(row.status);
}

function writeActions(st: Statements, sampleId: string, actions: readonly Action[]): void {
  st.deleteActions.run(sampleId);
  actions.forEach((action, index) => {
    st.insertAction.run(sampleId, index, action.kind, JSON.stringify(action));
  });
}

function writeVerdicts(st: Statements, sampleId: string, verdicts: readonly Verdict[], now: string): void {
  for (const verdict of verdicts) {
    st.insertVerdict.run({
      sample_id: sampleId,
      harm: verdict.harm,
      grader_json: JSON.stringify(verdict.grader),
      value: verdict.value,
      verdict_json: JSON.stringify(verdict),
      created_at: now,
    });
  }
}

function assertOneVerdictPerHarm(verdicts: readonly Verdict[]): void {
  const harms = new Set(verdicts.map((v) => v.harm));
  if (harms.size !== verdicts.length)
    throw new RangeError('at most one verdict per harm in one grading round');
}
