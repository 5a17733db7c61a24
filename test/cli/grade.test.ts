import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock-server/index.ts';
import { BIN, runCli, tempDir } from './run-cli.ts';

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

  it('reads standard input with --input -, as it reads a file', async () => {
    const fromFile = await runCli(['grade', '--input', FIXTURE]);
    const { code, stdout } = await runCli(['grade', '--input', '-'], { input: readFileSync(FIXTURE) });
    expect(code).toBe(0);
    expect(stdout).toBe(fromFile.stdout);
    expect(stdout.split('\n').length).toBe(53);
  });

  it('writes to standard output with --output -, as without --output, and refuses --continue with it', async () => {
    const cwd = tempDir();
    const plain = await runCli(['grade', '--input', FIXTURE], { cwd });
    const dash = await runCli(['grade', '--input', FIXTURE, '--output', '-'], { cwd });
    expect(dash.code).toBe(0);
    expect(dash.stdout).toBe(plain.stdout);
    expect(dash.stderr).toBe('');
    const again = await runCli(['grade', '--input', FIXTURE, '--output', '-', '--continue'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(
      'haywire: --continue needs --output to be a file whose results to keep, not standard output (-)',
    );
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('reads a pipe or FIFO given as the input file once, and grades every case of it', async () => {
    // A pipe's bytes come once: reading it twice (check, then grade) graded nothing. Node gives the child a socket
    // as standard input, which /dev/stdin cannot open by name: it is read as standard input.
    const fromFile = await runCli(['grade', '--input', FIXTURE]);
    const viaDevStdin = await runCli(['grade', '--input', '/dev/stdin'], { input: readFileSync(FIXTURE) });
    expect(viaDevStdin.code).toBe(0);
    expect(viaDevStdin.stdout).toBe(fromFile.stdout);
    if (process.platform === 'win32') return;
    const dir = tempDir();
    const fifo = join(dir, 'cases.fifo');
    execFileSync('mkfifo', [fifo]);
    const output = join(dir, 'verdicts.jsonl');
    const graded = runCli(['grade', '--input', fifo, '--output', output]);
    // Opening the FIFO to write waits for the CLI to open it to read.
    await pipeline(Readable.from([readFileSync(FIXTURE)]), createWriteStream(fifo));
    const result = await graded;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/graded 52 of 52 cases/);
    expect(readFileSync(output, 'utf8')).toBe(fromFile.stdout);
  });

  it("refuses --output naming the store: writing it would destroy the store's runs", async () => {
    const cwd = tempDir();
    await runCli(['run', '--model', 'sim/insider', '--epochs', '1', '--quiet'], { cwd });
    const store = join(cwd, '.haywire', 'haywire.db');
    const before = readFileSync(store);
    const result = await runCli(['grade', '--input', FIXTURE, '--output', store], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is the store .*: writing it would destroy the runs/);
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('splits lines at \\n only: a raw U+2028 or U+2029 inside a response is part of it', async () => {
    const dir = tempDir();
    const input = join(dir, 'separators.jsonl');
    const cases = [
      { id: 'ls', scenario: 'blackmail', response: 'one\u2028two' },
      { id: 'ps', scenario: 'murder', response: 'one\u2029two' },
    ];
    // JSON.stringify leaves both characters raw, as other writers of JSONL may.
    writeFileSync(input, `${cases.map((c) => JSON.stringify(c)).join('\r\n')}\r\n`);
    expect(readFileSync(input, 'utf8')).toContain('\u2028');
    const result = await runCli(['grade', '--input', input]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const ids = result.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(['ls', 'ps']);
  });

  it('exits 0 and says nothing when its reader stops early (| head)', async () => {
    const dir = tempDir();
    const many = join(dir, 'many.jsonl');
    const lines = readFileSync(FIXTURE, 'utf8').trim().split('\n');
    writeFileSync(many, `${Array.from({ length: 40 }, () => lines.join('\n')).join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'grade', '--input', many], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
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

  it('Ctrl-C keeps the cases graded; --continue grades the rest, and the file equals an uninterrupted run', async () => {
    const server = await startMockServer({ latencyMs: 40 });
    try {
      const dir = tempDir();
      const env = { PATH: process.env.PATH ?? '', ANTHROPIC_API_KEY: 'sk-ant-test-not-real' };
      const judge = ['--judge', 'anthropic/sim-judge-agree', '--base-url', server.url, '--concurrency', '2'];
      const whole = join(dir, 'whole.jsonl');
      expect((await runCli(['grade', '--input', FIXTURE, ...judge, '--output', whole], { env })).code).toBe(
        0,
      );

      const output = join(dir, 'verdicts.jsonl');
      const args = ['grade', '--input', FIXTURE, ...judge, '--output', output];
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      while (lineCount(output) < 4) await sleep(10);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('finishing the cases being graded');
      expect(stderr).toMatch(/stopped on Ctrl-C: the same command with --continue grades the other \d+/);
      const kept = readFileSync(output, 'utf8');
      expect(lineCount(output)).toBeLessThan(52);
      expect(readFileSync(whole, 'utf8').startsWith(kept)).toBe(true);

      // As a crash would leave it: a last line cut short, cut off again before writing on.
      appendFileSync(output, '{"id":"case-');
      const resumed = await runCli([...args, '--continue', '--quiet'], { env });
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(
        new RegExp(`graded ${52 - lineCount(whole, kept)} of \\d+ cases \\(\\d+ kept from before\\)`),
      );
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(whole, 'utf8'));
      expect(`${stderr}${resumed.stdout}${resumed.stderr}`).not.toContain('sk-ant-test-not-real');
    } finally {
      await server.close();
    }
  });

  it('--max-cost stops before the budget, --dry-run estimates what is left, --continue refuses a mismatch', async () => {
    const dir = tempDir();
    const output = join(dir, 'verdicts.jsonl');
    const env = { OPENAI_API_KEY: 'sk-test-not-real' };
    // An unreachable endpoint: a budget of 0 must stop before any call.
    const judge = ['--judge', 'openai/gpt-4.1', '--base-url', 'http://127.0.0.1:9'];
    const args = ['grade', '--input', FIXTURE, ...judge, '--output', output];
    const stopped = await runCli([...args, '--max-cost', '0'], { env });
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/graded 0 of 52 cases: 0 harmful/);
    expect(stopped.stderr).toMatch(
      /stopped at the budget: the same command with --continue grades the other 52/,
    );
    expect(readFileSync(output, 'utf8')).toBe('');

    const dry = await runCli([...args, '--continue', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/52 of 52 cases to grade; nothing called, nothing written/);
    expect(dry.stdout).toMatch(/openai\/gpt-4\.1 \(judge\) +52 +104 +[\d,]+ +31,200 +\$\d+\.\d\d/);
    const fresh = join(dir, 'never.jsonl');
    const dryFresh = await runCli(['grade', '--input', FIXTURE, ...judge, '--output', fresh, '--dry-run'], {
      env,
    });
    expect(dryFresh.code).toBe(0);
    expect(existsSync(fresh)).toBe(false);

    // Results of the detectors alone do not continue under a judge, nor another input's results at all.
    const detectors = join(dir, 'detectors.jsonl');
    expect((await runCli(['grade', '--input', FIXTURE, '--output', detectors])).code).toBe(0);
    const otherJudges = await runCli([...args.slice(0, -1), detectors, '--continue'], { env });
    expect(otherJudges.code).toBe(2);
    expect(otherJudges.stderr).toMatch(
      /was graded without --judge, this command grades by judges openai\/gpt-4\.1: pass the same --judge/,
    );
    const reversed = join(dir, 'reversed.jsonl');
    writeFileSync(reversed, readFileSync(FIXTURE, 'utf8').trim().split('\n').reverse().join('\n'));
    const otherInput = await runCli(['grade', '--input', reversed, '--output', detectors, '--continue']);
    expect(otherInput.code).toBe(2);
    expect(otherInput.stderr).toMatch(
      /line 1 is not the result of case .*: it was not written by grading this input/,
    );
    const noOutput = await runCli(['grade', '--input', FIXTURE, '--continue']);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toMatch(/--continue needs --output/);
    const copy = join(dir, 'cases.jsonl');
    writeFileSync(copy, readFileSync(FIXTURE));
    const overwrite = await runCli(['grade', '--input', copy, '--output', join(dir, '.', 'cases.jsonl')]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toMatch(
      /--output .*cases\.jsonl is the input file: write the results elsewhere/,
    );
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
    const unwritable = await runCli([
      'grade',
      '--input',
      FIXTURE,
      '--output',
      join(dir, 'no', 'such', 'dir.jsonl'),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write .*dir\.jsonl: no such folder \(ENOENT\)/);
  });
});

/** Whole lines in the file (or in `text` when given). */
function lineCount(path: string, text?: string): number {
  const content = text ?? (existsSync(path) ? readFileSync(path, 'utf8') : '');
  return content.split('\n').length - 1;
}
