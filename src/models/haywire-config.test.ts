import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/config-error.ts';
import { loadHaywireConfig } from './haywire-config.ts';
import { readEnvironment } from './read-environment.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'haywire-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadHaywireConfig', () => {
  it('is empty without a file, and reads haywire.config.yaml before .haywire/config.yaml', () => {
    expect(loadHaywireConfig(folder({}))).toEqual({ endpoints: {}, models: {} });
    const dir = folder({
      'haywire.config.yaml':
        'endpoints:\n  together:\n    baseUrl: https://api.together.xyz/v1\n    apiKeyEnv: TOGETHER_API_KEY\n' +
        'models:\n  anthropic/claude-sonnet-4-5:\n    reasoning: medium\n',
      '.haywire/config.yaml': 'endpoints: {}\n',
    });
    expect(loadHaywireConfig(dir)).toEqual({
      endpoints: { together: { baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_API_KEY' } },
      models: { 'anthropic/claude-sonnet-4-5': { reasoning: 'medium' } },
    });
    expect(
      loadHaywireConfig(
        folder({ '.haywire/config.yaml': 'endpoints:\n  a:\n    baseUrl: http://x.test/v1\n' }),
      ).endpoints,
    ).toEqual({
      a: { baseUrl: 'http://x.test/v1' },
    });
  });

  it('refuses a malformed file in one line naming the file and the field', () => {
    const dir = folder({
      'haywire.config.yaml': 'endpoints:\n  local:\n    baseUrl: not a url\n    apiKeyEnv: lower\n',
    });
    let error: unknown;
    try {
      loadHaywireConfig(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(join(dir, 'haywire.config.yaml'));
    expect(message).toContain('endpoints.local.baseUrl');
    expect(message).toContain('endpoints.local.apiKeyEnv');
    expect(message).not.toContain('\n');
    expect(() => loadHaywireConfig(folder({ 'haywire.config.yaml': 'a: [' }))).toThrow(/is not valid YAML/);
    expect(() =>
      loadHaywireConfig(
        folder({ 'haywire.config.yaml': 'endpoints:\n  ftp:\n    baseUrl: ftp://127.0.0.1/v1\n' }),
      ),
    ).toThrow(/endpoints\.ftp\.baseUrl: must be an http:\/\/ or https:\/\/ URL/);
  });
});

describe('a model’s price in the configuration', () => {
  it('is read in USD per million tokens, cache reads at the input price and writes at 1.25 × unless given', () => {
    const dir = folder({
      'haywire.config.yaml':
        'models:\n  openai/gpt-6:\n    price: { input: 3, output: 12 }\n' +
        '  anthropic/claude-next:\n    reasoning: low\n    price: { input: 4, output: 20, cacheRead: 0.4, cacheWrite: 5 }\n',
    });
    expect(loadHaywireConfig(dir).models).toEqual({
      'openai/gpt-6': { price: { input: 3, output: 12, cacheRead: 3, cacheWrite: 3.75 } },
      'anthropic/claude-next': {
        reasoning: 'low',
        price: { input: 4, output: 20, cacheRead: 0.4, cacheWrite: 5 },
      },
    });
  });

  it('refuses a negative, missing or unknown price field, naming it', () => {
    const bad = (price: string) => () =>
      loadHaywireConfig(folder({ 'haywire.config.yaml': `models:\n  openai/gpt-6:\n    price: ${price}\n` }));
    expect(bad('{ input: -1, output: 2 }')).toThrow(/models\.openai\/gpt-6\.price\.input/);
    expect(bad('{ input: 1 }')).toThrow(/models\.openai\/gpt-6\.price\.output/);
    expect(bad('{ input: 1, output: 2, perCall: 3 }')).toThrow(/perCall/);
  });
});

describe('readEnvironment', () => {
  it('reads .env, the process environment winning', () => {
    const dir = folder({ '.env': 'ANTHROPIC_API_KEY=from-file\nOPENAI_API_KEY="quoted value"\n# comment\n' });
    const env = readEnvironment(dir, { ANTHROPIC_API_KEY: 'from-env' });
    expect(env.ANTHROPIC_API_KEY).toBe('from-env');
    expect(env.OPENAI_API_KEY).toBe('quoted value');
    expect(readEnvironment(folder({}), { A: '1' })).toEqual({ A: '1' });
  });

  it('keeps the file’s key when the environment sets the variable empty, and reads a file saved with a BOM', () => {
    const dir = folder({ '.env': '\uFEFFANTHROPIC_API_KEY=from-file\nOPENAI_API_KEY=also-from-file\n' });
    const env = readEnvironment(dir, { ANTHROPIC_API_KEY: '', XAI_API_KEY: '' });
    expect(env).toEqual({
      ANTHROPIC_API_KEY: 'from-file',
      OPENAI_API_KEY: 'also-from-file',
      XAI_API_KEY: '',
    });
  });
});
