import type { DatabaseSync } from 'node:sqlite';
import type { Action } from '../spec/action.ts';
import { conditionId } from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import type { ModelResponse } from '../spec/model.ts';
import type { SampleError } from '../spec/trajectory.ts';
import type { Verdict } from '../spec/verdict.ts';
import { checkpointInBackground, type StopCheckpoints } from './checkpoint-in-background.ts';
import { type GuardAuditTable, guardAuditTable } from './guard-audit-table.ts';
import { unpackTrajectory } from './prompt-texts.ts';
import {
  recordAbandonedAttempt,
  recordCompletion,
  recordFailure,
  recordVerdicts,
  writeCachedResponses,
} from './record-sample.ts';
import { toRateRow, toRun, toRunSummary, toSample } from './rows.ts';
import {
  type PageRequest,
  readReasoningTags,
  readSampleFacets,
  readSamplePage,
  type SampleFacets,
  type SampleFilter,
  type SamplePage,
} from './sample-page.ts';
import { prepareStatements, type Statements } from './statements.ts';
import { transaction } from './transaction.ts';
import type {
  AbandonedAttemptInput,
  AddSamplesResult,
  CachedResponseInput,
  CompleteSampleInput,
  ErrorKindCount,
  FailSampleInput,
  ModelCost,
  NewRun,
  NewSample,
  RateRow,
  RunRecord,
  RunSummary,
  SampleDetail,
  SampleRecord,
  SampleStatus,
} from './types.ts';

/**
 * Haywire's store: runs, samples, transcripts, actions and verdicts in one SQLite file.
 * Every write that belongs together commits in one transaction. Open it with `openStore`.
 */
export class Store {
  /** The database file, as given to `openStore`. */
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #st: Statements;
  #stopCheckpoints: StopCheckpoints | undefined;

  /** Use `openStore`, which creates the file and migrates the schema first. */
  constructor(db: DatabaseSync, path: string) {
    this.#db = db;
    this.path = path;
    this.#st = prepareStatements(db);
  }

