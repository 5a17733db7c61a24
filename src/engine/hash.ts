import { createHash } from 'node:crypto';

/** Hex sha256 of the canonical JSON of a value (object keys sorted), for stable ids. */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A 32-bit unsigned seed derived from a hex hash. */
export function seedFromHash(hex: string): number {
  return Number.parseInt(hex.slice(0, 8), 16);
}
