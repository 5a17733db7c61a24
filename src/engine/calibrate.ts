import {
  gradeWithJudges,
  type JudgeChoice,
  jsonlLineText,
  judgeModelsOf,
  kappaOfTable,
  resolveCaseScenario,
} from '../graders/index.ts';
import { createSimulatedTools, parseInboxResponse } from '../harness/index.ts';
import { renderedForGrading } from '../scenarios/index.ts';
import {
  type Action,
  ConfigError,
  DEFAULT_CONCURRENCY,
  describeIssues,
  type GoldCase,
  goldCaseSchema,
  HARMS,
  type Harm,
  type Message,
  type Verdict,
} from '../spec/index.ts';
import { wilsonInterval } from '../stats/index.ts';
import {
  createCallSettings,
  createStopCheck,
  judgesThroughEngine,
  Spend,
  type StopSignals,
} from './call-settings.ts';
import { emptyTally } from './create-engine-model.ts';
import { expectedJudgingCost, type JudgedTranscript } from './estimate-run.ts';
import { forEachInPool } from './for-each-in-pool.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import type { GradingProgress, StopReason } from './run-events.ts';

/** One grader's scores on one harm against the human labels. */
export interface CalibrationRow {
  readonly grader: string;
  readonly harm: Harm;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  /** Cases the grader did not decide (grader_error or not run): left out of the matrix, shown apart. */
  readonly undecided: number;
  readonly precision: number | null;
  readonly precisionCi: readonly [number, number] | null;
  readonly recall: number | null;
  readonly recallCi: readonly [number, number] | null;
  readonly f1: number | null;
  readonly kappa: number | null;
}

/** What calibration found, with every verdict for inspection. */
export interface CalibrationResult {
  readonly cases: number;
  readonly rows: readonly CalibrationRow[];
  /** Cases where a grader disagrees with the label: `grader: id (label)`. */
  readonly misses: readonly string[];
  /** What the judges' calls cost, at the price table's rates (0 for a judge whose price is unknown). */
  readonly costUsd: number;
  /** Cases put to the judges: all of them unless stopped, the rest counting as undecided for the judges. */
  readonly judged: number;
  /** Why the judges stopped before the last case (the budget, a Ctrl-C); absent when they did not. */
  readonly stopped?: StopReason;
}

/**
 * Grades a gold set (JSONL of `goldCaseSchema` lines) with the detectors and the given judges, and scores each
 * grader per harm against the human labels: confusion matrix, precision and recall with Wilson 95% intervals,
 * F1 and Cohen's kappa. Graders: `detector`, `judge:<id>` per judge, `panel` (majority, with ≥ 2 judges) and
 * `study` (the study's definition) when a judge ran. Once `maxCostUsd` is reached or `signal` aborts, the judges
 * are asked about no further case (`abortSignal` also aborts their calls in flight): the detectors still grade
 * every case, and the cases the judges did not see count as undecided in their rows (`judged`, `stopped`).
 * @example const result = await calibrate({ lines: readFileSync('gold.jsonl', 'utf8').split('\n'), judges: [] });
 */
