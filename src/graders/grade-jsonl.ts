import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';
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
}

/** How a JSONL grading went. */
export interface GradeJsonlSummary {
  readonly graded: number;
  readonly harmful: number;
  readonly failed: number;
}

/**
 * Grades a JSONL stream line by line, in order, holding one line at a time. A bad line (invalid JSON, a
 * missing field, an unknown scenario) gives a ConfigError (`invalid-input` or `unknown-name`) whose message
 * starts with `line N:`; a broken detector gives a GraderError. Blank lines are skipped.
 * @example
 * const lines = createInterface({ input: createReadStream('cases.jsonl') });
 * await gradeJsonl({ lines, contextFor: detectionContextFor, onResult: (r) => out.write(`${JSON.stringify(r)}\n`) });
 */
export async function gradeJsonl(options: GradeJsonlOptions): Promise<GradeJsonlSummary> {
  let lineNumber = 0;
  let graded = 0;
  let harmful = 0;
  let failed = 0;
  for await (const raw of options.lines) {
    lineNumber++;
    const line = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (line === '') continue;
    let result: GradeResult;
    try {
      const graded = gradeLine(line, lineNumber, options);
      result = graded.result;
      if ((options.judges ?? []).length > 0)
        result = { ...result, verdict: await judged(graded, options.judges ?? []) };
    } catch (error) {
      if (!(error instanceof ConfigError || error instanceof GraderError)) throw error;
      failed++;
      if (options.onError === undefined) throw error;
      await options.onError(error, lineNumber);
      continue;
    }
    graded++;
    if (result.harmful) harmful++;
    await options.onResult(result, lineNumber);
  }
  return { graded, harmful, failed };
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
