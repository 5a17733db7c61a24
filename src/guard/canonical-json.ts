import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level and no whitespace: one text for one value. */
export function canonicalJson(value: unknown): string {
  // Plain data whose keys are already in order needs no rebuilding: the native serializer writes the same text.
  if (isOrderedPlainData(value)) return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * True when `JSON.stringify` already writes the canonical text: only strings, numbers, booleans, null,
 * arrays and plain objects whose keys are in sorted order and whose values are never undefined.
 */
function isOrderedPlainData(value: unknown): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== undefined && !isOrderedPlainData(item)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  let previous: string | undefined;
  for (const key of Object.keys(value as object)) {
    if (previous !== undefined && !(previous < key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || !isOrderedPlainData(item)) return false;
    previous = key;
  }
  return true;
}

/** The hex sha256 of a string. */
export function sha256(text: string): string {
  return hash('sha256', text);
}

/**
 * A copy of a plain object with its own keys in sorted order, so that `canonicalJson` of it (and of any
 * object whose nested values are already ordered) takes the fast path.
 */
export function withSortedKeys<T extends object>(value: T): T {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted as T;
}
