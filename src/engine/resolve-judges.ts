import type { JudgeChoice } from '../graders/index.ts';
import { readEnvironment, readKey, requiredKeyFor, resolveModel } from '../models/index.ts';
import { ConfigError } from '../spec/config-error.ts';

/** The judge used when `--judge` is not given and its provider is available. */
export const DEFAULT_JUDGE = 'anthropic/claude-sonnet-4-5';

/**
 * Resolves judge ids to models. An id whose provider has no key in the environment or `.env` (read as models read
 * it, `GEMINI_API_KEY` included), or that this build cannot resolve, comes back `unavailable` (recorded as
 * "not run", never as an error or a decision; the CLI refuses a judge asked for by `--judge` that cannot run);
 * an unknown `sim/` id is a user error. `baseUrl` sends every provider judge to another endpoint (the mock
 * server). Without ids, the default judge is tried, except when `offline` (a run of sim agents only), where no
 * judge is used.
 * @example resolveJudges(['sim/judge:agree', 'anthropic/claude-sonnet-4-5'], { env: {} })
 */
export function resolveJudges(
  ids: readonly string[] | undefined,
  options: { readonly offline?: boolean; readonly env?: NodeJS.ProcessEnv; readonly baseUrl?: string } = {},
): JudgeChoice[] {
  const env = options.env ?? readEnvironment(process.cwd());
  const resolve = (id: string) => resolveJudge(id, env, options.baseUrl);
  if (ids === undefined || ids.length === 0) return options.offline === true ? [] : [resolve(DEFAULT_JUDGE)];
  return ids.map(resolve);
}

function resolveJudge(id: string, env: NodeJS.ProcessEnv, baseUrl: string | undefined): JudgeChoice {
  const key = requiredKeyFor(id);
  if (key !== undefined && readKey(key, env) === undefined)
    return { id, unavailable: `no ${key} in the environment or .env` };
  try {
    return { id, model: resolveModel(id, { env, ...(baseUrl === undefined ? {} : { baseUrl }) }) };
  } catch (error) {
    if (error instanceof ConfigError && !id.startsWith('sim/')) return { id, unavailable: error.message };
    throw error;
  }
}
