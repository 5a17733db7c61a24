import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  fchmodSync,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { constants, hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { getSystemErrorMessage } from 'node:util';
import { ConfigError } from '../spec/index.ts';

/** The output name that means standard output: `-o -`, `--output -`. */
export const STANDARD_OUTPUT = '-';

/** Whether two paths name one existing file: the same device and inode, through any symlink or hard link. */
export function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return false;
  const [x, y] = [statSync(a), statSync(b)];
  return x.dev === y.dev && x.ino === y.ino;
}

/**
 * Refuses an output that is the store or its `-wal` / `-shm` file: writing it would destroy every run.
 * Checked before anything is written; standard output is never the store.
 */
export function refuseStoreAsOutput(output: string, store: string): void {
  if (output === STANDARD_OUTPUT) return;
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${store}${suffix}`;
    // By inode when both exist; by resolved path when one does not exist yet.
    if (!sameFile(output, file) && resolvedPath(output) !== resolvedPath(file)) continue;
    const what = suffix === '' ? 'the store' : `the store's ${suffix} file`;
    throw new ConfigError(
      'invalid-input',
      `--output ${output} is ${what} ${file}: writing it would destroy the runs; write elsewhere`,
    );
  }
}

/** The path with symlinks resolved, as far as it exists. */
function resolvedPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Plainer words than the system's for the usual mistakes in an output path. */
const PLAINLY: Readonly<Record<string, string>> = { ENOENT: 'no such folder', EISDIR: 'it is a folder' };

/** An unwritable file as a user error naming it and why: `cannot write /tmp: it is a folder (EISDIR)`. */
export function cannotWrite(path: string, cause: unknown): ConfigError {
  const { code, errno, message } = (cause ?? {}) as Partial<NodeJS.ErrnoException>;
  const why =
    (code === undefined ? undefined : PLAINLY[code]) ??
    (errno === undefined ? (message ?? String(cause)) : getSystemErrorMessage(errno));
  const named = code === undefined ? why : `${why} (${code})`;
  return new ConfigError('invalid-input', `cannot write ${path}: ${named}`, { file: path, cause });
}

/** Where a command's output goes: standard output, or a file written a piece at a time with back-pressure. */
export interface Output {
  readonly stdout: boolean;
  /** The file written; undefined for standard output. */
  readonly path: string | undefined;
  /** The stream to write to, for a writer that takes one; `write` is the same with errors named. */
  readonly stream: Writable;
  /** Writes text, waiting while the stream's buffer is full; a failed write is a user error naming it. */
  write(text: string): Promise<void>;
  /** Flushes and closes the file (standard output stays open); safe to call twice. */
  close(): Promise<void>;
  /**
   * After a failure: removes what was written, so nothing partial is left looking like the output, and returns the
   * error to throw (the file's own write error as a user error naming it).
   */
  discard(error: unknown): unknown;
}

/**
 * Opens the output: standard output when `path` is undefined or `-`, else the file, created or replaced, or
 * cut to its first `keep` bytes and appended to. A file that cannot be opened is a user error naming it.
 *
 * With `whole`, a new or plain file is written beside itself (`.<name>.<host>.<pid>.partial` in the same folder)
 * and renamed over `path` only once closed: until then, and after any failure or `kill -9`, `path` is absent or
 * still the file it was. A symlink, a device or a pipe is written in place. The partial file a `kill -9` left
 * behind is removed by the next write of the same file on the same host, once its process is gone.
 */
