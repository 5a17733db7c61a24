import { CommanderError } from 'commander';
import { ConfigError } from '../spec/index.ts';
import { printable } from './printable.ts';

export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** The one place errors become exit codes and messages: user errors in one line, bugs with their stack. */
export function exitCodeFor(error: unknown, writeErr: (text: string) => void): number {
  if (error instanceof ConfigError) {
    // Its message may quote the user's input (a name, a line of a file): one line, nothing the terminal acts on.
    writeErr(`haywire: ${printable(error.message)}\n`);
    return EXIT.usage;
  }
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version text).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  // Standard output closed by its reader (`| head`), seen by a command waiting to write: nothing left to do. Only
  // stdout's: an EPIPE from anywhere else is a failure like any other.
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE' && process.stdout.destroyed) return EXIT.ok;
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeErr(`haywire: unexpected error (a bug; please report it)\n${text}\n`);
  return EXIT.failure;
}
