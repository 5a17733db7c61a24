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
