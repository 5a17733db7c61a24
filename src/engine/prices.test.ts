import { describe, expect, it } from 'vitest';
import type { Model } from '../spec/index.ts';
import { costOf, priceLookup, priceOf, priceOfModel } from './prices.ts';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  inputTokens: input,
  outputTokens: output,
  reasoningTokens: 0,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: cacheWrite,
});

describe('priceOf', () => {
  it('finds a model by its longest name prefix, through dated snapshots and OpenRouter ids', () => {
    expect(priceOf('anthropic/claude-opus-4-1-20250805')).toMatchObject({ input: 15, output: 75 });
    expect(priceOf('anthropic/claude-opus-4-5')).toMatchObject({ input: 5, output: 25 });
    expect(priceOf('openai/gpt-4.1-mini')).toMatchObject({ input: 0.4 });
    expect(priceOf('openrouter/google/gemini-2.5-flash')).toMatchObject({ input: 0.3, output: 2.5 });
    expect(priceOf('xai/grok-3-beta')).toMatchObject({ input: 3 });
  });

  it('prices sim and local models at 0, and knows when it does not know', () => {
    expect(costOf(priceOf('sim/insider@20ms')!, usage(1e6, 1e6))).toBe(0);
    expect(costOf(priceOf('ollama/llama3.2')!, usage(1e6, 1e6))).toBe(0);
    expect(priceOf('openai/some-future-model')).toBeUndefined();
  });
});

describe('costOf', () => {
  it('bills cached prompt tokens at their own price and the rest at the input price', () => {
    const opus = priceOf('anthropic/claude-opus-4-1')!;
    // 2,500 prompt tokens of which 2,000 read from the cache, and 800 output tokens.
    expect(costOf(opus, usage(2500, 800, 2000))).toBeCloseTo((500 * 15 + 2000 * 1.5 + 800 * 75) / 1e6, 10);
    expect(costOf(opus, usage(2500, 0, 0, 2000))).toBeCloseTo((500 * 15 + 2000 * 18.75) / 1e6, 10);
  });
});

describe('priceOfModel and priceLookup', () => {
  const model = (id: string, extra: Partial<Model> = {}): Model => ({
    id,
    simulated: false,
    generate: () => Promise.reject(new Error('not called')),
    ...extra,
  });
  const own = { input: 3, output: 12, cacheRead: 3, cacheWrite: 3 };

  it('takes the model’s own price over the table’s, and prices a simulated agent behind an endpoint at 0', () => {
    expect(priceOfModel(model('openai/gpt-6', { price: own }))).toBe(own);
    expect(priceOfModel(model('openai/gpt-4.1-mini', { price: own }))).toBe(own);
    expect(priceOfModel(model('openai/gpt-4.1-mini'))).toMatchObject({ input: 0.4 });
    expect(priceOfModel(model('openai/sim-insider', { simulated: true }))).toMatchObject({
      input: 0,
      output: 0,
    });
    expect(priceOfModel(model('openai/gpt-6'))).toBeUndefined();
  });

  it('looks up by id: these models’ prices first, then the table', () => {
    const priceFor = priceLookup([model('openai/gpt-6', { price: own }), model('openai/gpt-7')]);
    expect(priceFor('openai/gpt-6')).toBe(own);
    expect(priceFor('openai/gpt-7')).toBeUndefined();
    expect(priceFor('anthropic/claude-opus-4-1')).toMatchObject({ output: 75 });
  });
});
