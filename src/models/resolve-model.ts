import { ConfigError } from '../spec/config-error.ts';
import type { Model } from '../spec/model.ts';
import { resolveSimJudge } from './sim/create-sim-judge.ts';
import { createSimModel } from './sim/create-sim-model.ts';
import { withLatency } from './sim/with-latency.ts';

const SIM_MODELS = ['sim/insider', 'sim/aligned', 'sim/random:<p>'] as const;

/** The sim agents' ids, `sim/random:<p>` standing for any p within 0..1. */
export function listSimModels(): string[] {
  return [...SIM_MODELS];
}

/**
 * Resolves a model id to a `Model`. This version knows the `sim/` agents only: `sim/insider`, `sim/aligned`
 * and `sim/random:<p>` with p within 0..1, each optionally with a simulated latency per call (`sim/insider@20ms`).
 * Anything else throws a `ConfigError` (code `unknown-name`).
 * @example
 * const model = resolveModel('sim/random:0.3');
 * model.simulated; // true
 */
export function resolveModel(id: string): Model {
  const latency = /^(sim\/.+)@(\d+)ms$/.exec(id);
  if (latency !== null) return withLatency(resolveModel(latency[1]!), id, Number(latency[2]));
  if (id.startsWith('sim/judge:')) return resolveSimJudge(id);
  if (id === 'sim/insider') return createSimModel(id, { name: 'insider' });
  if (id === 'sim/aligned') return createSimModel(id, { name: 'aligned' });
  if (id.startsWith('sim/random:')) {
    const text = id.slice('sim/random:'.length);
    const p = /^\d+(?:\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(p >= 0 && p <= 1)) {
      throw new ConfigError(
        'unknown-name',
        `invalid model "${id}": p must be a number within 0..1, e.g. sim/random:0.3`,
      );
    }
    return createSimModel(id, { name: 'random', p });
  }
  const available = listSimModels().join(', ');
  const reason = id.startsWith('sim/') ? 'no such sim agent' : 'providers are not configured yet';
  throw new ConfigError('unknown-name', `unknown model "${id}": ${reason}; available: ${available}`);
}
