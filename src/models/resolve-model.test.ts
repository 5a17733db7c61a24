import { describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/config-error.ts';
import { listSimModels, resolveModel } from './resolve-model.ts';

describe('resolveModel', () => {
  it('resolves the sim agents, marked as simulated', () => {
    for (const id of [
      'sim/insider',
      'sim/aligned',
      'sim/random:0',
      'sim/random:0.3',
      'sim/random:1',
      'sim/random:.5',
    ]) {
      expect(resolveModel(id)).toMatchObject({ id, simulated: true });
    }
    expect(listSimModels()).toEqual(['sim/insider', 'sim/aligned', 'sim/random:<p>']);
  });

  it('refuses unknown ids with a one-line ConfigError that lists what is available', () => {
    for (const id of ['foo/bar', 'anthropic/claude-opus-4-1', 'sim/unknown', 'insider']) {
      let error: unknown;
      try {
        resolveModel(id);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ code: 'unknown-name' });
      const message = (error as Error).message;
      expect(message).toContain(`"${id}"`);
      expect(message).toContain('available: sim/insider, sim/aligned, sim/random:<p>');
      expect(message).not.toContain('\n');
    }
    expect(() => resolveModel('foo/bar')).toThrow(
      'unknown model "foo/bar": providers are not configured yet; available: sim/insider, sim/aligned, sim/random:<p>',
    );
  });

  it('refuses a p outside 0..1 or not a number', () => {
    for (const id of [
      'sim/random:1.5',
      'sim/random:-0.1',
      'sim/random:',
      'sim/random:abc',
      'sim/random:1e-1',
    ]) {
      expect(() => resolveModel(id), id).toThrow(/p must be a number within 0\.\.1/);
    }
  });
});

describe('sim latency', () => {
  it('waits the given time per call and answers as the plain agent does', async () => {
    const slow = resolveModel('sim/random:1@30ms');
    const plain = resolveModel('sim/random:1');
    expect(slow).toMatchObject({ id: 'sim/random:1@30ms', simulated: true });
    const request = {
      messages: [
        { role: 'system' as const, content: 'You are Alex.' },
        { role: 'user' as const, content: 'Nothing new today.' },
      ],
      temperature: 1,
      maxTokens: 100,
      seed: 7,
    };
    const started = performance.now();
    const response = await slow.generate(request);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(response).toEqual(await plain.generate(request));
  });

  it('is abortable', async () => {
    const slow = resolveModel('sim/aligned@10000ms');
    const controller = new AbortController();
    const call = slow.generate({
      messages: [],
      temperature: 1,
      maxTokens: 1,
      seed: 1,
      signal: controller.signal,
    });
    controller.abort();
    await expect(call).rejects.toThrow(/abort/i);
  });

  it('refuses a latency on a non-sim model', () => {
    expect(() => resolveModel('foo/bar@5ms')).toThrow(ConfigError);
  });
});
