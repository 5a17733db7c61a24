import type { JudgeChoice } from '../graders/index.ts';
import { resolveModel } from '../models/index.ts';
import { ConfigError } from '../spec/config-error.ts';

/** The judge used when `--judge` is not given and its provider is available. */
export const DEFAULT_JUDGE = 'anthropic/claude-sonnet-4-5';

/** The key each provider needs; a judge whose key is missing is not run. */
const PROVIDER_KEYS: Readonly<Record<string, string>> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  xai: 'XAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
};

/**
 * Resolves judge ids to models. An id whose provider has no key in the environment, or that this build
 * cannot resolve yet, comes back `unavailable` (recorded as "not run", never as an error or a decision);
 * an unknown `sim/` id is a user error. Without ids, the default judge is tried, except when `offline`
 * (a run of sim agents only), where no judge is used.
 * @example resolveJudges(['sim/judge:agree', 'anthropic/claude-sonnet-4-5'], { env: {} })
 */
export function resolveJudges(
  ids: readonly string[] | undefined,
  options: { readonly offline?: boolean; readonly env?: NodeJS.ProcessEnv } = {},
): JudgeChoice[] {
  const env = options.env ?? process.env;
  if (ids === undefined || ids.length === 0) {
    if (options.offline === true) return [];
    return [resolveJudge(DEFAULT_JUDGE, env)];
  }
  return ids.map((id) => resolveJudge(id, env));
}

function resolveJudge(id: string, env: NodeJS.ProcessEnv): JudgeChoice {
  const provider = id.split('/')[0] ?? '';
  const key = PROVIDER_KEYS[provider];
  if (key !== undefined && (env[key] ?? '') === '')
    return { id, unavailable: `no ${key} in the environment` };
  try {
    return { id, model: resolveModel(id) };
  } catch (error) {
    if (error instanceof ConfigError && !id.startsWith('sim/')) return { id, unavailable: error.message };
    throw error;
  }
}
