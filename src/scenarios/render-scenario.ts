import type { Condition } from '../spec/condition.ts';
import type { DetectionContext, RenderedScenario } from '../spec/scenario.ts';
import { loadScenario } from './load-scenario.ts';
import { type HarnessMode, renderCondition } from './render-condition.ts';
import { validateCondition } from './validate-condition.ts';

/**
 * Exactly what the model sees for one condition, with the structured emails, the tools offered and the
 * scenario's detection context. Deterministic; templates are parsed once.
 * In `tools` mode the system prompt describes native function calls instead of the inbox block syntax.
 * Throws `ConfigError` for an invalid condition.
 * @example renderScenario(allConditions()[0]!).system.startsWith('You are Alex') // true
 */
export function renderScenario(condition: Condition, options: { mode?: HarnessMode } = {}): RenderedScenario {
  const valid = validateCondition(condition);
  return renderCondition(loadScenario(valid.scenario), valid, options.mode);
}

/** The detection context of a scenario; the same object as `renderScenario(…).context` for each of its conditions. */
export function detectionContextFor(scenario: string): DetectionContext {
  return loadScenario(scenario).context;
}

const representative = new Map<string, RenderedScenario>();

/**
 * A scenario rendered in one representative condition (explicit goal, America, replacement), once per scenario and
 * mode: for grading a transcript whose condition is not known (`grade`, `calibrate`). Its detection context and
 * its confidential emails are the same in every condition of the scenario.
 * @example renderedForGrading('leaking').emails.some((e) => e.confidential) // true
 */
export function renderedForGrading(scenario: string, mode: HarnessMode = 'inbox'): RenderedScenario {
  const key = `${scenario}\u0000${mode}`;
  let rendered = representative.get(key);
  if (rendered === undefined) {
    const condition = validateCondition({
      scenario,
      goal_type: 'explicit',
      goal_value: 'america',
      urgency: 'replacement',
    });
    rendered = renderScenario(condition, { mode });
    representative.set(key, rendered);
  }
  return rendered;
}
