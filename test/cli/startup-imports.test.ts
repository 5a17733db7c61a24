import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from './run-cli.ts';

// A resolve hook that writes every module the process loaded to $IMPORTS_OUT when it exits.
const HOOK = `
import module from 'node:module';
import { writeFileSync } from 'node:fs';
const urls = new Set();
module.registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); urls.add(r.url); return r; } });
process.on('exit', () => writeFileSync(process.env.IMPORTS_OUT, [...urls].join('\\n')));
`;

/** The modules `haywire …args` loads, as file URLs. */
function importsOf(args: readonly string[]): string[] {
  const dir = tempDir();
  const hook = join(dir, 'hook.mjs');
  const out = join(dir, 'imports.txt');
  writeFileSync(hook, HOOK);
  const result = spawnSync(process.execPath, ['--import', hook, BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, IMPORTS_OUT: out },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(out, 'utf8').split('\n');
}

// Parts of the CLI that only some commands need: loaded by those commands, never at start-up (decision 0011).
const ON_DEMAND = [
  /node_modules\/hono\//,
  /node_modules\/@hono\//,
  /node_modules\/ai\//,
  /node_modules\/@ai-sdk\/(anthropic|openai|google|openai-compatible)\//,
  /node_modules\/@openrouter\//,
  /\/src\/viewer\//,
  /\/src\/mock-server\//,
  /\/src\/guard\//,
  /\/src\/report\/html\//,
];

describe('what the CLI loads', () => {
  it('starts without the viewer, the mock server, the guard or any provider package', () => {
    const loaded = importsOf(['--version']);
    expect(loaded.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
    for (const pattern of ON_DEMAND) expect(loaded.filter((url) => pattern.test(url))).toEqual([]);
  });

  it('runs sim agents without loading a provider package or the parts a run does not use', () => {
    const loaded = importsOf(['run', '--model', 'sim/insider', '--epochs', '1', '--quiet']);
    expect(loaded.some((url) => url.includes('/src/engine/run-experiment.ts'))).toBe(true);
    for (const pattern of ON_DEMAND) expect(loaded.filter((url) => pattern.test(url))).toEqual([]);
  });
});
