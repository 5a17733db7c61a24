import { describe, expect, it } from 'vitest';
import { ConfigError, type Model } from '../spec/index.ts';
import { openStore } from '../store/index.ts';
import { assertModesSupported } from './assert-modes-supported.ts';
import { loadExperiment } from './load-experiment.ts';
import { runExperiment } from './run-experiment.ts';

const model = (id: string, modes?: Model['modes']): Model => ({
  id,
  simulated: false,
  ...(modes === undefined ? {} : { modes }),
  generate: () => Promise.reject(new Error('not called')),
});

describe('assertModesSupported', () => {
  it('passes models that name no modes or the run mode, and names every one that cannot run it', () => {
    expect(() => assertModesSupported('tools', [model('a/any'), model('b/tools', ['tools'])])).not.toThrow();
    const run = () =>
      assertModesSupported('tools', [
        model('a/any'),
        model('llamacpp/x.gguf', ['inbox']),
        model('c/y', ['inbox']),
      ]);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('llamacpp/x.gguf, c/y cannot run in tools mode (they run in inbox mode only)');
  });

  it('stops a library run before it writes anything', async () => {
    const store = openStore(':memory:');
    const experiment = loadExperiment({
      overrides: { models: ['llamacpp/x.gguf'], mode: 'tools', epochs: 1 },
    });
    await expect(
      runExperiment({ experiment, models: [model('llamacpp/x.gguf', ['inbox'])], store }),
    ).rejects.toThrow(ConfigError);
    expect(store.listRuns()).toEqual([]);
    store.close();
  });
});
