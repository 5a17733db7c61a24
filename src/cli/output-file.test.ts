import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/index.ts';
import { openOutput, partialName, refuseStoreAsOutput, writeAllOrNothing } from './output-file.ts';

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

  it('with whole, writes beside the file and renames it over only once closed', async () => {
    const dir = folder();
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, 'an older export');
    chmodSync(file, 0o640);
    const broken = new Error('the store broke');
    const failing = writeAllOrNothing(openOutput(file, { whole: true }), async (o) => {
      await o.write('half');
      // Until the rename, the older file is the file.
      expect(readFileSync(file, 'utf8')).toBe('an older export');
      throw broken;
    });
    await expect(failing).rejects.toBe(broken);
    expect(readdirSync(dir)).toEqual(['export.jsonl']);
    expect(readFileSync(file, 'utf8')).toBe('an older export');

    await writeAllOrNothing(openOutput(file, { whole: true }), (o) => o.write('all of it\n'));
    expect(readdirSync(dir)).toEqual(['export.jsonl']);
    expect(readFileSync(file, 'utf8')).toBe('all of it\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);

    // A symlink stays a symlink: its target is written in place.
    const target = join(dir, 'target.jsonl');
    const link = join(dir, 'link.jsonl');
    writeFileSync(target, '');
    symlinkSync(target, link);
    await writeAllOrNothing(openOutput(link, { whole: true }), (o) => o.write('through the link\n'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('through the link\n');
  });

  const slowWriter = (file: string) => {
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
    return { child, exited, stderr: () => stderr };
  };
  /** Waits until some lines are on disk, in the file written beside `file`. */
  const someWritten = async (file: string, pid: number | undefined) => {
    const beside = join(dirname(file), partialName(file, pid ?? 0));
    while (!existsSync(beside) || statSync(beside).size < 20)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'removes a half-written file when %s ends the process, which exits %i',
    async (signal, code) => {
      const file = join(folder(), 'export.jsonl');
      const writer = slowWriter(file);
      await someWritten(file, writer.child.pid);
      writer.child.kill(signal);
      expect(await writer.exited).toBe(code);
      expect(readdirSync(dirname(file))).toEqual([]);
      expect(writer.stderr()).toBe(`\nhaywire: interrupted; ${file} not written\n`);
    },
  );

  it('leaves the older file whole after kill -9, and the next write removes the partial file left', async () => {
    const dir = folder();
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, 'an older export');
    const writer = slowWriter(file);
    const pid = writer.child.pid ?? 0;
    await someWritten(file, pid);
    writer.child.kill('SIGKILL');
    await writer.exited;
    expect(readFileSync(file, 'utf8')).toBe('an older export');
    const left = partialName(file, pid);
    expect(readdirSync(dir).sort()).toEqual([left, 'export.jsonl']);

    // Another host's partial file, and one whose process lives (this one), are not this write's to remove.
    const otherHost = `.export.jsonl.elsewhere.example.${pid}.partial`;
    const living = partialName(file, process.ppid);
    writeFileSync(join(dir, otherHost), 'half');
    writeFileSync(join(dir, living), 'half');
    await writeAllOrNothing(openOutput(file, { whole: true }), (o) => o.write('all of it\n'));
    expect(readFileSync(file, 'utf8')).toBe('all of it\n');
    expect(readdirSync(dir).sort()).toEqual([living, otherHost, 'export.jsonl'].sort());
  });

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
