import { ConfigError } from '../spec/config-error.ts';
import { MAX_TIMER_MS } from '../spec/max-timer-ms.ts';
import type { Model } from '../spec/model.ts';
import { createLlamaCppModel } from './create-llamacpp-model.ts';
import { createProviderModel } from './create-provider-model.ts';
import { type HaywireConfig, loadHaywireConfig } from './haywire-config.ts';
import { parseModelId } from './parse-model-id.ts';
import { checkKeys, readKey, requiredKeyFor } from './provider-keys.ts';
import { readEnvironment } from './read-environment.ts';
import { resolveSimJudge } from './sim/create-sim-judge.ts';
import { createSimModel } from './sim/create-sim-model.ts';
import { withLatency } from './sim/with-latency.ts';

/** Where a real provider's model is reached and with which keys. */
export interface ResolveModelOptions {
  /** Another endpoint for the provider, e.g. the mock server (`--base-url`). */
  readonly baseUrl?: string;
  /** The variables keys are read from; default: `.env` in `cwd` overridden by the process environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Endpoints and per-model settings; default: `haywire.config.yaml` or `.haywire/config.yaml` in `cwd`. */
  readonly config?: HaywireConfig;
  /** Where `.env`, the config file and relative `llamacpp/` paths are found; default: the working folder. */
  readonly cwd?: string;
}

const SIM_MODELS = ['sim/insider', 'sim/aligned', 'sim/random:<p>'] as const;

/** The sim agents' ids, `sim/random:<p>` standing for any p within 0..1. */
export function listSimModels(): string[] {
  return [...SIM_MODELS];
}

/**
 * Resolves a model id to a `Model`. `sim/` agents: `sim/insider`, `sim/aligned` and `sim/random:<p>` with p
 * within 0..1, each optionally with a simulated latency per call (`sim/insider@20ms`). Real providers
 * (`anthropic/`, `openai/`, `google/`, `xai/`, `openrouter/`, `ollama/`, `openai-compatible/<endpoint>`,
 * `llamacpp/<file.gguf>`) call the AI SDK (or node-llama-cpp). A missing key, an unknown provider or endpoint
 * throws a one-line `ConfigError` before any request.
 * @example
 * const model = resolveModel('sim/random:0.3');
 * model.simulated; // true
 * const claude = resolveModel('anthropic/claude-sonnet-4-5', { baseUrl: 'http://127.0.0.1:8787' });
 */
export function resolveModel(id: string, options: ResolveModelOptions = {}): Model {
  if (!id.startsWith('sim/')) return resolveProviderModel(id, options);
  const latency = /^(sim\/.+)@(\d+)ms$/.exec(id);
  if (latency !== null) {
    const ms = Number(latency[2]);
    // Past 2^31 − 1 ms Node's timer fires at once: the latency would silently become none.
    if (ms > MAX_TIMER_MS)
      throw new ConfigError(
        'unknown-name',
        `invalid model "${id}": the latency must be at most ${MAX_TIMER_MS}ms`,
      );
    return withLatency(resolveModel(latency[1]!), id, ms);
  }
  if (id.startsWith('sim/judge:')) return resolveSimJudge(id);
  if (id === 'sim/insider') return createSimModel(id, { name: 'insider' });
  if (id === 'sim/aligned') return createSimModel(id, { name: 'aligned' });
  if (id.startsWith('sim/random:')) {
    const text = id.slice('sim/random:'.length);
    const p = /^\d+(?:\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(p >= 0 && p <= 1)) {
      throw new ConfigError(
        'unknown-name',
        `invalid model "${id}": p must be a number within 0..1, e.g. sim/random:0.3`,
      );
    }
    return createSimModel(id, { name: 'random', p });
  }
  const available = listSimModels().join(', ');
  throw new ConfigError('unknown-name', `unknown model "${id}": no such sim agent; available: ${available}`);
}

function resolveProviderModel(id: string, options: ResolveModelOptions): Model {
  const ref = parseModelId(id);
  const cwd = options.cwd ?? process.cwd();
  if (ref.provider === 'llamacpp') return createLlamaCppModel(id, ref.name, cwd);
  const config = options.config ?? loadHaywireConfig(cwd);
  const env = options.env ?? readEnvironment(cwd);
  checkKeys([id], env, config);
  const variable = requiredKeyFor(id, config);
  const model = createProviderModel({
    id,
    ref,
    apiKey: variable === undefined ? undefined : readKey(variable, env),
    baseUrl: options.baseUrl,
    config,
  });
  const price = config.models[id]?.price;
  return price === undefined ? model : { ...model, price };
}
