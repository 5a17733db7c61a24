import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { BIN, runCli, tempDir } from './run-cli.ts';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('haywire run: a sim agent behind a configured endpoint', () => {
  it('is a test double: said so, priced at nothing, and never judged by the real judge', async () => {
    const server = await startMockServer();
    try {
      const cwd = tempDir();
      writeFileSync(
        join(cwd, 'haywire.config.yaml'),
        `endpoints:\n  mock: { baseUrl: ${server.url}/v1, model: sim-insider }\n`,
      );
      const env = { ANTHROPIC_API_KEY: 'sk-ant-test-not-real' };
      const args = ['run', '--model', 'openai-compatible/mock', '--epochs', '1', '--quiet'];
      const dry = await runCli([...args, '--dry-run'], { cwd, env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).not.toMatch(/judge/);
      expect(dry.stderr).not.toMatch(/has no price/);
      const run = await runCli(args, { cwd, env });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('SIMULATED AGENTS: running openai-compatible/mock.');
      expect(run.stderr).toContain(
        'openai-compatible/mock serves a sim agent its id does not name: name it in the id (openai-compatible/<endpoint>/sim-…)',
      );
      expect(run.stderr).not.toMatch(/judge/);
      // Every request went to the mock server: the four samples, and no judge.
      expect(server.stats().ok).toBe(4);
    } finally {
      await server.close();
    }
  });
});

describe('haywire run: a model setting the id does not show', () => {
  it('a reasoning setting changed in haywire.config.yaml starts another run, not a resume of the old one', async () => {
    const server = await startMockServer({ log: () => {} });
    try {
      const cwd = tempDir();
      const env = { ANTHROPIC_API_KEY: 'sk-ant-test-not-real' };
      const args = ['run', '--model', 'anthropic/sim-insider', '--base-url', server.url, '--epochs', '1'];
      const runs = ['--scenario', 'blackmail', '--quiet'];
      expect((await runCli([...args, ...runs], { cwd, env })).code).toBe(0);
      writeFileSync(
        join(cwd, 'haywire.config.yaml'),
        'models:\n  anthropic/sim-insider:\n    reasoning: high\n',
      );
      expect((await runCli([...args, ...runs], { cwd, env })).code).toBe(0);
      // Both runs sent their 4 samples; the second was not taken for the first one resumed.
      expect(server.stats().requests).toBe(8);
      const db = new DatabaseSync(join(cwd, '.haywire', 'haywire.db'), { readOnly: true });
      const specs = db.prepare('SELECT id, spec_json FROM runs ORDER BY created_at').all();
      db.close();
      expect(
        specs.map((r) => (JSON.parse(String(r.spec_json)) as { model_settings?: unknown }).model_settings),
      ).toEqual([undefined, { 'anthropic/sim-insider': { reasoning: 'high' } }]);
      // show names the setting the id does not, in text and JSON.
      const shown = await runCli(['show'], { cwd });
      expect(shown.stdout).toContain('anthropic/sim-insider ran with reasoning: high');
      const json = JSON.parse((await runCli(['show', '--json'], { cwd })).stdout) as {
        model_settings?: unknown;
      };
      expect(json.model_settings).toEqual({ 'anthropic/sim-insider': { reasoning: 'high' } });
      // compare of the two says which run had which settings, since the model ids match.
      const [older, newer] = specs.map((r) => String(r.id));
      const compared = await runCli(['compare', String(older), String(newer)], { cwd });
      expect(compared.stdout).toContain(`run ${older}: no model settings beyond the ids`);
      expect(compared.stdout).toContain(`run ${newer}: anthropic/sim-insider ran with reasoning: high`);
    } finally {
      await server.close();
    }
  });
});

describe('haywire run: engine options', () => {
  it('--dry-run prints requests, tokens and cost per model, and writes nothing', async () => {
    const cwd = tempDir();
    const args = ['run', '--model', 'sim/insider,openai/gpt-4.1', '--epochs', '3', '--dry-run'];
    const env = { OPENAI_API_KEY: 'sk-test-not-real' };
    const dry = await runCli(args, { cwd, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/24 of 24 samples to do; nothing called, nothing written/);
    expect(dry.stdout).toMatch(/openai\/gpt-4\.1\s+12\s+12\s+[\d,]+\s+9,600\s+\$\d+\.\d\d/);
    expect(existsSync(join(cwd, '.haywire'))).toBe(false);
    // Without its key the default judge is left out, and said so; with it, its calls are estimated too.
    expect(dry.stderr).toMatch(/judge anthropic\/claude-sonnet-4-5 not run: no ANTHROPIC_API_KEY/);
    const judged = await runCli(args, { cwd, env: { ...env, ANTHROPIC_API_KEY: 'sk-ant-test-not-real' } });
    expect(judged.stdout).toMatch(
      /anthropic\/claude-sonnet-4-5 \(judge\)\s+24\s+48\s+[\d,]+\s+14,400\s+\$\d+\.\d\d/,
    );
    expect(judged.stdout).toMatch(/reasoning question for the first/);
    expect(existsSync(join(cwd, '.haywire'))).toBe(false);

    const run = await runCli(['run', '--model', 'sim/insider', '--epochs', '3', '--quiet'], { cwd });
    expect(run.code).toBe(0);
    const db = join(cwd, '.haywire', 'haywire.db');
    const before = digest(db);
    const again = await runCli(['run', '--model', 'sim/insider', '--epochs', '3', '--dry-run'], { cwd });
    expect(again.stdout).toMatch(/0 of 12 samples to do/);
    expect(digest(db)).toBe(before);
  });

  it('a price from haywire.config.yaml counts in --dry-run and --max-cost; a model with none cannot be bounded', async () => {
    const server = await startMockServer({});
    try {
      const cwd = tempDir();
      // 1 USD a token: the first sample alone spends far past the budget.
      priceAtOneDollarAToken(cwd);
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      const base = ['run', '--model', 'openai/sim-insider', '--base-url', server.url, '--epochs', '2'];
      const dry = await runCli([...base, '--dry-run'], { cwd, env });
      expect(dry.code).toBe(0);
      const estimate = /openai\/sim-insider\s+8\s+8\s+([\d,]+)\s+6,400\s+\$([\d,]+\.\d\d)/.exec(dry.stdout);
      const [inputTokens, cost] = [estimate?.[1], estimate?.[2]].map((n) => Number(n?.replaceAll(',', '')));
      expect(cost).toBe(inputTokens! + 6400);

      // Quiet: no progress, but the stop is still said.
      const run = await runCli([...base, '--concurrency', '1', '--max-cost', '1', '--quiet'], { cwd, env });
      expect(run.code).toBe(0);
      const spent = /stopped at the budget \((\$[\d,]+\.\d\d) spent\)/.exec(run.stderr)?.[1];
      expect(spent).toBeDefined();
      const done = completed(join(cwd, '.haywire', 'haywire.db'));
      expect(done).toBeLessThan(8);
      expect(run.stderr).toContain(
        `spent): ${8 - done} of 8 samples not done yet; run the same command to go on`,
      );
      // show says the rates are over fewer samples than the run has, and how to go on.
      const show = await runCli(['show'], { cwd });
      expect(show.stdout).toContain(
        `${8 - done} of 8 samples not done yet (stopped, or still running): the same \`haywire run\` command runs them`,
      );
      // What the run spent is stored with its samples, and show adds it up to the same figure.
      expect(show.stdout).toContain(`cost: ${spent}, agents and judges, every attempt and regrade`);
      const json = await runCli(['show', '--json'], { cwd });
      const body = JSON.parse(json.stdout) as {
        pending: number;
        cost: { costUsd: number; priced: number }[];
      };
      expect(body.pending).toBe(8 - done);
      expect(body.cost).toEqual([expect.objectContaining({ model: 'openai/sim-insider', priced: done })]);
      const runs = JSON.parse((await runCli(['runs', '--json'], { cwd })).stdout) as { cost_usd: number }[];
      expect(`$${runs[0]?.cost_usd.toFixed(2)}`).toBe(spent?.replaceAll(',', ''));

      const requests = server.stats().requests;
      const unpriced = ['run', '--model', 'openai/gpt-unlisted', '--base-url', server.url, '--max-cost', '5'];
      const refused = await runCli(unpriced, { cwd: tempDir(), env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /--max-cost cannot bound openai\/gpt-unlisted: no price is known, so their calls would count as \$0/,
      );
      expect(server.stats().requests).toBe(requests);
      const warned = await runCli([...unpriced.slice(0, -2), '--dry-run'], { cwd: tempDir(), env });
      expect(warned.code).toBe(0);
      expect(warned.stderr).toMatch(/openai\/gpt-unlisted has no price: its calls count as \$0; give it one/);
      expect(warned.stdout).toMatch(/openai\/gpt-unlisted .* unknown price +unknown price/);
      // The total cannot include it, and says so rather than print $0.00 as if it were free.
      expect(warned.stdout).toMatch(
        /estimated total at least \$0\.00, without openai\/gpt-unlisted \(no price known\)/,
      );
    } finally {
      await server.close();
    }
  });

  it('--max-cost holds back at high concurrency before any sample has finished: the estimate is its first guess', async () => {
    const server = await startMockServer({ latencyMs: 50 });
    try {
      const cwd = tempDir();
      priceAtOneDollarAToken(cwd);
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      const run = await runCli(
        [
          'run',
          '--model',
          'openai/sim-insider',
          '--base-url',
          server.url,
          '--epochs',
          '10',
          '--concurrency',
          '16',
          '--max-cost',
          '1',
          '--quiet',
        ],
        { cwd, env },
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/stopped at the budget/);
      // One sample is expected to cost thousands of dollars: after the first starts, no other may. Counted as free
      // until one finished, 32 (twice the concurrency) used to start.
      expect(server.stats().requests).toBe(1);
      expect(completed(join(cwd, '.haywire', 'haywire.db'))).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('records failed samples by kind and shows them as errors, in text and JSON', async () => {
    const server = await startMockServer({ malformedRate: 1, seed: 3 });
    try {
      const cwd = tempDir();
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      const run = await runCli(quietRun('openai/sim-insider', server.url), { cwd, env });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('errors by kind:');
      expect(run.stdout).toMatch(/openai\/sim-insider {2}malformed response: 8/);
      const show = await runCli(['show', '--json'], { cwd });
      const { rows, errors } = JSON.parse(show.stdout) as { rows: { n: number }[]; errors: unknown[] };
      expect(rows.every((r) => r.n === 0)).toBe(true);
      expect(errors).toEqual([{ model: 'openai/sim-insider', kind: 'malformed_response', count: 8 }]);
      expect(`${run.stdout}${run.stderr}${show.stdout}`).not.toContain('sk-test-not-real');
    } finally {
      await server.close();
    }
  });

  it('a request the provider rejects (an unknown model: 404) is not retried in the run, and is on the next run', async () => {
    const server = await startMockServer({});
    try {
      const cwd = tempDir();
      const env = { OPENAI_API_KEY: 'sk-test-not-real' };
      const args = quietRun('openai/gpt-typo', server.url);
      const run = await runCli(args, { cwd, env });
      expect(run.code).toBe(0);
      // One request a sample: before, each 404 was retried 7 times with backoff, 20 s a sample.
      expect(server.stats().requests).toBe(8);
      expect(run.stdout).toMatch(/openai\/gpt-typo {2}request rejected: 8/);
      const show = JSON.parse((await runCli(['show', '--json'], { cwd })).stdout) as { errors: unknown[] };
      expect(show.errors).toEqual([{ model: 'openai/gpt-typo', kind: 'request_rejected', count: 8 }]);
      // The key or the model name may have been fixed since: a rerun tries them again, once each.
      const dry = await runCli([...args, '--dry-run'], { cwd, env });
      expect(dry.stdout).toMatch(/8 of 8 samples to do/);
      await runCli(args, { cwd, env });
      expect(server.stats().requests).toBe(16);
    } finally {
      await server.close();
    }
  });

  it('Ctrl-C after the budget stopped scheduling still aborts, and exits 130 saying so', async () => {
    const server = await startMockServer({ latencyMs: 5000 });
    try {
      const cwd = tempDir();
      priceAtOneDollarAToken(cwd);
      const args = [...quietRun('openai/sim-insider', server.url), '--max-cost', '1', '--concurrency', '4'];
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: 'sk-test-not-real' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      // The first sample is in flight, and alone: it is expected to spend the whole budget.
      while (server.stats().inFlight === 0) await sleep(10);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGINT'), 50);
      expect(await exited).toBe(130);
      expect(stderr).toContain(
        'stopped at the budget ($0.00 spent), then interrupted: 8 of 8 samples not done yet',
      );
    } finally {
      await server.close();
    }
  });

  it('Ctrl-C once finishes what is in flight, twice aborts it; either way the same command then completes', async () => {
    const cwd = tempDir();
    const args = ['run', '--model', 'sim/aligned@100ms', '--epochs', '25', '--concurrency', '4'];
    const db = join(cwd, '.haywire', 'haywire.db');
    for (const presses of [1, 2]) {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const before = completed(db);
      while (completed(db) < before + 8) await sleep(10);
      child.kill('SIGINT');
      // The second press lands while the samples in flight still wait on their 100 ms answer.
      if (presses === 2) setTimeout(() => child.kill('SIGINT'), 20);
      expect(await exited).toBe(130);
      expect(stderr).toContain(presses === 1 ? 'finishing samples in flight' : 'aborting requests in flight');
      expect(completed(db)).toBeLessThan(100);
      expect(stderr).toMatch(
        /stopped: \d+ of 100 samples not done yet; run the same command again to resume/,
      );
    }
    const last = await runCli([...args, '--quiet'], { cwd });
    expect(last.code).toBe(0);
    expect(completed(db)).toBe(100);
  });
});

/** Two epochs of the study's default 2×2 for `model` against the mock server, without progress output. */
function quietRun(model: string, url: string): string[] {
  return ['run', '--model', model, '--base-url', url, '--epochs', '2', '--quiet'];
}

/** A haywire.config.yaml in `cwd` pricing openai/sim-insider at 1 USD a token: one sample passes any small budget. */
function priceAtOneDollarAToken(cwd: string): void {
  writeFileSync(
    join(cwd, 'haywire.config.yaml'),
    'models:\n  openai/sim-insider:\n    price: { input: 1000000, output: 1000000 }\n',
  );
}

function completed(db: string): number {
  try {
    const conn = new DatabaseSync(db, { readOnly: true });
    try {
      return Number(
        (conn.prepare("SELECT count(*) AS n FROM samples WHERE status = 'completed'").get() as { n: number })
          .n,
      );
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}
