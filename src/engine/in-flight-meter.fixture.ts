import type { Model, ModelRequest, Usage } from '../spec/index.ts';
import { costOf, priceOf } from './prices.ts';

/** A judge in the price table, the usage each of its metered answers reports, and what one answer costs. */
export const PRICED_JUDGE = (() => {
  const id = 'anthropic/claude-sonnet-4-5';
  const usage: Usage = {
    inputTokens: 20_000,
    outputTokens: 500,
    reasoningTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
  return { id, usage, perCall: costOf(priceOf(id)!, usage) };
})();

/** One in-flight count over several models, to see whether they share a provider's slots. */
export function inFlightMeter() {
  const meter = { now: 0, peak: 0, answered: 0, calls: 0 };
  const wrap = (model: Model, options: { id: string; usage?: Usage; failFirst?: number }): Model => {
    let failures = options.failFirst ?? 0;
    return {
      id: options.id,
      simulated: false,
      generate: async (request: ModelRequest) => {
        meter.now++;
        meter.calls++;
        meter.peak = Math.max(meter.peak, meter.now);
        try {
          await new Promise((resolve) => setTimeout(resolve, 2));
          if (failures-- > 0) throw Object.assign(new Error('upstream 500'), { statusCode: 500 });
          const response = await model.generate(request);
          meter.answered++;
          return options.usage === undefined ? response : { ...response, usage: options.usage };
        } finally {
          meter.now--;
        }
      },
    };
  };
  return { meter, wrap };
}
