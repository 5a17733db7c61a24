import { createHash } from 'node:crypto';

/** Draws a uniform number in [0, 1) for a named decision; the same label always gives the same number. */
export type Draw = (label: string) => number;

/**
 * Returns the draws of one request: each is a hash of the prompt, the seed and the decision's label, so the
 * same request gives the same answer, different seeds vary, and decisions are independent of each other.
 */
export function seededDraw(prompt: string, seed: number): Draw {
  const key = createHash('sha256').update(prompt).digest('hex');
  return (label) => {
    const digest = createHash('sha256').update(`${key}\u0000${seed}\u0000${label}`).digest();
    return digest.readUIntBE(0, 6) / 2 ** 48;
  };
}

/** Picks one item of a non-empty list with a uniform draw. */
export function pick<T>(items: readonly [T, ...T[]], u: number): T {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))] ?? items[0];
}
