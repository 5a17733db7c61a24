#!/usr/bin/env -S node --max-semi-space-size=8 --heap-growing-percent=25
// Runs the TypeScript sources directly (Node >= 22.18 strips types); a packed build uses dist/.
// The flags keep a long run's memory in check (docs/decisions/0011-memory.md): V8's young generation at 8 MB a
// half, and a full collection whenever the old generation has grown by a quarter, instead of letting promoted
// garbage pile up to V8's first, far higher limit. `env -S` passes them on Linux and macOS; npm's Windows shims
// read them too. test/cli/shebang-flags.test.ts checks that this Node accepts them.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node keeps the compiled (and type-stripped) modules on disk between runs: start-up halves, and the type
// stripper is not even loaded once the cache is warm (0.86 → 0.45 s and 137 → 105 MB for `scenarios list`).
module.enableCompileCache?.();

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
const useSource = existsSync(source) && process.features.typescript;
if (!useSource && !existsSync(built)) {
  process.stderr.write('haywire: needs Node.js >= 22.18 (type stripping) or a build (npm run build)\n');
  process.exit(2);
}
const { main } = await import(useSource ? source.href : built.href);
process.exitCode = await main(process.argv.slice(2));
