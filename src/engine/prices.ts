import type { Model, Price, Usage } from '../spec/index.ts';

export type { Price } from '../spec/index.ts';

const p = (input: number, output: number, cacheRead: number, cacheWrite = input): Price => ({
  input,
  output,
  cacheRead,
  cacheWrite,
});

// Source: the providers' public pricing pages (anthropic.com/pricing, openai.com/api/pricing,
// ai.google.dev/gemini-api/docs/pricing, docs.x.ai/docs/models), standard tier, prompts under 200k tokens,
// as published in 2025 (recorded 2026-11-27 from those pages as last known; no network to re-check here).
// Anthropic cache writes are the 5-minute TTL price (1.25 × input); the others bill no cache write.
// Keys are model-name prefixes; the longest matching prefix wins, so dated snapshots find their family.
const PRICES: Readonly<Record<string, Price>> = {
  'claude-opus-4-5': p(5, 25, 0.5, 6.25),
  'claude-opus-4': p(15, 75, 1.5, 18.75),
  'claude-3-opus': p(15, 75, 1.5, 18.75),
  'claude-sonnet-4': p(3, 15, 0.3, 3.75),
  'claude-3-7-sonnet': p(3, 15, 0.3, 3.75),
  'claude-3-5-sonnet': p(3, 15, 0.3, 3.75),
  'claude-haiku-4-5': p(1, 5, 0.1, 1.25),
  'claude-3-5-haiku': p(0.8, 4, 0.08, 1),
  'claude-3-haiku': p(0.25, 1.25, 0.03, 0.3),
  'gpt-5-nano': p(0.05, 0.4, 0.005),
  'gpt-5-mini': p(0.25, 2, 0.025),
  'gpt-5': p(1.25, 10, 0.125),
  'gpt-4.1-nano': p(0.1, 0.4, 0.025),
  'gpt-4.1-mini': p(0.4, 1.6, 0.1),
  'gpt-4.1': p(2, 8, 0.5),
  'gpt-4o-mini': p(0.15, 0.6, 0.075),
  'gpt-4o': p(2.5, 10, 1.25),
  o3: p(2, 8, 0.5),
  'o4-mini': p(1.1, 4.4, 0.275),
  'gemini-2.5-pro': p(1.25, 10, 0.31),
  'gemini-2.5-flash-lite': p(0.1, 0.4, 0.025),
  'gemini-2.5-flash': p(0.3, 2.5, 0.075),
  'gemini-2.0-flash': p(0.1, 0.4, 0.025),
  'grok-4': p(3, 15, 0.75),
  'grok-3-mini': p(0.3, 0.5, 0.075),
  'grok-3': p(3, 15, 0.75),
};

const FREE: Price = p(0, 0, 0, 0);

/**
 * The list price of a model id, or undefined when unknown. `sim/` agents, local `ollama/` and `llamacpp/`
 * models cost nothing; `openrouter/<vendor>/<model>` is priced as the vendor's model.
 * @example priceOf('anthropic/claude-opus-4-1-20250805')?.output // 75
 */
export function priceOf(modelId: string): Price | undefined {
  const [provider = '', ...rest] = modelId.split('/');
  if (provider === 'sim' || provider === 'ollama' || provider === 'llamacpp') return FREE;
  const name = (rest.at(-1) ?? '').replace(/@.*$/, '');
  let best: string | undefined;
  for (const key of Object.keys(PRICES)) {
    if (name.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : PRICES[best];
}

/**
 * A model's price: its own (from `haywire.config.yaml`), else the table's; a simulated agent behind an endpoint
 * (`openai/sim-insider` on the mock server) costs nothing. Undefined when nothing says.
 * @example priceOfModel({ id: 'openai/gpt-6', simulated: false, price: { input: 3, output: 12, cacheRead: 3, cacheWrite: 3 } })
 */
export function priceOfModel(model: Pick<Model, 'id' | 'simulated' | 'price'>): Price | undefined {
  return model.price ?? priceOf(model.id) ?? (model.simulated ? FREE : undefined);
}

/**
 * Prices by model id, for estimates that name models by id: these models' own (`priceOfModel`), else the table's.
 * @example estimateJudging(transcripts, ['openai/gpt-6'], { priceFor: priceLookup(judgeModels) })
 */
export function priceLookup(models: readonly Model[]): (modelId: string) => Price | undefined {
  const byId = new Map(models.map((model) => [model.id, priceOfModel(model)]));
  return (modelId) => (byId.has(modelId) ? byId.get(modelId) : priceOf(modelId));
}

/**
 * The cost of one call in USD. `inputTokens` counts every prompt token, cached ones included (as OpenAI and the
 * AI SDK report it), so cache reads and writes are billed at their own price and the rest at the input price;
 * reasoning tokens are part of `outputTokens`.
 */
export function costOf(price: Price, usage: Usage): number {
  const cached = usage.cacheReadTokens + usage.cacheWriteTokens;
  const fresh = Math.max(0, usage.inputTokens - cached);
  return (
    (fresh * price.input +
      usage.cacheReadTokens * price.cacheRead +
      usage.cacheWriteTokens * price.cacheWrite +
      usage.outputTokens * price.output) /
    1_000_000
  );
}
