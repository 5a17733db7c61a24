/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with
 * a single quote first (OWASP's CSV-injection advice), so model output cannot become a formula.
 * Numbers and booleans are written as they are.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** A CSV record: fields joined by commas, ended with CRLF as RFC 4180 asks. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
