import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { autoModels } from './auto-models.ts';

async function fakeOllama(models: string[]) {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/api/tags' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ models: models.map((name) => ({ name })) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// A port nothing listens on: connections are refused at once.
const NOWHERE = 'http://127.0.0.1:9';

describe('autoModels', () => {
  it('picks a default model for each provider whose key is set, never reading the value', async () => {
    const picked = await autoModels({ OPENAI_API_KEY: 'x', ANTHROPIC_API_KEY: 'y' }, { ollamaUrl: NOWHERE });
    expect(picked).toEqual({
      ids: ['anthropic/claude-sonnet-4-5', 'openai/gpt-4.1'],
      reason: 'ANTHROPIC_API_KEY, OPENAI_API_KEY found: running anthropic/claude-sonnet-4-5, openai/gpt-4.1',
      simulated: false,
    });
    expect(JSON.stringify(picked)).not.toMatch(/"x"|"y"/);
  });

  it('then the first model of a local Ollama', async () => {
    const ollama = await fakeOllama(['llama3.2:latest', 'qwen3:8b']);
    try {
      expect(await autoModels({ ANTHROPIC_API_KEY: ' ' }, { ollamaUrl: ollama.url })).toEqual({
        ids: ['ollama/llama3.2:latest'],
        reason: 'no API key; a local Ollama answered: running ollama/llama3.2:latest',
        simulated: false,
      });
    } finally {
      await ollama.close();
    }
  });

  it('then the sim agents, saying why', async () => {
    expect(await autoModels({}, { ollamaUrl: NOWHERE })).toEqual({
      ids: ['sim/insider', 'sim/aligned'],
      reason: 'no model configured (no API key in the environment, no local Ollama)',
      simulated: true,
    });
    const empty = await fakeOllama([]);
    try {
      expect((await autoModels({}, { ollamaUrl: empty.url })).reason).toBe(
        'no model configured (no API key; Ollama has no model pulled)',
      );
    } finally {
      await empty.close();
    }
  });
});
