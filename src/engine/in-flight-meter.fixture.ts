import type { Model, ModelRequest, Usage } from '../spec/index.ts';

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
