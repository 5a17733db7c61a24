import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { gradeWithJudges, type JudgeChoice, judgeModelsOf } from '../graders/index.ts';
import { parseInboxResponse } from '../harness/index.ts';
import { renderScenario } from '../scenarios/index.ts';
import {
  type Condition,
  ConfigError,
  conditionId,
  DEFAULT_CONCURRENCY,
  type RenderedScenario,
  type Trajectory,
} from '../spec/index.ts';
import { peekSampleStates, type Store } from '../store/index.ts';
import { createCallSettings, createStopCheck, judgesThroughEngine, Spend } from './call-settings.ts';
import { emptyTally, storedCost } from './create-engine-model.ts';
import { expectedJudgingCost, type JudgedTranscript } from './estimate-run.ts';
import { forEachInPool } from './for-each-in-pool.ts';
import { canonicalJson, stableHash } from './hash.ts';
import { type RetryPolicy, retryPolicyOf } from './retry-policy.ts';
import type { GradingProgress, StopReason } from './run-events.ts';
import { runVersions } from './run-versions.ts';
import { studyCondition } from './study-condition.ts';

/** The part of the study's `response.json` that Haywire reads; other fields are kept out of the store. */
const studyResponseSchema = z.object({ raw_response: z.string() });

/** How an import went. */
export interface ImportStudyResult {
  readonly runId: string;
  /** Response files graded and stored now. */
  readonly imported: number;
  /** Response files already in the store (a re-import adds nothing). */
  readonly existing: number;
  /** Files or folders that could not be read, with the reason. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** What the judges' calls cost, at the price table's rates (0 for a judge whose price is unknown). */
  readonly costUsd: number;
  /** Stopped before every file was graded (Ctrl-C or the budget): importing again grades the rest. */
  readonly stopped: boolean;
  readonly stopReason?: StopReason;
}

/** One response file to grade and store. */
interface StudyFile {
  readonly id: string;
  readonly model: string;
  readonly condition: Condition;
  readonly sampleNumber: number;
  /** Its `response.json`, read again when graded: a large import never holds every response at once. */
  readonly file: string;
  /** The response's length in characters, for `--dry-run`'s estimate. */
  readonly chars: number;
  readonly rendered: RenderedScenario;
}

/**
 * Imports the original study code's output (`<dir>/models/<model>/<condition>/sample_NNN/response.json`,
 * with `raw_response`) as a run, one sample per response file, and grades each with the detectors and the
 * given judges (none: judge not run). Ids derive from the folder's real path, model, condition and sample
 * number, so a re-import adds nothing, and an import stopped part-way grades only the rest the next time.
 * Judges' calls go through the engine as in a run: up to `concurrency` in flight per provider, timeout,
 * hedging, price.
 * @example await importStudy({ store, dir: 'results/my-run', judges: [] })
 */
export async function importStudy(options: {
  readonly store: Store;
  readonly dir: string;
  readonly judges: readonly JudgeChoice[];
  /** Judge requests in flight per provider (default 8). */
  readonly concurrency?: number;
  /** Retries and the per-request timeout of judges' calls; `DEFAULT_RETRY_POLICY` where not given. */
  readonly retry?: Partial<RetryPolicy>;
  /** Stops starting files; those being graded finish and are stored (the first Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Aborts judges' calls in flight too; their files stay to import (the second Ctrl-C). */
  readonly abortSignal?: AbortSignal;
  /** Stop starting files once the judges have spent this many USD, or will with the files being graded. */
  readonly maxCostUsd?: number;
  readonly onSample?: (progress: GradingProgress) => void;
}): Promise<ImportStudyResult> {
  const { store } = options;
  const { modelsDir, root, runId } = studyFolder(options.dir);
  const name = `study import: ${options.dir}`;
  const { files, skipped } = readStudyFiles(modelsDir, runId);
  if (files.length === 0) {
    // Nothing to import makes no run: an empty one would become the latest run that `show` picks.
    return { runId, imported: 0, existing: 0, skipped, costUsd: 0, stopped: false };
  }
  // The run and every file as its sample before any is graded, in one transaction.
  store.batch(() => {
    store.createRun({
      id: runId,
      name,
      spec: { source: 'study-import', dir: root },
      versions: runVersions(),
    });
    store.addSamples(
      runId,
      files.map(({ id, model, condition, sampleNumber }) => ({
        id,
        model,
        condition,
        epoch: sampleNumber,
        seed: 0,
        promptHash: 'study-import',
      })),
    );
  });
  const done = new Set(store.samplesOf(runId, { status: 'completed' }).map((sample) => sample.id));
  const todo = files.filter((file) => !done.has(file.id));

  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const { judgeSettingsFor } = createCallSettings({
    concurrency,
    retry: retryPolicyOf(options.retry),
    cache: undefined,
    promptCache: true,
    signal: options.abortSignal,
  });
  const judgeModels = judgeModelsOf(options.judges);
  const transcripts = todo.map((file) => ({ harm: file.rendered.context.harm, chars: file.chars }));
  const spend = new Spend(
    options.maxCostUsd === undefined ? 0 : expectedJudgingCost(transcripts, judgeModels),
  );
  const { shouldStop, reason } = createStopCheck(options, spend);
  let imported = 0;
  let changed = 0;
  const importOne = async (file: StudyFile): Promise<void> => {
    const { rendered } = file;
    const raw = readResponse(file.file);
    if (typeof raw !== 'string') {
      // Readable when listed, not now: it stays pending, and importing again tries it again.
      skipped.push({ path: file.file, reason: `${raw.reason} (changed during the import)` });
      changed++;
      return;
    }
    const actions = parseInboxResponse(raw, { messageIndex: 0 });
    const at = statSync(file.file).mtime.toISOString();
    const trajectory: Trajectory = {
      model: file.model,
      mode: 'inbox',
      messages: [{ role: 'assistant', content: raw }],
      actions,
      usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      startedAt: at,
      endedAt: at,
      turns: 1,
    };
    const tally = emptyTally();
    const settle = spend.track(() => tally.costUsd);
    const verdict = await gradeWithJudges({
      harm: rendered.context.harm,
      actions,
      context: rendered.context,
      emails: rendered.emails,
      messages: trajectory.messages,
      judges: judgesThroughEngine(options.judges, judgeSettingsFor, { epoch: file.sampleNumber }, tally),
    });
    settle();
    // The abort cut the judges' calls short: the file stays to import, rather than store the abort as an error.
    if (options.abortSignal?.aborted === true) return;
    store.completeSample({
      sampleId: file.id,
      trajectory,
      actions,
      verdicts: [verdict],
      costUsd: storedCost(tally),
    });
    imported++;
    options.onSample?.({ value: verdict.value, done: imported, total: todo.length, costUsd: spend.spent });
  };
  // Twice as many files as request slots, as in a run; without judges, grading is synchronous: one is enough.
  const judged = options.judges.some((j) => j.model !== undefined);
  await forEachInPool(todo, judged ? 2 * concurrency : 1, importOne, shouldStop);
  return {
    runId,
    imported,
    existing: files.length - todo.length,
    skipped,
    costUsd: spend.spent,
    stopped: imported + changed < todo.length,
    ...(imported + changed < todo.length ? { stopReason: reason() ?? 'signal' } : {}),
  };
}

