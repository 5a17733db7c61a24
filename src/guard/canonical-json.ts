import { hash } from 'node:crypto';

/**
 * Values nested deeper than this are written by `writeCanonical`'s own loop, never by the native serializer, which
 * recurses and runs out of stack near 5,000 levels (`JSON.parse` reads any depth, so a request body can hold them).
 */
const NATIVE_DEPTH = 256;

/** JSON with object keys sorted at every level and no whitespace: one text for one value, at any depth. */
export function canonicalJson(value: unknown): string {
  // Plain data whose keys are already in order needs no rebuilding: the native serializer writes the same text.
  if (isOrderedPlainData(value, 0)) return JSON.stringify(value);
  return writeCanonical(value);
}

/** An array or object being written: its members, their keys for an object, and the next one to write. */
interface Open {
  readonly members: readonly unknown[];
  readonly keys: readonly string[] | undefined;
  next: number;
}

/**
 * The canonical text, written with a stack of its own rather than by recursion. An undefined array item (or a
 * hole) is `null`, as `JSON.stringify` writes it; an undefined member of an object is dropped; anything else JSON
 * cannot write (a function, a symbol) is `null`.
 */
function writeCanonical(root: unknown): string {
  const parts: string[] = [];
  const open: Open[] = [];
  let value: unknown = root;
  let hasValue = true;
  for (;;) {
    if (hasValue) {
      if (value === null || typeof value !== 'object') parts.push(JSON.stringify(value) ?? 'null');
      else if (Array.isArray(value)) {
        parts.push('[');
        open.push({ members: value, keys: undefined, next: 0 });
      } else {
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        parts.push('{');
        open.push({ members: entries.map(([, v]) => v), keys: entries.map(([k]) => k), next: 0 });
      }
    }
    const top = open.at(-1);
    if (top === undefined) return parts.join('');
    if (top.next === top.members.length) {
      parts.push(top.keys === undefined ? ']' : '}');
      open.pop();
      hasValue = false;
      continue;
    }
    const index = top.next++;
    if (index > 0) parts.push(',');
    if (top.keys !== undefined) {
      parts.push(`${JSON.stringify(top.keys[index])}:`);
      value = top.members[index];
    } else value = top.members[index] ?? null;
    hasValue = true;
  }
}

/**
 * True when `JSON.stringify` already writes the canonical text: only strings, numbers, booleans, null,
 * arrays and plain objects whose keys are in sorted order and whose values are never undefined, no deeper than
 * `NATIVE_DEPTH`.
 */
function isOrderedPlainData(value: unknown, depth: number): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object' || depth === NATIVE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== undefined && !isOrderedPlainData(item, depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  let previous: string | undefined;
  for (const key of Object.keys(value as object)) {
    if (previous !== undefined && !(previous < key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || !isOrderedPlainData(item, depth + 1)) return false;
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
