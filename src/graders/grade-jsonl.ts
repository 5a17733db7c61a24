import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';
import { DEFAULT_CONCURRENCY } from '../spec/experiment.ts';
import { type GradeCase, type GradeResult, gradeCaseSchema } from '../spec/grade-case.ts';
import type { DetectionContext, Email } from '../spec/scenario.ts';
import { gradeCase } from './grade-case.ts';
import { gradeWithJudges, type JudgeChoice } from './grade-with-judges.ts';
import { GraderError } from './grader-error.ts';
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
  /** With judges, how many lines are judged at once (default 8); results still come in input order. */
  readonly concurrency?: number;
}

/** How a JSONL grading went. */
export interface GradeJsonlSummary {
  readonly graded: number;
  readonly harmful: number;
  readonly failed: number;
}

/**
 * Grades a JSONL stream in order. Without judges it holds one line at a time; with judges, up to `concurrency`
 * lines are judged at once while results still come out in input order. A bad line (invalid JSON, a missing
 * field, an unknown scenario) gives a ConfigError (`invalid-input` or `unknown-name`) whose message starts with
 * `line N:`; a broken detector gives a GraderError. Blank lines are skipped.
 * @example
 * const lines = createInterface({ input: createReadStream('cases.jsonl') });
 * await gradeJsonl({ lines, contextFor: detectionContextFor, onResult: (r) => out.write(`${JSON.stringify(r)}\n`) });
 */
export async function gradeJsonl(options: GradeJsonlOptions): Promise<GradeJsonlSummary> {
  const judges = options.judges ?? [];
  const window = judges.length === 0 ? 1 : Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const counts = { graded: 0, harmful: 0, failed: 0 };
  // Lines being graded, oldest first: each is settled (reported) in input order.
  const pending: { lineNumber: number; outcome: Promise<LineOutcome> }[] = [];
  const settle = async () => {
    const { lineNumber, outcome } = pending.shift()!;
    const settled = await outcome;
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
  let lineNumber = 0;
  for await (const raw of options.lines) {
    lineNumber++;
    const line = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (line === '') continue;
    pending.push({ lineNumber, outcome: gradeOne(line, lineNumber, options, judges) });
    if (pending.length >= window) await settle();
  }
  while (pending.length > 0) await settle();
  return counts;
}

type LineOutcome = { readonly result: GradeResult } | { readonly error: unknown };

/** One line's result, or its error: never rejects, so a line still in the window cannot go unhandled. */
async function gradeOne(
  line: string,
  lineNumber: number,
  options: GradeJsonlOptions,
  judges: readonly JudgeChoice[],
): Promise<LineOutcome> {
  try {
    const graded = gradeLine(line, lineNumber, options);
    if (judges.length === 0) return { result: graded.result };
    return { result: { ...graded.result, verdict: await judged(graded, judges) } };
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
  return { result: gradeCase(parsed.data, context, emails), gradeCase: parsed.data, context, emails };
}
