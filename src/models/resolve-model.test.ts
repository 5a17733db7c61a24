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

  it('refuses unknown sim agents with a one-line ConfigError that lists what is available', () => {
    for (const id of ['sim/unknown', 'sim/']) {
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
  });

  it('refuses an unknown provider, naming the known ones', () => {
    for (const id of ['foo/bar', 'insider']) {
      expect(() => resolveModel(id)).toThrow(ConfigError);
    }
    expect(() => resolveModel('foo/bar')).toThrow(
      'unknown model "foo/bar": no provider "foo"; use one of sim/, anthropic/, openai/, google/, xai/, openrouter/, ollama/, openai-compatible/, llamacpp/',
    );
    expect(() => resolveModel('anthropic/', { env: {} })).toThrow(
      'invalid model "anthropic/": name the model after "anthropic/"',
    );
  });

  it('resolves real providers when their key is set, and refuses before any request when it is not', () => {
    const config = { endpoints: {}, models: {} };
    const env = { ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k', XAI_API_KEY: 'k', OPENROUTER_API_KEY: 'k' };
    for (const id of [
      'anthropic/claude-opus-4-1',
      'openai/gpt-4.1',
      'xai/grok-4',
      'openrouter/x/y',
      'ollama/llama3.2',
    ]) {
      expect(resolveModel(id, { env, config })).toMatchObject({ id, simulated: false });
    }
    // A sim agent's name behind a base URL (the mock server) is a test double; a real model's name is not.
    const baseUrl = 'http://127.0.0.1:8787';
    expect(resolveModel('openai/sim-insider', { env, config, baseUrl }).simulated).toBe(true);
    expect(resolveModel('openai/gpt-4.1', { env, config, baseUrl }).simulated).toBe(false);
    expect(resolveModel('openai/sim-insider', { env, config }).simulated).toBe(false);
    expect(() => resolveModel('anthropic/claude-opus-4-1', { env: {}, config })).toThrow(
      'anthropic/claude-opus-4-1 needs ANTHROPIC_API_KEY (set it in the environment or .env)',
    );
  });

  it('refuses, before any request, a key no HTTP header can carry, never naming the key', () => {
    const config = { endpoints: {}, models: {} };
    for (const [key, where] of [
      ['sk-ant-abcdef123\u200b', 'character 17 of 17, U+200B'],
      ['sk-ant-€uro', 'character 8 of 11, U+20AC'],
      ['sk-ant-\u00a0abc', 'character 8 of 11, U+00A0'],
    ] as const) {
      const refusal = () =>
        resolveModel('anthropic/claude-opus-4-1', { env: { ANTHROPIC_API_KEY: key }, config });
      expect(refusal).toThrow(
        `ANTHROPIC_API_KEY holds a character no HTTP header can carry (${where}): an invisible or typographic ` +
          'character pasted with the key? Set it again from the provider’s console',
      );
      expect(refusal).toThrow(ConfigError);
    }
    // Whitespace around a key is trimmed, as before.
    expect(
      resolveModel('anthropic/claude-opus-4-1', { env: { ANTHROPIC_API_KEY: ' sk-ant-x \n' }, config }).id,
    ).toBe('anthropic/claude-opus-4-1');
  });

  it('takes a sim agent behind a configured endpoint for a test double, named in the id or by the endpoint', () => {
    const config = {
      endpoints: {
        mock: { baseUrl: 'http://127.0.0.1:8787/v1', model: 'sim-insider' },
        real: { baseUrl: 'http://127.0.0.1:8787/v1', model: 'llama-3.3-70b' },
      },
      models: {},
    };
    expect(resolveModel('openai-compatible/mock', { env: {}, config }).simulated).toBe(true);
    expect(resolveModel('openai-compatible/real/sim-aligned', { env: {}, config }).simulated).toBe(true);
    expect(resolveModel('openai-compatible/real', { env: {}, config }).simulated).toBe(false);
  });

  it('refuses a base URL that is not http or https, before any request', () => {
    const config = { endpoints: {}, models: {} };
    const env = { ANTHROPIC_API_KEY: 'k' };
    for (const baseUrl of ['ftp://127.0.0.1:43343', 'file:///tmp/x', 'not a url', '127.0.0.1:8787'])
      expect(() => resolveModel('anthropic/sim-aligned', { env, config, baseUrl }), baseUrl).toThrow(
        `--base-url must be an http:// or https:// URL such as http://127.0.0.1:8787, got "${baseUrl}"`,
      );
    expect(
      resolveModel('anthropic/sim-aligned', { env, config, baseUrl: 'https://127.0.0.1:1' }).simulated,
    ).toBe(true);
  });

  it('refuses an unknown openai-compatible endpoint, or one without a model', () => {
    const config = { endpoints: { together: { baseUrl: 'https://api.together.xyz/v1' } }, models: {} };
    expect(() => resolveModel('openai-compatible/other', { env: {}, config })).toThrow(
      'unknown endpoint "other" in openai-compatible/other: define it under endpoints: in haywire.config.yaml (defined: together)',
    );
    expect(() => resolveModel('openai-compatible/together', { env: {}, config })).toThrow(/names no model/);
    expect(resolveModel('openai-compatible/together/meta/llama-3', { env: {}, config }).id).toBe(
      'openai-compatible/together/meta/llama-3',
    );
  });

  it('says how to install node-llama-cpp when a llamacpp model is asked for without it', () => {
    expect(() => resolveModel('llamacpp/models/tiny.gguf')).toThrow(
      'llamacpp/models/tiny.gguf needs the optional package node-llama-cpp: npm install -E node-llama-cpp@3.21.1',
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

  it('refuses a latency a timer cannot hold, which would answer at once', () => {
    expect(() => resolveModel('sim/insider@3000000000ms')).toThrow(
      /the latency must be at most 2147483647ms/,
    );
  });
});
