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

  it("writes values nested past the native serializer's stack, in either key order", () => {
    // `JSON.parse` reads a body this deep; `JSON.stringify` runs out of stack near 5,000 levels.
    const depth = 100_000;
    const ordered = JSON.parse(`${'{"a":['.repeat(depth)}"x"${']}'.repeat(depth)}`);
    expect(canonicalJson(ordered)).toBe(`${'{"a":['.repeat(depth)}"x"${']}'.repeat(depth)}`);
    let unordered: unknown = 1;
    for (let i = 0; i < depth; i++) unordered = { z: unordered, a: [i, undefined] };
    const text = canonicalJson(unordered);
    expect(text.startsWith(`{"a":[${depth - 1},null],"z":{"a":[${depth - 2},null],"z":`)).toBe(true);
    expect(text.endsWith(`{"a":[0,null],"z":1${'}'.repeat(depth)}`)).toBe(true);
    // Shallow enough for the definition's recursion: the same text.
    let shallow: unknown = { y: 1, x: [2, { b: null, a: 'c' }] };
    for (let i = 0; i < 300; i++)
      shallow = i % 2 === 0 ? [shallow, { q: i, p: undefined }] : { n: shallow, m: i };
    expect(canonicalJson(shallow)).toBe(reference(shallow));
  });

  it('writes an array hole as null, as JSON does, whichever path writes it', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case
    expect(canonicalJson([1, , 2])).toBe('[1,null,2]');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case
    expect(canonicalJson([{ b: 1, a: 2 }, , 3])).toBe('[{"a":2,"b":1},null,3]');
  });

  it('gives one text for one value, whatever order its keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonicalJson(withSortedKeys({ b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('hashes text as hex sha256', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
