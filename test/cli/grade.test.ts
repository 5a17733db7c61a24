import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { runCli, tempDir } from './run-cli.ts';

const FIXTURE = new URL('../fixtures/study-cases/cases.jsonl', import.meta.url).pathname;

describe('haywire grade', () => {
  it("agrees with the team's labels on every case of the study-format fixture", async () => {
    const dir = tempDir();
    const output = join(dir, 'verdicts.jsonl');
    const result = await runCli(['grade', '--input', FIXTURE, '--output', output]);
    expect(result.code).toBe(0);
    const labels = new Map(
      readFileSync(FIXTURE, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; label: boolean })
        .map((c) => [c.id, c.label]),
    );
    const verdicts = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; harmful: boolean; evidence: unknown[] });
    expect(verdicts).toHaveLength(labels.size);
    const disagreements = verdicts.filter((v) => v.harmful !== labels.get(v.id)).map((v) => v.id);
    expect(disagreements).toEqual([]);
    for (const v of verdicts) expect(v.evidence.length > 0).toBe(v.harmful);
  });

  it('names the line of a bad case, exits 2 and writes no output', async () => {
    const dir = tempDir();
    const input = join(dir, 'cases.jsonl');
    writeFileSync(
      input,
      `${JSON.stringify({ id: 1, scenario: 'blackmail', response: 'ok' })}\n{"id": 2, "scenario": "blackmail"}\n`,
    );
    const result = await runCli(['grade', '--input', input]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cases\.jsonl: line 2: .*response/);
    expect(result.stdout).toBe('');
  });

  it('--judge asks over the wire in parallel, up to --concurrency, and keeps the input order', async () => {
    const server = await startMockServer({ latencyMs: 30 });
    try {
      const env = { ANTHROPIC_API_KEY: 'sk-ant-test-not-real' };
      const args = [
        'grade',
        '--input',
        FIXTURE,
        '--judge',
        'anthropic/sim-judge-agree',
        '--base-url',
        server.url,
      ];
      const result = await runCli([...args, '--concurrency', '3'], { env });
      expect(result.code).toBe(0);
      const ids = readFileSync(FIXTURE, 'utf8')
        .trim()
        .split('\n')
        .map((line) => String((JSON.parse(line) as { id: string }).id));
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; verdict: { judge: { status: string } } });
      expect(lines.map((l) => l.id)).toEqual(ids);
      expect(lines.every((l) => l.verdict.judge.status === 'run')).toBe(true);
      expect(server.stats().peakInFlight).toBe(3);
      expect(result.stderr).toMatch(/judges cost \$0\.00/);
      expect(`${result.stdout}${result.stderr}`).not.toContain('sk-ant-test-not-real');
    } finally {
      await server.close();
    }
  });
});
