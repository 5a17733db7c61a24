/**
 * A run with samples not yet done says so under its table, and how to go on: its rates are over fewer samples.
 * `show` and `compare` both say it this way.
 * @example pendingLine(24, 40, run.spec) // '24 of 40 samples not done yet (stopped, or still running): …'
 */
export function pendingLine(pending: number, total: number, spec: unknown): string {
  const imported = (spec as { source?: unknown } | null)?.source === 'study-import';
  const rest = imported
    ? 'importing the same folder again grades them'
    : 'the same `haywire run` command runs them';
  return `${pending} of ${total} samples not done yet (stopped, or still running): ${rest}`;
}
