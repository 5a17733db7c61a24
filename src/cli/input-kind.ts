import { accessSync, constants, type Stats, statSync } from 'node:fs';
import { ConfigError } from '../spec/index.ts';

/** Standard input's names as a path: given one that is not a regular file, read process.stdin instead. */
export const STANDARD_INPUT_PATHS: ReadonlySet<string> = new Set([
  '/dev/stdin',
  '/dev/fd/0',
  '/proc/self/fd/0',
]);

/**
 * How a user's input file can be read: `file` for a regular file, which can be read again; `stream` for anything
 * else that reads (a pipe such as `<(…)` or /dev/stdin, a character device), which gives its bytes once only.
 * Throws a one-line ConfigError when the path is missing, a directory, or not readable.
 * @example inputKind('cases.jsonl') // 'file'
 */
export function inputKind(path: string): 'file' | 'stream' {
  let stats: Stats;
  try {
    stats = statSync(path);
    // Checks the permission without opening: a pipe's one reading stays for the caller.
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw unreadableInput(path, error);
  }
  if (stats.isDirectory())
    throw new ConfigError('invalid-input', `${path} is a directory: give a JSONL file`, { file: path });
  return stats.isFile() ? 'file' : 'stream';
}

/**
 * A system call's failure on an input file as the user's error (`no such file: …`, `cannot read …: ENXIO`); any
 * other error as it is, a bug.
 */
export function unreadableInput(path: string, error: unknown): unknown {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return new ConfigError('missing-file', `no such file: ${path}`, { file: path });
  if (syscall === undefined) return error;
  return new ConfigError('missing-file', `cannot read ${path}: ${code}`, { file: path, cause: error });
}