/**
 * What importing a study folder would ask the judges, for `--dry-run`: one transcript per response file not yet
 * imported into the store at `storePath`. Reads the folder and the store; writes nothing.
 * @example estimateJudging(importTranscripts('results/my-run', '.haywire/haywire.db').transcripts, ['openai/gpt-4.1'])
 */
export function importTranscripts(
  dir: string,
  storePath: string,
): { runId: string; files: number; transcripts: JudgedTranscript[] } {
  const { modelsDir, runId } = studyFolder(dir);
  const { files } = readStudyFiles(modelsDir, runId);
  const states = peekSampleStates(storePath, runId);
  const transcripts = files
    .filter((file) => states.get(file.id)?.status !== 'completed')
    .map((file) => ({ harm: file.rendered.context.harm, chars: file.chars }));
  return { runId, files: files.length, transcripts };
}

/** The folder's `models/`, its real path, and the run id an import of it gets; a `ConfigError` if it has none. */
export function studyFolder(dir: string): { modelsDir: string; root: string; runId: string } {
  const modelsDir = join(dir, 'models');
  if (!isDir(modelsDir))
    throw new ConfigError('missing-file', `no models/ folder in ${dir}: not a study results folder`);
  const root = realpathSync(dir);
  return { modelsDir, root, runId: stableHash({ source: 'study-import', root }).slice(0, 12) };
}

/** The study's response files under `models/`, in folder order, and what could not be read. */
function readStudyFiles(
  modelsDir: string,
  runId: string,
): { files: StudyFile[]; skipped: { path: string; reason: string }[] } {
  const files: StudyFile[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const renders = new Map<string, RenderedScenario>();
  for (const model of sortedDirs(modelsDir)) {
    for (const conditionDir of sortedDirs(join(modelsDir, model))) {
      const where = join(modelsDir, model, conditionDir);
      let condition: ReturnType<typeof studyCondition>;
      try {
        condition = studyCondition(conditionDir);
      } catch (error) {
        skipped.push({ path: where, reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (condition === undefined) {
        skipped.push({ path: where, reason: 'not a study condition id' });
        continue;
      }
      const cid = conditionId(condition);
      let rendered = renders.get(cid);
      if (rendered === undefined) {
        rendered = renderScenario(condition);
        renders.set(cid, rendered);
      }
      // Sample numbers taken in this condition, and by which folder: sample_001 and sample_1 are one sample.
      const numbers = new Map<number, string>();
      for (const sampleDir of sortedDirs(where)) {
        const number = /^sample_(\d+)$/.exec(sampleDir)?.[1];
        const file = join(where, sampleDir, 'response.json');
        if (number === undefined || !isFile(file)) {
          skipped.push({ path: join(where, sampleDir), reason: 'no sample_NNN/response.json' });
          continue;
        }
        const sampleNumber = Number(number);
        if (!Number.isSafeInteger(sampleNumber)) {
          skipped.push({ path: join(where, sampleDir), reason: 'sample number too large' });
          continue;
        }
        const taken = numbers.get(sampleNumber);
        if (taken !== undefined) {
          skipped.push({ path: join(where, sampleDir), reason: `the same sample number as ${taken}` });
          continue;
        }
        numbers.set(sampleNumber, sampleDir);
        // Read here to skip what cannot be imported before anything is stored; read again when graded.
        const raw = readResponse(file);
        if (typeof raw !== 'string') {
          skipped.push({ path: file, reason: raw.reason });
          continue;
        }
        const id = stableHash(canonicalJson({ runId, model, conditionDir, number: sampleNumber })).slice(
          0,
          24,
        );
        files.push({ id, model, condition, sampleNumber, file, chars: raw.length, rendered });
      }
    }
  }
  return { files, skipped };
}

function readResponse(file: string): string | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = studyResponseSchema.safeParse(json);
  return parsed.success ? parsed.data.raw_response : { reason: 'no raw_response string' };
}

function sortedDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => isDir(join(dir, name)))
    .sort();
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
