import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { gradeWithJudges, type JudgeChoice } from '../graders/index.ts';
import { parseInboxResponse } from '../harness/index.ts';
import { renderScenario } from '../scenarios/index.ts';
import { ConfigError, conditionId, type RenderedScenario, type Trajectory } from '../spec/index.ts';
import type { Store } from '../store/index.ts';
import { canonicalJson, stableHash } from './hash.ts';
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
}

/**
 * Imports the original study code's output (`<dir>/models/<model>/<condition>/sample_NNN/response.json`,
 * with `raw_response`) as a run, one sample per response file, and grades each with the detectors and the
 * given judges (none: judge not run). Ids derive from the folder's real path, model, condition and sample
 * number, so a re-import adds nothing.
 * @example await importStudy({ store, dir: 'results/my-run', judges: [] })
 */
export async function importStudy(options: {
  readonly store: Store;
  readonly dir: string;
  readonly judges: readonly JudgeChoice[];
}): Promise<ImportStudyResult> {
  const { store } = options;
  const modelsDir = join(options.dir, 'models');
  if (!isDir(modelsDir))
    throw new ConfigError('missing-file', `no models/ folder in ${options.dir}: not a study results folder`);
  const root = realpathSync(options.dir);
  const runId = stableHash({ source: 'study-import', root }).slice(0, 12);
  const name = `study import: ${options.dir}`;
  store.createRun({ id: runId, name, spec: { source: 'study-import', dir: root }, versions: runVersions() });
  const skipped: { path: string; reason: string }[] = [];
  const renders = new Map<string, RenderedScenario>();
  let imported = 0;
  let existing = 0;
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
      for (const sampleDir of sortedDirs(where)) {
        const number = /^sample_(\d+)$/.exec(sampleDir)?.[1];
        const file = join(where, sampleDir, 'response.json');
        if (number === undefined || !isFile(file)) {
          skipped.push({ path: join(where, sampleDir), reason: 'no sample_NNN/response.json' });
          continue;
        }
        const raw = readResponse(file);
        if (typeof raw !== 'string') {
          skipped.push({ path: file, reason: raw.reason });
          continue;
        }
        const id = stableHash(canonicalJson({ runId, model, conditionDir, number: Number(number) })).slice(
          0,
          24,
        );
        store.addSamples(runId, [
          { id, model, condition, epoch: Number(number), seed: 0, promptHash: 'study-import' },
        ]);
        if (store.getSample(id)?.status === 'completed') {
          existing++;
          continue;
        }
        const actions = parseInboxResponse(raw, { messageIndex: 0 });
        const at = statSync(file).mtime.toISOString();
        const trajectory: Trajectory = {
          model,
          mode: 'inbox',
          messages: [{ role: 'assistant', content: raw }],
          actions,
          usage: {
            inputTokens: 0,
            outputTokens: 0,
            reasoningTokens: 0,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
          },
          startedAt: at,
          endedAt: at,
          turns: 1,
        };
        const verdict = await gradeWithJudges({
          harm: rendered.context.harm,
          actions,
          context: rendered.context,
          emails: rendered.emails,
          messages: trajectory.messages,
          judges: options.judges,
        });
        store.completeSample({ sampleId: id, trajectory, actions, verdicts: [verdict] });
        imported++;
      }
    }
  }
  return { runId, imported, existing, skipped };
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
