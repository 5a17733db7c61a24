import { setTimeout as sleep } from 'node:timers/promises';
import type { Model } from '../../spec/model.ts';

/** Wraps a model so each call first waits `ms` milliseconds (abortable), as a remote model would. */
export function withLatency(model: Model, id: string, ms: number): Model {
  return {
    id,
    simulated: model.simulated,
    async generate(request) {
      await sleep(ms, undefined, request.signal === undefined ? {} : { signal: request.signal });
      return model.generate(request);
    },
  };
}
