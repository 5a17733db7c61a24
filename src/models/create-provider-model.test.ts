import { describe, expect, it } from 'vitest';
import { withApiPath } from './create-provider-model.ts';

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
