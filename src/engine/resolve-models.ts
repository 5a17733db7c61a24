import { AUTO_SIM_MODELS, autoModels, readEnvironment, resolveModel } from '../models/index.ts';
import type { Model } from '../spec/index.ts';

/** The sim agents `auto` falls back to: one that can turn, one that never does. */
export const FALLBACK_SIM_MODELS = AUTO_SIM_MODELS;

export interface ResolvedModels {
  readonly models: readonly Model[];
  /** Why `auto` chose what it chose, for the banner; undefined when the user named the models. */
  readonly autoReason: string | undefined;
}

/** Where models are reached: another endpoint (`--base-url`), and the variables keys are read from. */
export interface ResolveModelsOptions {
  readonly baseUrl?: string | undefined;
  /** Default: `.env` in the working folder overridden by the process environment. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Resolves model ids without probing anything: `auto` stands for the sim agents here (use `chooseModels` for
 * the full `auto`). A model whose key is missing throws a one-line ConfigError naming the variable, before any
 * request. Never reads a key into a message.
 */
export function resolveModels(
  ids: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  options: Omit<ResolveModelsOptions, 'env'> = {},
): ResolvedModels {
  const named = ids.filter((id) => id !== 'auto');
  const all = ids.includes('auto') ? [...named, ...FALLBACK_SIM_MODELS] : named;
  const autoReason = ids.includes('auto') ? 'no model chosen; auto without probing' : undefined;
  return { models: resolveAll(all, { ...options, env }), autoReason };
}

/**
 * Resolves model ids for a run; `auto` picks one default model per provider whose key is set, else a local
 * Ollama, else the sim agents, and says why.
 * @example const { models, autoReason } = await chooseModels(['auto']);
 */
export async function chooseModels(
  ids: readonly string[],
  options: ResolveModelsOptions = {},
): Promise<ResolvedModels> {
  const env = options.env ?? readEnvironment(process.cwd());
  if (!ids.includes('auto')) return { models: resolveAll(ids, { ...options, env }), autoReason: undefined };
  const auto = await autoModels(env);
  const named = ids.filter((id) => id !== 'auto');
  return { models: resolveAll([...named, ...auto.ids], { ...options, env }), autoReason: auto.reason };
}

function resolveAll(ids: readonly string[], options: ResolveModelsOptions): Model[] {
  const { baseUrl, env } = options;
  return [...new Set(ids)].map((id) =>
    resolveModel(id, {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(env === undefined ? {} : { env }),
    }),
  );
}
