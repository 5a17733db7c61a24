export { listSimModels, resolveModel } from './resolve-model.ts';
export { createSimModel } from './sim/create-sim-model.ts';
export {
  INSIDER_BASE_PROBABILITY,
  INSIDER_BELIEVES_EVALUATION_FACTOR,
  INSIDER_MITIGATION_FACTOR,
  insiderHarmProbability,
} from './sim/insider-probability.ts';
export { type Perception, perceive } from './sim/perceive.ts';
export type { SimPolicy } from './sim/sim-policy.ts';
