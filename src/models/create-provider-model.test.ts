import { describe, expect, it } from 'vitest';
import { createProviderModel, withApiPath } from './create-provider-model.ts';
import { parseModelId } from './parse-model-id.ts';

describe('withApiPath', () => {
  it("keeps the provider's API path when --base-url names a bare host, and a given path otherwise", () => {
    expect(withApiPath(undefined, 'https://api.anthropic.com/v1')).toBe('https://api.anthropic.com/v1');
    expect(withApiPath('http://127.0.0.1:8787', 'https://api.anthropic.com/v1')).toBe(
      'http://127.0.0.1:8787/v1',
    );
    expect(withApiPath('http://127.0.0.1:8787/', 'https://openrouter.ai/api/v1')).toBe(
      'http://127.0.0.1:8787/api/v1',
    );
    expect(withApiPath('https://proxy.test/anthropic/v1/', 'https://api.anthropic.com/v1')).toBe(
      'https://proxy.test/anthropic/v1',
    );
    expect(() => withApiPath('127.0.0.1:8787', 'https://api.openai.com/v1')).toThrow(
      /--base-url must be an http:\/\/ or https:\/\/ URL/,
    );
  });
});

describe('createProviderModel: settings and endpoint', () => {
  const config = {
    endpoints: { local: { baseUrl: 'http://127.0.0.1:9/v1', model: 'llama-3.3' } },
    models: { 'anthropic/claude-sonnet-4-5': { reasoning: 'high' as const } },
  };
  const model = (id: string, baseUrl?: string) =>
    createProviderModel({ id, ref: parseModelId(id), apiKey: 'k', baseUrl, config });

  it("says what the id does not: the reasoning setting, an endpoint's own model, where requests go", () => {
    expect(model('anthropic/claude-sonnet-4-5')).toMatchObject({ settings: '{"reasoning":"high"}' });
    expect(model('anthropic/claude-sonnet-4-5').endpoint).toBeUndefined();
    expect(model('openai/gpt-4.1').settings).toBeUndefined();
    // Where requests go, as sent: every spelling of the same address is one endpoint.
    for (const url of ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/', 'http://127.0.0.1:8787/v1/'])
      expect(model('openai/gpt-4.1', url)).toMatchObject({ endpoint: 'http://127.0.0.1:8787/v1' });
    expect(model('openai-compatible/local')).toMatchObject({
      settings: '{"model":"llama-3.3"}',
      endpoint: 'http://127.0.0.1:9/v1',
    });
    // The id names the model: nothing to add.
    expect(model('openai-compatible/local/qwen-3').settings).toBeUndefined();
    // provider-default sends nothing, as no setting does: the same run and cache entries.
    const unset = { ...config, models: { 'openai/o3': { reasoning: 'provider-default' as const } } };
    const o3 = createProviderModel({
      id: 'openai/o3',
      ref: parseModelId('openai/o3'),
      apiKey: 'k',
      baseUrl: undefined,
      config: unset,
    });
    expect(o3.settings).toBeUndefined();
  });
});
