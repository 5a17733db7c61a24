import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../spec/config-error.ts';

/** A folder given as the store: SQLite would only say "unable to open database file" or "disk I/O error". */
export function refuseFolder(path: string): void {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(
      'invalid-input',
      `${path} is a folder, not a Haywire store: give a file, e.g. ${join(path, 'haywire.db')}`,
      { file: path },
    );
  }
}

/** Creates the folders a new store goes in, or says in one line why it cannot. */
export function makeStoreFolder(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `${nearestExisting(dirname(path))} is a file, not a folder`
        : (cause as Error).message;
    throw new ConfigError('invalid-input', `cannot create the store ${path}: ${why}`, { file: path, cause });
  }
}

// SQLite's primary result code for a file that is not a database.
const SQLITE_NOTADB = 26;

/**
 * The error SQLite raised, as a user error when it says the file is not a database (the primary result code
 * in an extended one's low byte); undefined for any other error.
 */
export function notAStore(path: string, error: unknown): ConfigError | undefined {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  if (typeof errcode !== 'number' || (errcode & 0xff) !== SQLITE_NOTADB) return undefined;
  return new ConfigError('invalid-input', `${path} is not a Haywire store (not an SQLite database)`, {
    file: path,
    cause: error,
  });
}

/** SQLite could not open or write the file (no permission, a read-only place): a user error, not a bug. */
export function cannotOpenStore(path: string, cause: unknown): ConfigError {
  return new ConfigError('invalid-input', `cannot open the store ${path}: ${(cause as Error).message}`, {
    file: path,
    cause,
  });
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
