import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
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

  it('exports each format, to a file or with -o - to standard output; the Inspect log validates', async () => {
    for (const format of ['jsonl', 'csv', 'inspect']) {
      const result = await runCli(['export', '--format', format, '-o', `out.${format}`], { cwd });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^40 samples of run \\w+ → out\\.${format}`));
      // -o -: the same bytes on standard output, the summary on stderr.
      const toStdout = await runCli(['export', '--format', format, '-o', '-'], { cwd });
      expect(toStdout.code).toBe(0);
      expect(toStdout.stdout).toBe(readFileSync(join(cwd, `out.${format}`), 'utf8'));
      expect(toStdout.stderr).toMatch(new RegExp(`^40 samples of run \\w+ → standard output \\(${format}, `));
    }
    expect(existsSync(join(cwd, '-'))).toBe(false);
    const log = inspectEvalLogSchema.parse(JSON.parse(readFileSync(join(cwd, 'out.inspect'), 'utf8')));
    expect(log.samples).toHaveLength(40);
    expect(readFileSync(join(cwd, 'out.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(40);
  });

  it('rejects an unknown format as a user error (exit 2, one line)', async () => {
    const result = await runCli(['export', '--format', 'xml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('haywire: --format must be one of jsonl, csv, inspect, got "xml"');
  });

  it('refuses to write over the store or its -wal / -shm file, through a symlink or a hard link', async () => {
    const store = join(cwd, '.haywire', 'haywire.db');
    const before = readFileSync(store);
    const dir = join(cwd, 'links');
    mkdirSync(dir);
    symlinkSync(store, join(dir, 'store.csv'));
    symlinkSync(`${store}-wal`, join(dir, 'wal.jsonl'));
    linkSync(store, join(dir, 'hard.html'));
    const attempts = [
      ['report', '-o', '.haywire/haywire.db'],
      ['export', '--format', 'inspect', '--output', './.haywire/../.haywire/haywire.db-shm'],
      ['export', '--format', 'csv', '-o', 'links/store.csv'],
      ['export', '--format', 'jsonl', '-o', 'links/wal.jsonl'],
      ['report', '-o', 'links/hard.html'],
    ];
    for (const args of attempts) {
      const result = await runCli(args, { cwd });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^haywire: --output \S+ is the store('s -(wal|shm) file)? .*haywire\.db/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(store).equals(before)).toBe(true);
    expect((await runCli(['runs'], { cwd })).code).toBe(0);
  });

  it('writes the report to standard output with -o -, the summary on stderr, and no file named -', async () => {
    const report = await runCli(['report', '--output', '-'], { cwd });
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^<!doctype html>/i);
    expect(report.stdout).toContain('sim/insider');
    expect(report.stderr).toMatch(/^report of run \w+ → standard output \(/);
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('names an output it cannot write in one line, exits 2 and leaves no file behind', async () => {
    const missing = join(tempDir(), 'no', 'such');
    const attempts = [
      {
        args: ['export', '--format', 'csv', '-o', join(missing, 'a.csv')],
        why: 'no such folder \\(ENOENT\\)',
      },
      {
        args: ['export', '--format', 'inspect', '-o', join(missing, 'a.json')],
        why: 'no such folder \\(ENOENT\\)',
      },
      { args: ['export', '--format', 'jsonl', '-o', tempDir()], why: 'it is a folder \\(EISDIR\\)' },
      { args: ['report', '-o', join(missing, 'r.html')], why: 'no such folder \\(ENOENT\\)' },
      { args: ['report', '-o', tempDir()], why: 'it is a folder \\(EISDIR\\)' },
    ];
    for (const { args, why } of attempts) {
      const result = await runCli(args, { cwd });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^haywire: cannot write ${args.at(-1)}: ${why}\\n$`));
      expect(result.stdout).toBe('');
    }
    expect(existsSync(missing)).toBe(false);
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
