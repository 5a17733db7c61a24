export { listSimModels, resolveModel } from './resolve-model.ts';
export { createSimJudge, SIM_JUDGE_SCRIPTS, type SimJudgeScript } from './sim/create-sim-judge.ts';
export { createSimModel } from './sim/create-sim-model.ts';
export {
  INSIDER_BASE_PROBABILITY,
  INSIDER_BELIEVES_EVALUATION_FACTOR,
  INSIDER_MITIGATION_FACTOR,
  insiderHarmProbability,
} from './sim/insider-probability.ts';
export { type Perception, perceive } from './sim/perceive.ts';
export type { SimPolicy } from './sim/sim-policy.ts';