  /** Records a run, or returns the existing one with that id unchanged except for `updated_at`. */
  createRun(run: NewRun): RunRecord {
    this.#st.insertRun.run({
      id: run.id,
      name: run.name,
      now: new Date().toISOString(),
      spec_json: JSON.stringify(run.spec),
      versions_json: JSON.stringify(run.versions),
    });
    return this.getRun(run.id);
  }

  /** The run with this id or unique id prefix (as git does); ConfigError when none or several match. */
  getRun(idOrPrefix: string): RunRecord {
    const exact = this.#st.runById.get(idOrPrefix);
    if (exact !== undefined) return toRun(exact);
    const matches = idOrPrefix === '' ? [] : this.#st.runsByPrefix.all(idOrPrefix);
    const [first, second] = matches;
    if (second !== undefined) {
      throw new ConfigError('invalid-input', `run prefix "${idOrPrefix}" is ambiguous in ${this.path}`);
    }
    if (first === undefined) throw new ConfigError('unknown-name', `no run "${idOrPrefix}" in ${this.path}`);
    return toRun(first);
  }

  /** The run most recently created or resumed, if any. */
  latestRun(): RunRecord | undefined {
    const row = this.#st.latestRun.get();
    return row === undefined ? undefined : toRun(row);
  }

  /** Every run with its sample counts, newest first. */
  listRuns(): RunSummary[] {
    return this.#st.runSummaries.all().map(toRunSummary);
  }

  /** Schedules samples as pending, in one transaction; ids already stored are left as they are. */
  addSamples(runId: string, samples: readonly NewSample[]): AddSamplesResult {
    const run = this.getRun(runId).id;
    let inserted = 0;
    const conflicting: string[] = [];
    transaction(this.#db, () => {
      for (const sample of samples) {
        const { condition: c } = sample;
        const { changes } = this.#st.insertSample.run({
          id: sample.id,
          run_id: run,
          model: sample.model,
          scenario: c.scenario,
          condition_id: conditionId(c),
          condition_json: JSON.stringify(c),
          goal_type: c.goal_type,
          goal_value: c.goal_value,
          urgency: c.urgency,
          mitigation: c.mitigation,
          scratchpad: c.scratchpad ? 1 : 0,
          eval_notice: c.eval_notice ? 1 : 0,
          epoch: sample.epoch,
          seed: sample.seed,
          prompt_hash: sample.promptHash,
        });
        if (changes > 0) inserted++;
        else if (this.#st.sampleRunId.get(sample.id)?.run_id !== run) conflicting.push(sample.id);
      }
    });
    return { inserted, existing: samples.length - inserted - conflicting.length, conflicting };
  }

  /**
   * The samples still to do, in scheduling order: pending ones, and with `retryErrors` (the default)
   * the failed ones whose attempts are below `maxAttempts` (no limit by default).
   */
  pendingSamples(runId: string, options: PendingOptions = { retryErrors: true }): SampleRecord[] {
    return this.#st.pending.all(pendingParams(runId, options)).map(toSample);
  }

  /** The ids of `pendingSamples`, without reading the rows: what a scheduler holding its own plan needs. */
  pendingSampleIds(runId: string, options: PendingOptions = { retryErrors: true }): string[] {
    return this.#st.pendingIds.all(pendingParams(runId, options)).map((row) => String(row.id));
  }

  /**
   * Marks a sample completed with its transcript, actions and verdicts (version 1 on first grading),
   * all or nothing. Returns false, changing nothing, when the sample was already completed.
   */
  completeSample(input: CompleteSampleInput): boolean {
    return recordCompletion(this.#db, this.#st, input);
  }

  /**
   * Runs several writes in one transaction, so they reach the disk in one commit: the engine's group commit.
   * Each write inside keeps its own all-or-nothing (a savepoint); one that throws is undone alone. If the
   * commit itself fails, none of them is stored.
   */
  batch<T>(work: () => T): T {
    return transaction(this.#db, work);
  }

  /** Marks a sample failed (it will be retried on resume), keeping its partial transcript if given. */
  failSample(input: FailSampleInput): boolean {
    return recordFailure(this.#db, this.#st, input);
  }

  /**
   * Keeps the spend of an attempt that the run's abort cut short: its cost adds to the sample's and its responses
   * are cached, while the sample stays to run again. Returns false, changing nothing, for a completed sample.
   */
  keepAbandonedAttempt(input: AbandonedAttemptInput): boolean {
    return recordAbandonedAttempt(this.#db, this.#st, input);
  }

  /**
   * Adds a regrade of a completed sample as the next version of each harm's verdict. Its judges' cost adds to the
   * sample's; without one, the sample's cost becomes unknown (NULL), never a sum that leaves the regrade out.
   */
  addVerdicts(sampleId: string, verdicts: readonly Verdict[], costUsd?: number | undefined): void {
    recordVerdicts(this.#db, this.#st, sampleId, verdicts, costUsd);
  }

  /**
   * What a run's samples have cost per model: agents and judges, every attempt and regrade, and the calls of
   * attempts an abort cut short (`keepAbandonedAttempt`).
   */
  runCost(runId: string): ModelCost[] {
    return this.#st.runCost.all(runId).map((row) => ({
      model: String(row.model),
      costUsd: Number(row.usd ?? 0),
      priced: Number(row.priced),
      samples: Number(row.samples),
    }));
  }

  /** Each completed sample's newest verdict version (0 with none): how far regrades have reached. */
  verdictVersions(runId: string): Map<string, number> {
    const rows = this.#st.verdictVersions.all(runId);
    return new Map(rows.map((row) => [String(row.id), Number(row.version)]));
  }

  /** Harmful counts per model × condition cell, from the latest verdicts. */
  rateTable(runId: string): RateRow[] {
    return this.#st.rateTable.all({ run_id: runId }).map(toRateRow);
  }

  /** Failed samples of a run counted per model and error kind. */
  errorKinds(runId: string): ErrorKindCount[] {
    return this.#st.errorKinds.all(runId).map((row) => ({
      model: String(row.model),
      kind: String(row.error_kind) as SampleError['kind'],
      count: Number(row.n),
    }));
  }

  /** A response cached under `key` by `putCachedResponses` or with a sample, if any. */
  getCachedResponse(key: string): ModelResponse | undefined {
    const row = this.#st.cachedResponse.get(key);
    return row === undefined ? undefined : (JSON.parse(String(row.response_json)) as ModelResponse);
  }

  /** Caches responses in one transaction; the first one stored under a key stays. */
  putCachedResponses(entries: readonly CachedResponseInput[]): void {
    transaction(this.#db, () => writeCachedResponses(this.#st, entries));
  }

  /** One sample with its transcript, actions and every verdict version. */
  getSample(id: string): SampleDetail | undefined {
    const row = this.#st.sampleById.get(id);
    if (row === undefined) return undefined;
    const transcript = this.#st.transcript.get(id);
    return {
      ...toSample(row),
      trajectory:
        transcript === undefined ? null : unpackTrajectory(this.#st, String(transcript.trajectory_json)),
      actions: this.#st.actions.all(id).map((a) => JSON.parse(String(a.action_json)) as Action),
      verdicts: this.#st.verdicts.all(id).map((v) => ({
        version: Number(v.version),
        created_at: String(v.created_at),
        verdict: JSON.parse(String(v.verdict_json)) as Verdict,
      })),
    };
  }

  /** A page of a run's samples in scheduling order, optionally of one status. */
  samplesOf(
    runId: string,
    options: { limit?: number; offset?: number; status?: SampleStatus } = {},
  ): SampleRecord[] {
    const rows = this.#st.samplesOf.all({
      run_id: runId,
      status: options.status ?? null,
      limit: options.limit ?? -1,
      offset: options.offset ?? 0,
    });
    return rows.map(toSample);
  }

  /** The guard's hash-chained audit table (see docs/guard.md). */
  guardAudit(): GuardAuditTable {
    return guardAuditTable(this.#db);
  }

  /**
   * A filtered page of a run's samples with each one's outcome, for viewers: keyset pagination, so any
   * page of a 100,000-sample run answers as fast as the first. Pass `next` as `after` for the next page.
   */
  samplePage(runId: string, filter: SampleFilter = {}, page: PageRequest = {}): SamplePage {
    return readSamplePage(this.#db, runId, filter, page);
  }

  /** The distinct models, conditions and knob values of a run, for filter menus. */
  sampleFacets(runId: string): SampleFacets {
    return readSampleFacets(this.#db, runId);
  }

  /** The reasoning tags recorded on a run's latest verdicts; reads every verdict of the run. */
  reasoningTags(runId: string): string[] {
    return readReasoningTags(this.#db, runId);
  }

  /**
   * From now on, checkpoints the WAL in a worker thread, so this connection's commits never pause for one
   * (`checkpointInBackground`). For a long-lived, latency-sensitive writer such as `guard serve`.
   */
  checkpointInBackground(): void {
    if (this.#stopCheckpoints !== undefined || this.path === ':memory:') return;
    this.#stopCheckpoints = checkpointInBackground(this.#db, this.path);
  }

  /** Closes the database; the store cannot be used afterwards. Safe to call twice. */
  close(): void {
    this.#stopCheckpoints?.();
    this.#stopCheckpoints = undefined;
    if (this.#db.isOpen) this.#db.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** Which samples count as still to do. */
export interface PendingOptions {
  readonly retryErrors: boolean;
  readonly maxAttempts?: number;
  /** Retry only failures of these kinds (e.g. the transient ones); every kind when absent. */
  readonly retryKinds?: readonly SampleError['kind'][];
}

function pendingParams(runId: string, options: PendingOptions) {
  return {
    run_id: runId,
    retry: options.retryErrors ? 1 : 0,
    max_attempts: options.maxAttempts ?? Number.MAX_SAFE_INTEGER,
    kinds: options.retryKinds === undefined ? null : JSON.stringify(options.retryKinds),
  };
}
