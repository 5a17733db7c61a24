import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/index.ts';
import { openOutput, refuseStoreAsOutput, writeAllOrNothing } from './output-file.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'haywire-output-'));

describe('openOutput and writeAllOrNothing', () => {
  it('writes the whole file, or removes what it wrote when the writer fails', async () => {
    const dir = folder();
    const whole = join(dir, 'whole.txt');
    await writeAllOrNothing(openOutput(whole), (o) => o.write('all of it\n'));
    expect(readFileSync(whole, 'utf8')).toBe('all of it\n');
    const partial = join(dir, 'partial.txt');
    writeFileSync(partial, 'an older export');
    const broken = new Error('the store broke');
    const failing = writeAllOrNothing(openOutput(partial), async (o) => {
      await o.write('half');
      throw broken;
    });
    await expect(failing).rejects.toBe(broken);
    expect(existsSync(partial)).toBe(false);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'removes a half-written file when %s ends the process, which exits %i',
    async (signal, code) => {
      const file = join(folder(), 'export.jsonl');
      const child = spawn(
        process.execPath,
        [new URL('./slow-writer.fixture.ts', import.meta.url).pathname, file],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      // Interrupted once some lines are on disk.
      while (!existsSync(file) || statSync(file).size < 20)
        await new Promise((resolve) => setTimeout(resolve, 10));
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(existsSync(file)).toBe(false);
      expect(stderr).toBe(`\nhaywire: interrupted; ${file} not written\n`);
    },
  );

  it.skipIf(!existsSync('/dev/full'))('names a failed write, and never removes a device', async () => {
    const failing = writeAllOrNothing(openOutput('/dev/full'), (o) => o.write('x'.repeat(1 << 16)));
    await expect(failing).rejects.toThrow(/^cannot write \/dev\/full: no space left on device \(ENOSPC\)$/);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('standard output for - and undefined', () => {
    expect(openOutput('-').stdout).toBe(true);
    expect(openOutput(undefined).stdout).toBe(true);
  });
});

describe('refuseStoreAsOutput', () => {
  it('refuses the store and its companions by path, inode or symlink, and lets other files through', () => {
    const dir = folder();
    const store = join(dir, 'haywire.db');
    writeFileSync(store, 'sqlite');
    symlinkSync(store, join(dir, 'link.csv'));
    for (const output of [store, `${store}-wal`, join(dir, '.', 'haywire.db-shm'), join(dir, 'link.csv')])
      expect(() => refuseStoreAsOutput(output, store), output).toThrow(ConfigError);
    for (const output of ['-', join(dir, 'haywire.db.csv'), join(dir, 'other', 'haywire.db')])
      expect(() => refuseStoreAsOutput(output, store), output).not.toThrow();
  });
});
