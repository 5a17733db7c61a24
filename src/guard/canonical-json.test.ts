import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256, withSortedKeys } from './canonical-json.ts';

/** The definition: keys sorted at every level, undefined members dropped, built by hand. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => reference(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes the same text as the definition, whether or not keys come in order', () => {
    const values: unknown[] = [
      null,
      'text with "quotes" and \u2028',
      -0,
      Number.NaN,
      [1, undefined, 'a', null],
      { a: 1, b: [{ c: true, d: null }], e: { f: 'g' } },
      { name: 'send_email', arguments: { to: 'a@b.com', subject: 'Hi', body: 'x' } },
      { b: 1, a: { d: 2, c: 3 } },
      { a: 1, b: undefined, c: [undefined] },
      { 10: 'ten', 2: 'two', a: 'letter' },
      { a: () => 1, b: Symbol('s'), c: new Date(0) },
      Object.assign(Object.create(null), { z: 1, y: 2 }),
      { nested: { deeper: { deepest: [{ y: 1, x: 2 }] } } },
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
  });

  it('gives one text for one value, whatever order its keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonicalJson(withSortedKeys({ b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('hashes text as hex sha256', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
