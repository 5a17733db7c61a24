import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectEvalLogSchema } from '../../src/index.ts';
import { runCli, tempDir } from './run-cli.ts';

describe('haywire report and export', () => {
  const cwd = tempDir();
  beforeAll(async () => {
    const run = await runCli(
      ['run', '--model', 'sim/insider', '--mitigation', 'none,reasons', '--epochs', '5', '--quiet'],
      { cwd },
    );
    expect(run.code).toBe(0);
  });

  it('writes a self-contained report of the latest run', async () => {
    const result = await runCli(['report', '-o', 'out.html'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/report of run \w+ → out\.html/);
    const html = readFileSync(join(cwd, 'out.html'), 'utf8');
    expect(html).toContain('sim/insider');
    expect(html).toContain('id="mitigations"');
    expect(html).not.toMatch(/<script|<link/i);
  });

  it('exports each format, and the Inspect log validates with one sample per sample', async () => {
    for (const format of ['jsonl', 'csv', 'inspect']) {
      const result = await runCli(['export', '--format', format, '-o', `out.${format}`], { cwd });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^40 samples of run \\w+ → out\\.${format}`));
    }
    const log = inspectEvalLogSchema.parse(JSON.parse(readFileSync(join(cwd, 'out.inspect'), 'utf8')));
    expect(log.samples).toHaveLength(40);
    expect(readFileSync(join(cwd, 'out.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(40);
  });

  it('rejects an unknown format as a user error (exit 2, one line)', async () => {
    const result = await runCli(['export', '--format', 'xml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('haywire: --format must be one of jsonl, csv, inspect, got "xml"');
  });

  it('refuses --transcripts that is not a whole number ≥ 0', async () => {
    for (const value of ['-1', 'abc', '1.5']) {
      const result = await runCli(['report', '--transcripts', value, '-o', 'never.html'], { cwd });
      expect(result.code, value).toBe(2);
      expect(result.stderr.trim()).toBe(`haywire: --transcripts must be a whole number ≥ 0, got "${value}"`);
    }
    expect(existsSync(join(cwd, 'never.html'))).toBe(false);
  });

  it('reports a missing store as a user error', async () => {
    const result = await runCli(['report', '--store', join(tempDir(), 'none.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^haywire: no store at /);
  });
});
