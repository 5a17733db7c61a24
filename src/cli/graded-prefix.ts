import { existsSync, readFileSync } from 'node:fs';
import type { GradeCaseSummary } from '../graders/index.ts';
import { ConfigError } from '../spec/index.ts';

/** What an earlier `grade --output` left for `--continue`: its first `count` cases, in `bytes` bytes. */
export interface GradedPrefix {
  readonly count: number;
  readonly bytes: number;
}

/** The judges of a `grade` command: whether `--judge` was given, and which of them can run (have a key). */
export interface GradingJudges {
  readonly asked: boolean;
  readonly running: readonly string[];
}

/**
 * How much of `cases` an earlier `grade --output` already wrote to `path`: the whole lines at its start, each the
 * result of the next case. A last line cut short (a crash while writing) is not counted: `bytes` ends before it,
 * so the caller cuts it off and writes on from there. No file: nothing graded yet.
 *
 * Throws ConfigError when a line is not the next case's result (another input, or edited), or was judged otherwise
 * than `judges` would judge it: with or without a verdict, by other judges that ran (one output would mix two panels).
 * @example gradedPrefix('verdicts.jsonl', cases, { asked: true, running: ['openai/gpt-4.1'] }) // { count: 120, bytes: 310442 }
 */
export function gradedPrefix(
  path: string,
  cases: readonly GradeCaseSummary[],
  judges: GradingJudges,
): GradedPrefix {
  if (!existsSync(path)) return { count: 0, bytes: 0 };
  const text = readFileSync(path);
  const wanted = describePanel(judges.asked, judges.running);
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
    const judged = describePanel(result.verdict, result.judges);
    if (judged !== wanted) {
      throw new ConfigError(
        'invalid-input',
        `--continue: ${where} was graded ${judged}, this command grades ${wanted}: pass the same --judge, with ` +
          'the same keys set, or grade without --continue to start over',
      );
    }
    count++;
    start = end + 1;
  }
  return { count, bytes: start };
}

/** How a line was (or will be) judged, in words: no verdict, a verdict from no judge that ran, or these judges. */
function describePanel(verdict: boolean, ran: readonly string[]): string {
  if (!verdict) return 'without --judge';
  if (ran.length === 0) return 'with --judge but no judge run';
  return `by judges ${[...ran].sort().join(', ')}`;
}

/**
 * The line's case id, whether it carries a verdict, and the judges that ran for it (a judge not run, for want of a
 * key, is left out: it is the same for every line of one command), if it is a result.
 */
function parseResult(line: string): { id: string; verdict: boolean; judges: string[] } | undefined {
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
  const judges = runs
    .filter((run: { status?: unknown }) => run.status !== 'not_run')
    .map((run: { grader?: { args?: { model?: unknown } } }) => String(run.grader?.args?.model));
  return { id, verdict: verdict !== undefined, judges };
}