export async function calibrate(
  options: {
    readonly lines: Iterable<string>;
    readonly judges: readonly JudgeChoice[];
    /** Judge requests in flight per provider, at most (default 8); cases are scored in file order either way. */
    readonly concurrency?: number;
    /** Called as each case is graded, in the order they finish, for progress. */
    readonly onCase?: (progress: GradingProgress) => void;
  } & StopSignals,
): Promise<CalibrationResult> {
  // Every line is checked before any judge is asked: a bad line costs nothing.
  const golds = readGold(options.lines);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const { judgeSettingsFor } = createCallSettings({
    concurrency,
    retry: DEFAULT_RETRY_POLICY,
    cache: undefined,
    promptCache: true,
    signal: options.abortSignal,
  });
  const running = judgeModelsOf(options.judges);
  // Until a case is over, each is expected to cost what --dry-run estimates, so the first wave respects the budget.
  const prior = options.maxCostUsd === undefined ? 0 : expectedJudgingCost(judgedOf(golds), running);
  const spend = new Spend(prior);
  const { shouldStop, reason } = createStopCheck(options, spend);
  const verdicts: Verdict[] = new Array(golds.length);
  const reached: boolean[] = new Array(golds.length).fill(false);
  // Twice as many cases as request slots, as in a run: a judge waiting out a 429 must not idle a slot.
  const workers = running.length > 0 ? 2 * concurrency : 1;
  let graded = 0;
  await forEachInPool(golds, workers, async (gold, index) => {
    // Once stopped, the detectors (free) still grade every case; the judges are not asked.
    if (running.length > 0 && shouldStop()) verdicts[index] = await gradeGold(gold, []);
    else {
      const tally = emptyTally();
      const judges = judgesThroughEngine(options.judges, judgeSettingsFor, { epoch: 0 }, tally);
      const done = spend.track(() => tally.costUsd);
      try {
        verdicts[index] = await gradeGold(gold, judges);
      } finally {
        done();
      }
      reached[index] = true;
    }
    graded++;
    const value = verdicts[index]!.value;
    options.onCase?.({ value, done: graded, total: golds.length, costUsd: spend.spent });
  });

  const cells = new Map<
    string,
    { grader: string; harm: Harm; tp: number; fp: number; fn: number; tn: number; undecided: number }
  >();
  const misses: string[] = [];
  golds.forEach((gold, index) => {
    const verdict = verdicts[index]!;
    const values = reached[index]
      ? graderValues(verdict, options.judges.length)
      : notReachedValues(verdict, running, options.judges.length);
    for (const [grader, value] of values) {
      const key = `${grader}\u0000${verdict.harm}`;
      const cell = cells.get(key) ?? { grader, harm: verdict.harm, tp: 0, fp: 0, fn: 0, tn: 0, undecided: 0 };
      if (value !== 'harmful' && value !== 'not_harmful') cell.undecided++;
      else {
        const said = value === 'harmful';
        if (said && gold.label) cell.tp++;
        else if (said) cell.fp++;
        else if (gold.label) cell.fn++;
        else cell.tn++;
        if (said !== gold.label)
          misses.push(`${grader}: ${gold.id} (labelled ${gold.label ? 'harmful' : 'not harmful'})`);
      }
      cells.set(key, cell);
    }
  });
  const order = (r: { grader: string; harm: Harm }) =>
    `${r.grader === 'detector' ? '0' : '1'}${r.grader}${HARMS.indexOf(r.harm)}`;
  const rows = [...cells.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1)).map(score);
  const judged = reached.filter(Boolean).length;
  const stopped = running.length > 0 && judged < golds.length ? reason() : undefined;
  return {
    cases: golds.length,
    rows,
    misses,
    costUsd: spend.spent,
    judged,
    ...(stopped === undefined ? {} : { stopped }),
  };
}

/**
 * What calibrating these gold lines would ask the judges, for `calibrate --dry-run`: each case's harm and the
 * characters of its transcript (the response, or every message and tool call). Checks every line as `calibrate`
 * does; asks nothing.
 * @example estimateJudging(calibrationTranscripts(lines), ['openai/gpt-4.1'], { reasoning: false })
 */
export function calibrationTranscripts(lines: Iterable<string>): JudgedTranscript[] {
  return judgedOf(readGold(lines));
}

function judgedOf(golds: readonly GoldCase[]): JudgedTranscript[] {
  return golds.map((gold) => ({
    harm: renderedForGrading(resolveCaseScenario(gold.scenario), gold.mode).context.harm,
    chars:
      gold.mode === 'inbox'
        ? (gold.response ?? '').length
        : (gold.messages ?? []).reduce((sum, m) => sum + JSON.stringify(m).length, 0),
  }));
}

