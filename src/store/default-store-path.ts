import { join } from 'node:path';

/**
 * Where the store lives when `--store` is not given: `./.haywire/haywire.db` under `cwd`.
 *
 * @example
 * openStore(defaultStorePath());
 */
export function defaultStorePath(cwd: string = process.cwd()): string {
  return join(cwd, '.haywire', 'haywire.db');
}
