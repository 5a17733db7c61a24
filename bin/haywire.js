#!/usr/bin/env -S node --max-semi-space-size=16
// Runs the TypeScript sources directly (Node >= 22.18 strips types); a packed build uses dist/.
// The flag caps V8's young generation at 16 MB a half: a long run otherwise grows it to 3 × 32 MB for no gain in
// speed (docs/decisions/0011-memory.md). `env -S` passes it on Linux and macOS; npm's Windows shims read it too.
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
