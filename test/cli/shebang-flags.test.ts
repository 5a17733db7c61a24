import { spawnSync } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shebangFlags } from '../../bench/shebang-flags.ts';
import { BIN, tempDir } from './run-cli.ts';

// The V8 flags of the CLI's shebang. Node refuses an option it does not know and the CLI would not start, so
// this Node is asked to start with them (CI runs the Node the project is developed on). The benchmarks read them
// the same way (bench/shebang-flags.ts).
const flags = shebangFlags(BIN);

describe('the shebang of bin/haywire.js', () => {
  it('caps the young generation and collects the old one as it grows (docs/decisions/0011-memory.md)', () => {
    expect(flags).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=25']);
  });

  it('starts this Node with its flags', () => {
    const dir = tempDir();
    const result = spawnSync(process.execPath, [...flags, BIN, '--version'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs as a program through `env -S`, with this Node first on PATH', () => {
    const dir = tempDir();
    const result = spawnSync(BIN, ['--version'], {
      cwd: dir,
      env: { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, HOME: dir },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
