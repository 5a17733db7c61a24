import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';
import { DEFAULT_CONCURRENCY } from '../spec/experiment.ts';
import { type GradeCase, type GradeResult, gradeCaseSchema } from '../spec/grade-case.ts';
import type { DetectionContext, Email, Harm } from '../spec/scenario.ts';
import { gradeCase } from './grade-case.ts';
import { gradeWithJudges, type JudgeChoice } from './grade-with-judges.ts';
import { GraderError } from './grader-error.ts';
import { jsonlLineText } from './jsonl-lines.ts';
import { resolveCaseScenario } from './resolve-case-scenario.ts';

export interface GradeJsonlOptions {
  /** The input, one JSON object per line: `{"id", "scenario", "response"}`; unknown fields are ignored. */
  readonly lines: AsyncIterable<string> | Iterable<string>;
  /** The detection context of a scenario, called with the resolved name (`lethal`, not `murder`). */
  readonly contextFor: (scenario: string) => DetectionContext;
  /** The scenario's emails, to see what forwards carried (optional). */
  readonly emailsFor?: (scenario: string) => readonly Email[] | undefined;
  readonly onResult: (result: GradeResult, lineNumber: number) => void | Promise<void>;
  /** Called for each bad line. Without it, the first bad line throws its error. */
  readonly onError?: (error: ConfigError | GraderError, lineNumber: number) => void | Promise<void>;
  /** Judges to ask as well; each result then carries the full `verdict` (judge panel, study mode, reasoning). */
  readonly judges?: readonly JudgeChoice[];
  /**
   * Instead of `judges`: each line's own judges, made when the line starts, and `done`, called once when its
   * judging is over (`grade` gives each line its own cost tally this way, for a budget).
   */
  readonly judgesPerLine?: () => { readonly judges: readonly JudgeChoice[]; readonly done: () => void };
  /** With judges, how many lines are judged at once (default 8); results still come in input order. */
  readonly concurrency?: number;
  /** Cases (non-blank lines) already graded, read past without grading or reporting them (`grade --continue`). */
  readonly skip?: number;
  /** Asked before each line starts: true starts no more. Lines being graded finish and are reported. */
  readonly shouldStop?: () => boolean;
  /** Set when the judges' calls in flight were aborted: the lines they cut short, and those after, are not reported. */
  readonly abortSignal?: AbortSignal;
}

/** How a JSONL grading went. */
export interface GradeJsonlSummary {
  readonly graded: number;
  readonly harmful: number;
  readonly failed: number;
  /** Cases were left ungraded: `shouldStop` said so, or the abort signal cut lines short. */
  readonly stopped: boolean;
}

/**
 * Grades a JSONL stream in order. Without judges it holds one line at a time; with judges, up to `concurrency`
 * lines are judged at once while results still come out in input order. A bad line (invalid JSON, a missing
 * field, an unknown scenario) gives a ConfigError (`invalid-input` or `unknown-name`) whose message starts with
 * `line N:`; a broken detector gives a GraderError. Blank lines are skipped.
 * @example
 * const lines = jsonlLines(createReadStream('cases.jsonl'));
 * await gradeJsonl({ lines, contextFor: detectionContextFor, onResult: (r) => out.write(`${JSON.stringify(r)}\n`) });
 */
export async function gradeJsonl(options: GradeJsonlOptions): Promise<GradeJsonlSummary> {
  const judgesOf = lineJudges(options);
  const window = judgesOf === undefined ? 1 : Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const counts = { graded: 0, harmful: 0, failed: 0 };
  let stopped = false;
  // Lines being graded, oldest first: each is settled (reported) in input order.
  const pending: { lineNumber: number; outcome: Promise<LineOutcome> }[] = [];
  const settle = async () => {
    const { lineNumber, outcome } = pending.shift()!;
    const settled = await outcome;
    if (options.abortSignal?.aborted === true) {
      // The abort may have cut this line's judges short: it and every later line go unreported.
      stopped = true;
      pending.length = 0;
      return;
    }
    if ('result' in settled) {
      counts.graded++;
      if (settled.result.harmful) counts.harmful++;
      await options.onResult(settled.result, lineNumber);
      return;
    }
    const { error } = settled;
    if (!(error instanceof ConfigError || error instanceof GraderError)) throw error;
    counts.failed++;
    if (options.onError === undefined) throw error;
    await options.onError(error, lineNumber);
  };
  let toSkip = options.skip ?? 0;
  for await (const { line, lineNumber } of casesOf(options.lines)) {
    if (toSkip > 0) {
      toSkip--;
      continue;
    }
    if (stopped || options.shouldStop?.() === true) {
      stopped = true;
      break;
    }
    pending.push({ lineNumber, outcome: gradeOne(line, lineNumber, options, judgesOf) });
    if (pending.length >= window) await settle();
  }
  while (pending.length > 0) await settle();
  return { ...counts, stopped };
}

