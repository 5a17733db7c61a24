/** A tool result as text the guard can read: strings as they are, anything else as JSON. */
export function toObservedText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
