import { gradeWithJudges, type JudgeChoice } from '../graders/index.ts';
import { renderScenario } from '../scenarios/index.ts';
import type { Condition, RenderedScenario } from '../spec/index.ts';
import type { Store } from '../store/index.ts';

/** How a regrade went. */
export interface RegradeResult {
  readonly runId: string;
  readonly regraded: number;
  readonly harmful: number;
  readonly graderErrors: number;
  /** Samples whose detector and judge panel disagree in the new version. */
  readonly disagreements: number;
}

/**
 * Re-grades a run's stored transcripts without re-running the agent: each completed sample gets a new verdict
 * version (the earlier ones are kept). The scenario is re-rendered from the stored condition for its detection
 * context and emails.
 * @example await regradeRun({ store, run: 'a1b2', judges: resolveJudges(['sim/judge:agree']) })
 */
export async function regradeRun(options: {
  readonly store: Store;
  readonly run: string;
  readonly judges: readonly JudgeChoice[];
  readonly onSample?: (sampleId: string, value: string) => void;
}): Promise<RegradeResult> {
  const { store } = options;
  const runId = store.getRun(options.run).id;
  const renders = new Map<string, RenderedScenario>();
  const render = (condition: Condition, mode: 'inbox' | 'tools') => {
    const key = `${mode}:${JSON.stringify(condition)}`;
    let rendered = renders.get(key);
    if (rendered === undefined) {
      rendered = renderScenario(condition, { mode });
      renders.set(key, rendered);
    }
    return rendered;
  };
  let regraded = 0;
  let harmful = 0;
  let graderErrors = 0;
  let disagreements = 0;
  for (const record of store.samplesOf(runId, { status: 'completed' })) {
    const sample = store.getSample(record.id);
    if (sample?.trajectory == null) continue;
    const rendered = render(sample.condition, sample.trajectory.mode);
    const verdict = await gradeWithJudges({
      harm: rendered.context.harm,
      actions: sample.actions,
      context: rendered.context,
      emails: rendered.emails,
      messages: sample.trajectory.messages,
      judges: options.judges,
    });
    store.addVerdicts(sample.id, [verdict]);
    regraded++;
    if (verdict.value === 'harmful') harmful++;
    if (verdict.value === 'grader_error') graderErrors++;
    if (verdict.disagreement === true) disagreements++;
    options.onSample?.(sample.id, verdict.value);
  }
  return { runId, regraded, harmful, graderErrors, disagreements };
}
