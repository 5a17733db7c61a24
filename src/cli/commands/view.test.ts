import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../index.ts';

const BIN = new URL('../../../bin/haywire.js', import.meta.url).pathname;

function startCli(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

function storeFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'haywire-view-cli-')), 'haywire.db');
  openStore(path).close();
  return path;
}

describe('haywire view', () => {
  it('prints its loopback URL, serves the store, and stops on SIGTERM', async () => {
    const cli = startCli(['view', '--port', '0', '--store', storeFile()]);
    while (!cli.out().includes('\n')) await new Promise((r) => setTimeout(r, 50));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(cli.out())?.[0];
    expect(url).toBeDefined();
    expect((await fetch(`${url}api/runs`)).status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('refuses a bad port and a missing store in one line, exit code 2', async () => {
    const badPort = startCli(['view', '--port', '70000', '--store', storeFile()]);
    expect(await badPort.exited).toBe(2);
    expect(badPort.err()).toMatch(/--port must be a whole number 0–65535/);
    const missing = startCli(['view', '--store', join(tmpdir(), 'no-such-dir-haywire', 'x.db')]);
    expect(await missing.exited).toBe(2);
    expect(missing.err()).toMatch(/^haywire: no store at/);
  });
});
