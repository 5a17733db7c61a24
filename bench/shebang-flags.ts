import { readFileSync } from 'node:fs';

/**
 * The Node flags in a script's shebang (`#!/usr/bin/env -S node --flag …`): what Node starts with when the file
 * runs as a program. Benchmarks pass them to the processes they start, so they measure what `npx haywire` runs.
 */
export function shebangFlags(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n', 1)[0]!
    .split(/\s+/)
    .filter((word) => word.startsWith('--'));
}
