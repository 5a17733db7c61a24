import { describe, expect, it } from 'vitest';
import { isSimulatedModelId } from './model.ts';

describe('isSimulatedModelId', () => {
  it('recognises in-process sim agents and sim models behind an endpoint', () => {
    for (const id of [
      'sim/insider',
      'sim/random:0.3@20ms',
      'sim/judge:agree',
      'openai/sim-insider',
      'anthropic/sim-aligned-thinking',
      'openai-compatible/mock/sim-insider',
    ]) {
      expect(isSimulatedModelId(id), id).toBe(true);
    }
  });

  it('leaves real model ids alone', () => {
    for (const id of [
      'anthropic/claude-opus-4-1',
      'openai/gpt-4.1',
      'openrouter/simular-7b',
      'ollama/similarity',
      'claude-opus-4-20250514',
    ]) {
      expect(isSimulatedModelId(id), id).toBe(false);
    }
  });
});
