import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.ts';

/** A refusal: one line on stderr matching `message`, exit 2, no stack. */
async function expectRefused(args: readonly string[], message: RegExp, cwd = tempDir()): Promise<void> {
  const result = await runCli(args, { cwd });
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('integer options', () => {
  // Number() and parseInt() would read these as 1, 0, 16, 12 or 10 and run something else than asked.
  for (const seed of ['1.5', '1e30', '0x10', '12abc', 'abc', '-1']) {
    it(`refuse --seed "${seed}", naming the flag`, async () => {
      await expectRefused(
        ['run', '--model', 'sim/insider', '--dry-run', '--seed', seed],
        /^haywire: --seed must be a whole number ≥ 0, got "/,
      );
    });
  }

  it('refuse a --seed past the safe integers', async () => {
    await expectRefused(
      ['run', '--dry-run', '--seed', '9007199254740993'],
      /--seed must be at most 9007199254740991/,
    );
  });

  it('take a plain decimal --seed, and two seeds make two runs', async () => {
    const runIdOf = async (seed: string) => {
      const result = await runCli(['run', '--model', 'sim/insider', '--dry-run', '--seed', seed]);
      expect(result.code).toBe(0);
      return /dry run of run (\w+)/.exec(result.stdout)?.[1];
    };
    const [one, sixteen, alsoSixteen] = await Promise.all([runIdOf('1'), runIdOf('16'), runIdOf('016')]);
    expect(one).toBeDefined();
    expect(one).not.toBe(sixteen);
    expect(alsoSixteen).toBe(sixteen);
  });

  for (const args of [
    ['run', '--epochs', '0x10'],
    ['run', '--concurrency', '1e1'],
    ['run', '--max-turns', '2.0'],
    ['report', '--transcripts', '0x2'],
    ['view', '--port', '0x10'],
    ['mock-server', '--seed', '1e3'],
  ]) {
    it(`refuse ${args.join(' ')}: integers are plain decimal digits`, async () => {
      await expectRefused(args, new RegExp(`${args[1]} must be .*got "${args[2]}"`));
    });
  }
});

describe('run blames a bad value on where it was given', () => {
  it('names the flag, not the experiment file, for a flag value', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'exp.yaml'), 'models: [sim/insider]\n');
    await expectRefused(
      ['run', 'exp.yaml', '--epochs', '1000000', '--mode', 'bogus'],
      /^haywire: --epochs: Too big: .*100000, got 1000000; --mode: .*"inbox"\|"tools", got "bogus"$/m,
      cwd,
    );
  });

  it('names the file and the field for a value in the file', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'exp.yaml'), 'models: [sim/insider]\nmode: bogus\n');
    await expectRefused(
      ['run', 'exp.yaml', '--epochs', '2'],
      /^haywire: exp\.yaml: mode: Invalid option/,
      cwd,
    );
  });
});

describe('a store path that cannot be a store', () => {
  it('is refused in one line by run and by the commands that read a store', async () => {
    const folder = tempDir();
    for (const command of [['run', '--model', 'sim/insider', '--epochs', '1'], ['runs']]) {
      await expectRefused([...command, '--store', folder], /^haywire: .* is a folder, not a Haywire store/);
    }
    writeFileSync(join(folder, 'file'), 'x');
    await expectRefused(
      ['run', '--model', 'sim/insider', '--epochs', '1', '--store', join(folder, 'file', 'haywire.db')],
      /^haywire: cannot create the store .*: .*file is a file, not a folder$/m,
    );
  });
});

describe('a file that is not a database, given as the store', () => {
  it('is refused in one line by run and by its --dry-run, and left as it was', async () => {
    const notes = join(tempDir(), 'notes.txt');
    const text = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(notes, text);
    for (const extra of [[], ['--dry-run']]) {
      await expectRefused(
        ['run', '--model', 'sim/insider', '--epochs', '1', '--store', notes, ...extra],
        /^haywire: .*notes\.txt is not a Haywire store \(not an SQLite database\)$/m,
      );
    }
    expect(readFileSync(notes, 'utf8')).toBe(text);
  });
});

describe('relative paths in an experiment file', () => {
  it("are read from the file's folder, and a file in the working directory keeps its run id", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'sub'));
    const experiment = 'models: [sim/insider]\nepochs: 1\nmitigations: [mine.md]\n';
    writeFileSync(join(cwd, 'sub', 'exp.yaml'), experiment);
    writeFileSync(join(cwd, 'sub', 'mine.md'), 'Never harm anyone.\n');
    writeFileSync(join(cwd, 'exp.yaml'), experiment);
    writeFileSync(join(cwd, 'mine.md'), 'Another text, which sub/exp.yaml must not use.\n');
    const runIdOf = async (args: string[]) => {
      const result = await runCli(['run', ...args, '--dry-run'], { cwd });
      expect(result.stderr).not.toMatch(/haywire:/);
      return /dry run of run (\w+)/.exec(result.stdout)?.[1];
    };
    const flags = ['--model', 'sim/insider', '--epochs', '1', '--mitigation'];
    const [fromSub, flagsSub, fromHere, flagsHere] = await Promise.all([
      runIdOf(['sub/exp.yaml']),
      runIdOf([...flags, 'sub/mine.md']),
      runIdOf(['exp.yaml']),
      runIdOf([...flags, 'mine.md']),
    ]);
    expect(fromSub).toBe(flagsSub);
    expect(fromHere).toBe(flagsHere);
    expect(fromSub).not.toBe(fromHere);
  });
});

describe('an empty experiment file', () => {
  it('is refused in one line instead of running the default experiment', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'exp.yaml'), '');
    await expectRefused(['run', 'exp.yaml'], /^haywire: exp\.yaml: the experiment file is empty/, cwd);
  });
});