export function openOutput(
  path: string | undefined,
  options: { keep?: number; whole?: boolean } = {},
): Output {
  if (path === undefined || path === STANDARD_OUTPUT) {
    return {
      stdout: true,
      path: undefined,
      stream: process.stdout,
      write: async (text) => {
        if (!process.stdout.write(text)) await once(process.stdout, 'drain');
      },
      close: async () => {},
      discard: (error) => error,
    };
  }
  const keep = options.keep ?? 0;
  const opened = (options.whole === true && keep === 0 && openBeside(path)) || openInPlace(path, keep);
  const { fd, written, removable } = opened;
  const stream = createWriteStream(written, { fd, start: keep });
  let failure: unknown;
  stream.on('error', (error) => {
    failure ??= error;
  });
  let closed: Promise<void> | undefined;
  return {
    stdout: false,
    path,
    stream,
    write: async (text) => {
      try {
        if (failure !== undefined) throw failure;
        if (!stream.write(text)) await once(stream, 'drain');
      } catch (error) {
        throw cannotWrite(path, failure ?? error);
      }
    },
    close: () => {
      if (closed === undefined) {
        stream.end();
        closed = finished(stream).then(
          () => {
            if (written === path) return;
            try {
              renameSync(written, path);
            } catch (error) {
              failure ??= error;
              throw cannotWrite(path, error);
            }
          },
          (error: unknown) => {
            throw cannotWrite(path, failure ?? error);
          },
        );
      }
      return closed;
    },
    discard: (error) => {
      stream.destroy();
      if (removable) rmSync(written, { force: true });
      return failure === undefined || error instanceof ConfigError ? error : cannotWrite(path, failure);
    },
  };
}

interface Opened {
  readonly fd: number;
  /** The file the bytes go to: `path`, or the file beside it that is renamed over it on close. */
  readonly written: string;
  /** Whether a failure removes `written`: only a plain file, never a device (/dev/full), a pipe or a symlink. */
  readonly removable: boolean;
}

function openInPlace(path: string, keep: number): Opened {
  let fd: number;
  try {
    fd = openSync(path, keep > 0 ? 'r+' : 'w');
    if (keep > 0) ftruncateSync(fd, keep);
  } catch (error) {
    throw cannotWrite(path, error);
  }
  return { fd, written: path, removable: !lstatSync(path).isSymbolicLink() && fstatSync(fd).isFile() };
}

/** A new file beside `path`, with the mode of the plain file it replaces; undefined where that cannot be. */
function openBeside(path: string): Opened | undefined {
  let mode: number | undefined;
  try {
    const existing = lstatSync(path);
    if (!existing.isFile()) return undefined;
    mode = existing.mode & 0o7777;
  } catch {
    // No file yet: the new one takes the usual mode.
  }
  removeDeadPartials(path);
  const written = join(dirname(path), partialName(path, process.pid));
  let fd: number;
  try {
    fd = openSync(written, 'w');
  } catch {
    // A folder that takes no new file: write in place, as without `whole`.
    return undefined;
  }
  if (mode !== undefined) fchmodSync(fd, mode);
  return { fd, written, removable: true };
}

/** The name of the file written beside `path` by process `pid` of this host. */
export function partialName(path: string, pid: number): string {
  return `.${basename(path)}.${hostname()}.${pid}.partial`;
}

/**
 * Removes the files beside `path` that writers of this host left when killed (`kill -9`, a crash, power loss).
 * Another host's are left: whether its process lives cannot be told from here (a shared folder). So is a file
 * whose process id lives, even if that is a new process with the old id.
 */
function removeDeadPartials(path: string): void {
  const prefix = `.${basename(path)}.${hostname()}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
    const pid = Number(name.slice(prefix.length, -'.partial'.length));
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(dirname(path), name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, and another user's.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Runs `write` on the output, then closes it; on failure removes what was written (see `discard`). So does Ctrl-C
 * (or SIGTERM) while a file is being written, before the process ends with the signal's exit code (130 for
 * Ctrl-C): a half-written export never stays behind looking like a whole one.
 */
export async function writeAllOrNothing<T>(
  output: Output,
  write: (output: Output) => Promise<T>,
): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    output.discard(undefined);
    process.stderr.write(`\nhaywire: interrupted; ${output.path} not written\n`);
    process.exit(128 + (constants.signals[signal] ?? 0));
  };
  const signals: NodeJS.Signals[] = output.stdout ? [] : ['SIGINT', 'SIGTERM'];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    const result = await write(output);
    await output.close();
    return result;
  } catch (error) {
    throw output.discard(error);
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
