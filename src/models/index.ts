export {
  AUTO_DEFAULT_MODELS,
  AUTO_SIM_MODELS,
  type AutoModels,
  autoModels,
  probeOllama,
} from './auto-models.ts';
export { NODE_LLAMA_CPP_VERSION } from './create-llamacpp-model.ts';
export {
  CONFIG_FILES,
  type EndpointConfig,
  type HaywireConfig,
  haywireConfigSchema,
  loadHaywireConfig,
} from './haywire-config.ts';
export { PROVIDERS, type ProviderName, parseModelId } from './parse-model-id.ts';
export { parseToolArguments } from './parse-tool-arguments.ts';
export { ProviderError, type ProviderErrorKind } from './provider-error.ts';
export { checkKeys, PROVIDER_KEY_VARIABLES, readKey, requiredKeyFor } from './provider-keys.ts';
export { readEnvironment } from './read-environment.ts';
export { readRateLimit, readRetryAfterMs } from './read-rate-limit.ts';
export { redactSecrets } from './redact-secrets.ts';
export { listSimModels, type ResolveModelOptions, resolveModel } from './resolve-model.ts';
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
