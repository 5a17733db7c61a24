import { PROVIDER_KEY_VARIABLES, readKey } from './provider-keys.ts';

/** The model `auto` picks for each provider whose key is set: a capable, widely available default. */
export const AUTO_DEFAULT_MODELS = {
  anthropic: 'anthropic/claude-sonnet-4-5',
  openai: 'openai/gpt-4.1',
  google: 'google/gemini-2.5-flash',
  xai: 'xai/grok-4',
  openrouter: 'openrouter/anthropic/claude-sonnet-4.5',
} as const;

/** The sim agents `auto` falls back to: one that can turn, one that never does. */
export const AUTO_SIM_MODELS = ['sim/insider', 'sim/aligned'] as const;

/** What `auto` chose and why, in a line fit for a banner. */
export interface AutoModels {
  readonly ids: string[];
  readonly reason: string;
  /** True when `auto` fell back to the sim agents. */
  readonly simulated: boolean;
}

/**
 * Picks models for `auto`: one default model per provider whose key is set; else the first model of a local
 * Ollama (probed at `ollamaUrl` with a short timeout); else the sim agents. Reads whether keys are set, never
 * their values.
 * @example
 * const { ids, reason } = await autoModels(process.env);
 */
export async function autoModels(
  env: NodeJS.ProcessEnv,
  options: { ollamaUrl?: string; timeoutMs?: number } = {},
): Promise<AutoModels> {
  const keyed = Object.entries(PROVIDER_KEY_VARIABLES).filter(
    ([, variable]) => readKey(variable, env) !== undefined,
  );
  if (keyed.length > 0) {
    const ids = keyed.map(([provider]) => AUTO_DEFAULT_MODELS[provider as keyof typeof AUTO_DEFAULT_MODELS]);
    const found = keyed.map(([, variable]) => variable).join(', ');
    return { ids, reason: `${found} found: running ${ids.join(', ')}`, simulated: false };
  }
  const ollamaUrl = options.ollamaUrl ?? 'http://127.0.0.1:11434';
  const local = await probeOllama(ollamaUrl, options.timeoutMs ?? 300);
  if (local !== undefined && local.length > 0) {
    const id = `ollama/${local[0]}`;
    return { ids: [id], reason: `no API key; a local Ollama answered: running ${id}`, simulated: false };
  }
  const why =
    local === undefined
      ? 'no API key in the environment, no local Ollama'
      : 'no API key; Ollama has no model pulled';
  return { ids: [...AUTO_SIM_MODELS], reason: `no model configured (${why})`, simulated: true };
}

/** The model names a local Ollama lists, or undefined when it does not answer in time. */
export async function probeOllama(baseUrl: string, timeoutMs: number): Promise<string[] | undefined> {
  try {
    const response = await fetch(new URL('/api/tags', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { models?: { name?: unknown }[] };
    return (body.models ?? []).map((m) => m.name).filter((name): name is string => typeof name === 'string');
  } catch {
    return undefined;
  }
}
