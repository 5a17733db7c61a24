import { ConfigError } from '../spec/config-error.ts';

/** The providers Haywire reaches through the AI SDK, plus the embedded llama.cpp. */
export const PROVIDERS = [
  'anthropic',
  'openai',
  'google',
  'xai',
  'openrouter',
  'ollama',
  'openai-compatible',
  'llamacpp',
] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** A real model id split at its first `/`: `openrouter/meta-llama/llama-3.3-70b` → openrouter, `meta-llama/…`. */
export interface ModelRef {
  readonly provider: ProviderName;
  readonly name: string;
}

/** Splits a real provider's model id, or throws a one-line `ConfigError` naming the known providers. */
export function parseModelId(id: string): ModelRef {
  const slash = id.indexOf('/');
  const provider = slash === -1 ? id : id.slice(0, slash);
  const name = slash === -1 ? '' : id.slice(slash + 1);
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new ConfigError(
      'unknown-name',
      `unknown model "${id}": no provider "${provider}"; use one of sim/, ${PROVIDERS.map((p) => `${p}/`).join(', ')}`,
    );
  }
  if (name.trim() === '') {
    throw new ConfigError('unknown-name', `invalid model "${id}": name the model after "${provider}/"`);
  }
  return { provider: provider as ProviderName, name };
}
