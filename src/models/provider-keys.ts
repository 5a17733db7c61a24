import { ConfigError } from '../spec/config-error.ts';
import type { HaywireConfig } from './haywire-config.ts';
import { parseModelId } from './parse-model-id.ts';

/** The environment variable each hosted provider's key is read from. */
export const PROVIDER_KEY_VARIABLES = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  xai: 'XAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
} as const;

/** Also accepted for Google, after GOOGLE_GENERATIVE_AI_API_KEY. */
const ALIASES: Readonly<Record<string, string>> = { GOOGLE_GENERATIVE_AI_API_KEY: 'GEMINI_API_KEY' };

/**
 * The variable a model id needs its key from, or undefined when it needs none (`sim/`, `ollama/`, `llamacpp/`,
 * an `openai-compatible/` endpoint configured without `apiKeyEnv`).
 * @example
 * requiredKeyFor('anthropic/claude-opus-4-1'); // 'ANTHROPIC_API_KEY'
 */
export function requiredKeyFor(id: string, config?: HaywireConfig): string | undefined {
  if (id.startsWith('sim/') || id === 'auto') return undefined;
  const { provider, name } = parseModelId(id);
  if (provider === 'openai-compatible') {
    const endpoint = config?.endpoints[name.split('/')[0] ?? ''];
    return endpoint?.apiKeyEnv;
  }
  return provider in PROVIDER_KEY_VARIABLES
    ? PROVIDER_KEY_VARIABLES[provider as keyof typeof PROVIDER_KEY_VARIABLES]
    : undefined;
}

/** The key's value for a variable (or its alias), or undefined when unset or empty. Never printed. */
export function readKey(variable: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const name of [variable, ALIASES[variable]]) {
    const value = name === undefined ? undefined : env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * Throws a one-line `ConfigError` for the first model whose key is missing from `env`, naming the variable,
 * e.g. `anthropic/claude-opus-4-1 needs ANTHROPIC_API_KEY (set it in the environment or .env)`.
 * Call it before any request; it reads whether a key is set, never its value.
 */
export function checkKeys(ids: readonly string[], env: NodeJS.ProcessEnv, config?: HaywireConfig): void {
  for (const id of ids) {
    const variable = requiredKeyFor(id, config);
    if (variable === undefined) continue;
    const key = readKey(variable, env);
    if (key === undefined)
      throw new ConfigError('invalid-config', `${id} needs ${variable} (set it in the environment or .env)`);
    const bad = unsendable(key);
    if (bad !== undefined)
      throw new ConfigError(
        'invalid-config',
        `${variable} holds a character no HTTP header can carry (${bad}): an invisible or typographic ` +
          'character pasted with the key? Set it again from the provider’s console',
      );
  }
}

/**
 * Where a key holds a character that cannot go in an HTTP header (outside printable ASCII: a zero-width space,
 * a non-breaking space, a typographic quote, a line break), as `character 17 of 18, U+200B`; undefined when
 * it can be sent. The key itself is never named.
 */
function unsendable(key: string): string | undefined {
  const characters = [...key];
  const at = characters.findIndex((c) => !/^[\x20-\x7e]$/.test(c));
  if (at < 0) return undefined;
  const code = characters[at]?.codePointAt(0) ?? 0;
  return `character ${at + 1} of ${characters.length}, U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
