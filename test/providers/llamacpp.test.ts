import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNodeLlamaCppInstalled } from '../../src/models/create-llamacpp-model.ts';
import { openStore } from '../../src/store/index.ts';
import { runCli, tempDir } from '../cli/run-cli.ts';
import { writeTinyGguf } from '../support/tiny-gguf.ts';

const installed = isNodeLlamaCppInstalled();

// node-llama-cpp is an optional package that CI does not install; with it installed
// (`npm install --no-save -E node-llama-cpp@3.21.1`), this runs the adapter on a tiny random-weight GGUF.
describe.skipIf(!installed)('llamacpp/ through node-llama-cpp, on a tiny random-weight model', () => {
  it('runs the study in inbox mode: every sample completed, with its tokens counted', async () => {
    const dir = tempDir();
    writeTinyGguf(join(dir, 'tiny.gguf'));
    const result = await runCli(['run', '--model', 'llamacpp/tiny.gguf', '--epochs', '1', '--quiet'], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    const store = openStore(join(dir, '.haywire', 'haywire.db'));
    try {
      const run = store.listRuns()[0]!;
      const page = store.samplePage(run.id);
      expect(page.total).toBe(4);
      for (const item of page.items) {
        const sample = store.getSample(item.id)!;
        expect(sample.status).toBe('completed');
        const reply = sample.trajectory?.messages.at(-1);
        expect(reply?.role).toBe('assistant');
        expect(sample.trajectory?.usage.inputTokens).toBeGreaterThan(1000);
      }
    } finally {
      store.close();
    }
  }, 120_000);

  it('refuses tools mode before any sample runs', async () => {
    const dir = tempDir();
    writeTinyGguf(join(dir, 'tiny.gguf'));
    const result = await runCli(['run', '--model', 'llamacpp/tiny.gguf', '--mode', 'tools'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'haywire: llamacpp/tiny.gguf cannot run in tools mode (it runs in inbox mode only): use --mode inbox or another model',
    );
  });
});
