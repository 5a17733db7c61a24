// The warning Node prints once, on first load, while node:sqlite is marked experimental (Node 22, 23, early 24).
const SQLITE_WARNING = 'SQLite is an experimental feature';

let installed = false;

/**
 * Hides Node's one-time "SQLite is an experimental feature" ExperimentalWarning and no other warning.
 * Call it at CLI start-up, before the first `openStore`; Node 24.21 no longer emits the warning.
 * Libraries should not call it: a process's warning policy belongs to its entry point.
 */
export function silenceSqliteWarning(): void {
  if (installed) return;
  installed = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    const name = typeof warning === 'string' ? type : warning.name;
    const message = typeof warning === 'string' ? warning : warning.message;
    if (name === 'ExperimentalWarning' && message.startsWith(SQLITE_WARNING)) return;
    return Reflect.apply(emitWarning, this, [warning, ...rest]);
  } as typeof process.emitWarning;
}