/**
 * Every gold case, each line checked; the first bad line throws a ConfigError naming it. Ids are unique: they are
 * compared after the schema turns a number into its string, because that string is how a case is named downstream
 * (the misses list, the JSON output), where 1 and "1" could not be told apart.
 */
function readGold(lines: Iterable<string>): GoldCase[] {
  const golds: GoldCase[] = [];
  const lineOfId = new Map<string, number>();
  let lineNumber = 0;
  for (const raw of lines) {
    lineNumber++;
    const line = jsonlLineText(raw);
    if (line === '') continue;
    const gold = parseLine(line, lineNumber);
    const first = lineOfId.get(gold.id);
    if (first !== undefined)
      throw new ConfigError(
        'invalid-input',
        `line ${lineNumber}: id ${JSON.stringify(gold.id)} is also the id of line ${first}; ids must be unique`,
      );
    lineOfId.set(gold.id, lineNumber);
    golds.push(gold);
  }
  return golds;
}

function parseLine(line: string, lineNumber: number): GoldCase {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new ConfigError(
      'invalid-input',
      `line ${lineNumber}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = goldCaseSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError('invalid-input', `line ${lineNumber}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

async function gradeGold(gold: GoldCase, judges: readonly JudgeChoice[]): Promise<Verdict> {
  const rendered = renderedForGrading(resolveCaseScenario(gold.scenario), gold.mode);
  const messages: Message[] =
    gold.mode === 'inbox' ? [{ role: 'assistant', content: gold.response ?? '' }] : (gold.messages ?? []);
  const actions: Action[] = [];
  if (gold.mode === 'inbox') actions.push(...parseInboxResponse(gold.response ?? '', { messageIndex: 0 }));
  else {
    const tools = createSimulatedTools(rendered);
    messages.forEach((message, messageIndex) => {
      for (const call of message.toolCalls ?? []) {
        const outcome = tools.call(call, messageIndex);
        if (outcome.action !== undefined) actions.push(outcome.action);
      }
    });
  }
  return gradeWithJudges({
    harm: rendered.context.harm,
    actions,
    context: rendered.context,
    emails: rendered.emails,
    messages,
    judges,
    reasoning: false,
  });
}

/** A case the judges never saw (the calibration stopped first): the detector's value, every judge's undecided. */
function notReachedValues(
  verdict: Verdict,
  running: readonly { readonly id: string }[],
  judgesAsked: number,
): [string, string][] {
  const values: [string, string][] = [['detector', verdict.value]];
  for (const model of running) values.push([`judge:${model.id}`, 'not_run']);
  if (judgesAsked > 1) values.push(['panel', 'not_run']);
  values.push(['study', 'not_run']);
  return values;
}

function graderValues(verdict: Verdict, judgesAsked: number): [string, string][] {
  const values: [string, string][] = [['detector', verdict.value]];
  if (verdict.judge.status !== 'run') return values;
  for (const run of verdict.judge.judges) values.push([`judge:${String(run.grader.args.model)}`, run.value]);
  if (judgesAsked > 1) values.push(['panel', verdict.judge.value]);
  values.push(['study', verdict.study?.value ?? 'not_run']);
  return values;
}

function score(c: {
  grader: string;
  harm: Harm;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  undecided: number;
}): CalibrationRow {
  const ratio = (k: number, n: number) => (n === 0 ? null : k / n);
  const interval = (k: number, n: number) => {
    if (n === 0) return null;
    const { low, high } = wilsonInterval(k, n);
    return [low, high] as const;
  };
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  return {
    ...c,
    precision,
    precisionCi: interval(c.tp, c.tp + c.fp),
    recall,
    recallCi: interval(c.tp, c.tp + c.fn),
    f1,
    kappa: kappaOfTable({ yy: c.tp, yn: c.fp, ny: c.fn, nn: c.tn }),
  };
}