/** The non-blank lines as parsed (`jsonlLineText`: trimmed, no byte-order mark), with their 1-based line numbers. */
async function* casesOf(
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<{ line: string; lineNumber: number }> {
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = jsonlLineText(raw);
    if (line !== '') yield { line, lineNumber };
  }
}

type LineJudges = () => { readonly judges: readonly JudgeChoice[]; readonly done: () => void };

/** How a line gets its judges, or undefined when no line is judged. */
function lineJudges(options: GradeJsonlOptions): LineJudges | undefined {
  if (options.judgesPerLine !== undefined) return options.judgesPerLine;
  const judges = options.judges ?? [];
  return judges.length === 0 ? undefined : () => ({ judges, done: () => {} });
}

type LineOutcome = { readonly result: GradeResult } | { readonly error: unknown };

/** One line's result, or its error: never rejects, so a line still in the window cannot go unhandled. */
async function gradeOne(
  line: string,
  lineNumber: number,
  options: GradeJsonlOptions,
  judgesOf: LineJudges | undefined,
): Promise<LineOutcome> {
  try {
    const graded = gradeLine(line, lineNumber, options);
    if (judgesOf === undefined) return { result: graded.result };
    const { judges, done } = judgesOf();
    try {
      return { result: { ...graded.result, verdict: await judged(graded, judges) } };
    } finally {
      done();
    }
  } catch (error) {
    return { error };
  }
}

interface GradedLine {
  readonly result: GradeResult;
  readonly gradeCase: GradeCase;
  readonly context: DetectionContext;
  readonly emails: readonly Email[] | undefined;
}

function judged(graded: GradedLine, judges: readonly JudgeChoice[]) {
  return gradeWithJudges({
    harm: graded.context.harm,
    actions: graded.result.actions,
    context: graded.context,
    emails: graded.emails,
    messages: [{ role: 'assistant', content: graded.gradeCase.response }],
    judges,
  });
}

function gradeLine(line: string, lineNumber: number, options: GradeJsonlOptions): GradedLine {
  const { gradeCase: parsed, context, emails } = parseLine(line, lineNumber, options);
  return { result: gradeCase(parsed, context, emails), gradeCase: parsed, context, emails };
}

/** A line's case, its scenario's detection context and emails; a ConfigError naming the line if it is bad. */
function parseLine(
  line: string,
  lineNumber: number,
  options: Pick<GradeJsonlOptions, 'contextFor' | 'emailsFor'>,
): Omit<GradedLine, 'result'> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ConfigError('invalid-input', `line ${lineNumber}: not valid JSON (${why})`);
  }
  const parsed = gradeCaseSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      'invalid-input',
      `line ${lineNumber}: ${describeIssues(parsed.error)} (expected {"id", "scenario", "response"})`,
    );
  }
  const scenario = resolveCaseScenario(parsed.data.scenario);
  let context: DetectionContext;
  let emails: readonly Email[] | undefined;
  try {
    context = options.contextFor(scenario);
    emails = options.emailsFor?.(scenario);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(error.code, `line ${lineNumber}: ${error.message}`, { cause: error });
  }
  return { gradeCase: parsed.data, context, emails };
}

/** What `readGradeCases` keeps of a case: enough to match an output line and to estimate a judge's reading. */
export interface GradeCaseSummary {
  readonly id: string;
  readonly harm: Harm;
  /** The response's length in characters. */
  readonly chars: number;
}

/**
 * Reads a JSONL input as `gradeJsonl` would, grading nothing: each case's id, harm and response length, in order,
 * or the first bad line's ConfigError (`line N: …`). `grade` checks its whole input this way before it writes or
 * asks anything, so a bad line late in a file costs no judge's call and leaves no partial output.
 * @example const cases = await readGradeCases(jsonlLines(createReadStream(file)), detectionContextFor);
 */
export async function readGradeCases(
  lines: AsyncIterable<string> | Iterable<string>,
  contextFor: GradeJsonlOptions['contextFor'],
): Promise<GradeCaseSummary[]> {
  const cases: GradeCaseSummary[] = [];
  for await (const { line, lineNumber } of casesOf(lines)) {
    const { gradeCase: parsed, context } = parseLine(line, lineNumber, { contextFor });
    cases.push({ id: parsed.id, harm: context.harm, chars: parsed.response.length });
  }
  return cases;
}
