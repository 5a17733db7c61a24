import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../spec/config-error.ts';
import { describeIssues } from '../spec/describe-issues.ts';

const endpointSchema = z.strictObject({
  /** The endpoint's OpenAI-compatible base URL, e.g. `https://api.together.xyz/v1`. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  /** The environment variable holding its key; omit for endpoints that need none. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as TOGETHER_API_KEY')
    .optional(),
  /** The model to request when the id names only the endpoint (`openai-compatible/<name>`). */
  model: z.string().min(1).optional(),
});

const usdPerMillion = z.number().nonnegative().finite();

/**
 * A model's price in USD per million tokens, for models the price table does not know. Not given, cache reads are
 * billed at the input price, and cache writes at 1.25 × input (Anthropic's 5-minute write price; the providers that
 * report no writes bill none): never less than a provider bills, so a budget stops early, not late.
 */
const priceSchema = z
  .strictObject({
    input: usdPerMillion,
    output: usdPerMillion,
    cacheRead: usdPerMillion.optional(),
    cacheWrite: usdPerMillion.optional(),
  })
  .transform(({ input, output, cacheRead, cacheWrite }) => ({
    input,
    output,
    cacheRead: cacheRead ?? input,
    cacheWrite: cacheWrite ?? input * 1.25,
  }));

const modelSettingsSchema = z.strictObject({
  /** Reasoning effort, passed to the AI SDK (Anthropic thinking budget, OpenAI reasoning effort, …). */
  reasoning: z.enum(['provider-default', 'none', 'minimal', 'low', 'medium', 'high']).optional(),
  /** Its price, over the price table's (USD per million tokens). */
  price: priceSchema.optional(),
});

export const haywireConfigSchema = z.strictObject({
  /** Named OpenAI-compatible endpoints, used as `openai-compatible/<name>[/<model>]`. */
  endpoints: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), endpointSchema).default({}),
  /** Settings per model id, e.g. `anthropic/claude-sonnet-4-5: { reasoning: medium }`. */
  models: z.record(z.string(), modelSettingsSchema).default({}),
});
/** Haywire's configuration file: `haywire.config.yaml`, or `.haywire/config.yaml`. */
export type HaywireConfig = z.infer<typeof haywireConfigSchema>;
export type EndpointConfig = z.infer<typeof endpointSchema>;

/** The configuration files looked for, in order, relative to the working folder. */
export const CONFIG_FILES = ['haywire.config.yaml', '.haywire/config.yaml'] as const;

/**
 * Reads and validates the first configuration file found in `cwd`; an empty configuration when there is none.
 * A malformed file is a `ConfigError` naming the file and the bad fields.
 */
export function loadHaywireConfig(cwd = process.cwd()): HaywireConfig {
  const file = CONFIG_FILES.map((name) => join(cwd, name)).find((path) => existsSync(path));
  if (file === undefined) return { endpoints: {}, models: {} };
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (cause) {
    throw new ConfigError('invalid-config', `${file} is not valid YAML`, { file, cause });
  }
  const parsed = haywireConfigSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError('invalid-config', `${file}: ${describeIssues(parsed.error)}`, { file });
  }
  return parsed.data;
}
