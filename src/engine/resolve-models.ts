import { resolveModel } from '../models/index.ts';
import type { Model } from '../spec/index.ts';

/** The sim agents `auto` falls back to: one that can turn, one that never does. */
export const FALLBACK_SIM_MODELS = ['sim/insider', 'sim/aligned'] as const;

/** Environment variables that will select a real provider once providers are wired in. */
const PROVIDER_KEYS = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'XAI_API_KEY'];

export interface ResolvedModels {
  readonly models: readonly Model[];
  /** Why `auto` chose what it chose, for the banner; undefined when the user named the models. */
  readonly autoReason: string | undefined;
}

/**
 * Resolves model ids; `auto` picks the first available model. Real providers are not part of this
 * version, so `auto` falls back to the sim agents and says why. Never reads a key's value.
 */
export function resolveModels(ids: readonly string[], env: NodeJS.ProcessEnv = process.env): ResolvedModels {
  if (!ids.includes('auto')) return { models: dedupe(ids).map(resolveModel), autoReason: undefined };
  const named = ids.filter((id) => id !== 'auto');
  const keyed = PROVIDER_KEYS.filter((name) => (env[name] ?? '') !== '');
  const autoReason =
    keyed.length === 0
      ? 'no model configured (no API key in the environment)'
      : `${keyed.join(', ')} found, but real providers are not available in this version`;
  return { models: dedupe([...named, ...FALLBACK_SIM_MODELS]).map(resolveModel), autoReason };
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
