#!/usr/bin/env node
// Runs the TypeScript sources directly (Node >= 22.18 strips types); a packed build uses dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
const useSource = existsSync(source) && process.features.typescript;
if (!useSource && !existsSync(built)) {
  process.stderr.write('haywire: needs Node.js >= 22.18 (type stripping) or a build (npm run build)\n');
  process.exit(2);
}
const { main } = await import(useSource ? source.href : built.href);
process.exitCode = await main(process.argv.slice(2));
