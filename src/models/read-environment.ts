import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The variables providers read: a `.env` file in `cwd` (when there is one), overridden by the process
 * environment where it sets a value (`ANTHROPIC_API_KEY=` exported empty leaves the file's key in force). A
 * file saved with a byte-order mark reads the same. Values are only ever passed to the SDK clients, never
 * printed.
 */
export function readEnvironment(
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const file = join(cwd, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) : {};
  const merged: NodeJS.ProcessEnv = { ...fromFile };
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && (value !== '' || !(name in fromFile))) merged[name] = value;
  return merged;
}
