import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(join(import.meta.dirname, 'silence-sqlite-warning.ts')).href;

/** Runs `body` in a fresh Node process and returns what it printed on stderr. */
function stderrOf(body: string): string {
  const script = `import { silenceSqliteWarning } from '${MODULE}';\n${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stderr;
}

describe('silenceSqliteWarning', () => {
  it("hides node:sqlite's experimental warning and no other", () => {
    const stderr = stderrOf(`
      silenceSqliteWarning();
      process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
      process.emitWarning('SQLite is an experimental feature', { type: 'ExperimentalWarning' });
      process.emitWarning('Some other feature is experimental', 'ExperimentalWarning');
      process.emitWarning('SQLite is an experimental feature, said a user', 'UserWarning');
    `);
    expect(stderr).not.toMatch(/ExperimentalWarning: SQLite/);
    expect(stderr).toMatch(/ExperimentalWarning: Some other feature/);
    expect(stderr).toMatch(/UserWarning: SQLite/);
  });

  it('works because importing the store does not load node:sqlite; opening it does', () => {
    const store = pathToFileURL(join(import.meta.dirname, 'index.ts')).href;
    const stderr = stderrOf(`
      const { openStore } = await import('${store}');
      const loaded = () => process.moduleLoadList.includes('NativeModule sqlite');
      console.error('imported', loaded());
      openStore(':memory:').close();
      console.error('opened', loaded());
    `);
    expect(stderr).toContain('imported false');
    expect(stderr).toContain('opened true');
  });

  it('leaves warnings alone until called', () => {
    const stderr = stderrOf(
      `process.emitWarning('SQLite is an experimental feature', 'ExperimentalWarning');`,
    );
    expect(stderr).toMatch(/ExperimentalWarning: SQLite/);
  });
});
