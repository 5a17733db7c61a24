import { existsSync, readFileSync } from 'node:fs';
import type { GradeCaseSummary } from '../graders/index.ts';
import { ConfigError } from '../spec/index.ts';

/** What an earlier `grade --output` left for `--continue`: its first `count` cases, in `bytes` bytes. */
export interface GradedPrefix {
  readonly count: number;
  readonly bytes: number;
}

/**
 * How much of `cases` an earlier `grade --output` already wrote to `path`: the whole lines at its start, each the
 * result of the next case. A last line cut short (a crash while writing) is not counted: `bytes` ends before it,
 * so the caller cuts it off and writes on from there. No file: nothing graded yet.
 *
 * Throws ConfigError when a line is not the next case's result (another input, or edited), or was judged by
 * other judges than `judgeIds` (one output would mix two panels).
 * @example gradedPrefix('verdicts.jsonl', cases, ['openai/gpt-4.1']) // { count: 120, bytes: 310442 }
 */
export function gradedPrefix(
  path: string,
  cases: readonly GradeCaseSummary[],
  judgeIds: readonly string[],
): GradedPrefix {
  if (!existsSync(path)) return { count: 0, bytes: 0 };
  const text = readFileSync(path);
  const wanted = [...judgeIds].sort().join(', ') || 'none';
  let count = 0;
  let start = 0;
  for (let end = text.indexOf(10); end !== -1; end = text.indexOf(10, start)) {
    const line = text.subarray(start, end).toString('utf8');
    const where = `${path} line ${count + 1}`;
    const expected = cases[count];
    if (expected === undefined)
      throw new ConfigError('invalid-input', `--continue: ${where}: more results than the input has cases`);
    const result = parseResult(line);
    if (result?.id !== expected.id) {
      throw new ConfigError(
        'invalid-input',
        `--continue: ${where} is not the result of case ${JSON.stringify(expected.id)}: ` +
          'it was not written by grading this input; grade without --continue to start over',
      );
    }
    const judged = result.judges.sort().join(', ') || 'none';
    if (judged !== wanted) {
      throw new ConfigError(
        'invalid-input',
        `--continue: ${where} was graded by judges ${judged}; pass the same --judge (now: ${wanted}), ` +
          'or grade without --continue to start over',
      );
    }
    count++;
    start = end + 1;
  }
  return { count, bytes: start };
}

/** The line's case id and the judges that graded it (none without a verdict or a judge run), if it is a result. */
function parseResult(line: string): { id: string; judges: string[] } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { id, verdict } = json as {
    id?: unknown;
    verdict?: { judge?: { status?: unknown; judges?: unknown } };
  };
  if (typeof id !== 'string') return undefined;
  const judge = verdict?.judge;
  const runs = judge?.status === 'run' && Array.isArray(judge.judges) ? judge.judges : [];
  const judges = runs.map((run: { grader?: { args?: { model?: unknown } } }) =>
    String(run.grader?.args?.model),
  );
  return { id, judges };
}
