import { printable } from './printable.ts';

/**
 * A plain text table with right-aligned numeric columns; cells are already strings. Cells can hold names from
 * outside (an imported folder's model name), so control characters are shown escaped.
 */
export function formatTable(
  header: readonly string[],
  cells: readonly (readonly string[])[],
  numeric: ReadonlySet<number>,
): string {
  const rows = cells.map((row) => row.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `0.62` → `62.0%`; null → `–`. */
export function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}
