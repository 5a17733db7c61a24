import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { assertNoSecretInFolder, assertNoSecretInTexts } from '../support/assert-no-secret.ts';
import { runCli, tempDir } from './run-cli.ts';

const ENDPOINT_CONFIG = (url: string) =>
  `endpoints:\n  local:\n    baseUrl: ${url}/v1\n    apiKeyEnv: LOCAL_ENDPOINT_KEY\n`;

describe('haywire run: provider keys', () => {
  it('a model without its key: one line naming the variable, exit 2, before any request or write', async () => {
    const server = await startMockServer({ log: () => {} });
    try {
      for (const [id, variable] of [
        ['anthropic/sim-insider', 'ANTHROPIC_API_KEY'],
        ['openai/sim-insider', 'OPENAI_API_KEY'],
        ['google/sim-insider', 'GOOGLE_GENERATIVE_AI_API_KEY'],
        ['xai/sim-insider', 'XAI_API_KEY'],
        ['openrouter/sim-insider', 'OPENROUTER_API_KEY'],
        ['openai-compatible/local/sim-insider', 'LOCAL_ENDPOINT_KEY'],
      ] as const) {
        const cwd = tempDir();
        writeFileSync(join(cwd, 'haywire.config.yaml'), ENDPOINT_CONFIG(server.url));
        // Another provider's key does not stand in for it; the sim agent beside it needs none.
        const env = { OPENAI_API_KEY: variable === 'OPENAI_API_KEY' ? '' : 'sk-other-provider' };
        const args = ['run', '--model', `sim/insider,${id}`, '--epochs', '1', '--base-url', server.url];
        const result = await runCli(args, { cwd, env });
        expect(result.code, id).toBe(2);
        expect(result.stdout, id).toBe('');
        expect(result.stderr, id).toBe(
          `haywire: ${id} needs ${variable} (set it in the environment or .env)\n`,
        );
        expect(existsSync(join(cwd, '.haywire')), id).toBe(false);
      }
      expect(server.stats().requests).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a key planted in the environment never reaches the store, logs, reports, exports or error messages', async () => {
    const keys = {
      OPENAI_API_KEY: 'sk-PLANTED-cli-5e8d2c1a99',
      ANTHROPIC_API_KEY: 'sk-ant-PLANTED-cli-7f3c9a1e',
    };
    // An upstream that rejects every request and echoes the key it was sent, as some gateways do.
    const echo = createServer((req, res) => {
      const sent = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '').replace(
        /^Bearer /,
        '',
      );
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: `Incorrect API key provided: ${sent}`, type: 'invalid_request_error' },
        }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const mock = await startMockServer({ errorRate: 0.3, seed: 7, log: () => {} });
    const cwd = tempDir();
    const outputs: string[] = [];
    const cli = async (args: string[]) => {
      const result = await runCli(args, { cwd, env: keys });
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    try {
      const judged = ['--judge', 'anthropic/sim-judge-agree', '--max-attempts', '2'];
      const ok = await cli([
        'run',
        '--model',
        'openai/sim-insider',
        '--epochs',
        '3',
        '--base-url',
        mock.url,
        ...judged,
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      const rejected = await cli([
        'run',
        '--model',
        'openai/sim-aligned',
        '--epochs',
        '2',
        '--base-url',
        echoUrl,
        ...judged,
      ]);
      expect(rejected.code).not.toBe(2);
      for (const args of [
        ['show'],
        ['show', '--json'],
        ['report', '--output', 'report.html'],
        ['export', '--format', 'jsonl', '--output', 'samples.jsonl'],
        ['export', '--format', 'csv', '--output', 'samples.csv'],
        ['export', '--format', 'inspect', '--output', 'samples.json'],
      ])
        expect((await cli(args)).code, args.join(' ')).toBe(0);
      // The echoed key reached the error messages, which were stored redacted.
      expect(readFileSync(join(cwd, 'samples.jsonl'), 'utf8')).toMatch(
        /Incorrect API key provided: \[redacted\]/,
      );
      for (const key of Object.values(keys)) {
        assertNoSecretInFolder(cwd, key);
        assertNoSecretInTexts(outputs, key);
      }
      expect(mock.stats().withKey).toBe(mock.stats().requests);
    } finally {
      await mock.close();
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});
