export type { ConditionAxes } from './list-conditions.ts';
export { allConditions, listConditions } from './list-conditions.ts';
export { loadScenario } from './load-scenario.ts';
export { isMitigationPath } from './mitigation-text.ts';
export type { HarnessMode } from './render-condition.ts';
export { detectionContextFor, renderedForGrading, renderScenario } from './render-scenario.ts';
export type { Scenario } from './scenario.ts';
export type { ConditionInput } from './validate-condition.ts';
export { validateCondition } from './validate-condition.ts';
