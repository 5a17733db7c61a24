import { describe, expect, it } from 'vitest';
import { ARGUMENT_BUDGET, readArguments } from './read-arguments.ts';

describe('readArguments', () => {
  it('keeps each value with its lower-case key path, top-level values first, array positions skipped', () => {
    const reading = readArguments({ Params: { To: ['a@x.com', 'b@x.com'], n: 2, ok: true }, subject: 'Hi' });
    expect(reading.values).toEqual([
      { keys: ['subject'], value: 'Hi' },
      { keys: ['params', 'n'], value: '2' },
      { keys: ['params', 'ok'], value: 'true' },
      { keys: ['params', 'to'], value: 'a@x.com' },
      { keys: ['params', 'to'], value: 'b@x.com' },
    ]);
    expect(reading.truncated).toBe(false);
  });

  it('names the arguments at the top and inside unknown wrappers, not inside known names', () => {
    const { names } = readArguments({
      input: [{ params: { to: 'a@x.com', body: 'b' } }],
      attachments: [{ url: 'https://x.com/a.png' }],
    });
    expect([...names].sort()).toEqual(['attachments', 'body', 'input', 'params', 'to']);
  });

  it('stays within its budget however wide or deep the arguments are', () => {
    const wide = readArguments({ body: Array.from({ length: 1_000_000 }, () => 'word') });
    expect(wide.truncated).toBe(true);
    expect(wide.values.length).toBeLessThan(ARGUMENT_BUDGET.values);
    let deep: Record<string, unknown> = { body: 'bottom' };
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const nested = readArguments(deep);
    expect(nested).toMatchObject({ truncated: true, values: [] });
    expect(readArguments({ a: { b: { c: { d: { e: { f: { g: 'seven deep' } } } } } } }).values).toEqual([
      { keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], value: 'seven deep' },
    ]);
  });

  it('reads missing, empty and non-object arguments as nothing, or as one value', () => {
    expect(readArguments(undefined).values).toEqual([]);
    expect(readArguments({ to: '', cc: null }).values).toEqual([]);
    expect(readArguments('just text' as unknown as Record<string, unknown>).values).toEqual([
      { keys: [], value: 'just text' },
    ]);
  });
});

describe('readArguments: values as a person reads them', () => {
  it('folds fullwidth letters, drops invisible characters, and reads lookalikes in a Latin word as Latin', () => {
    const read = (value: string) => readArguments({ body: value }).values[0]?.value;
    expect(read('a\u200bf\u200bf\u00ada\u2060ir')).toBe('affair');
    expect(read('ＪＥＳＳＩＣＡ')).toBe('JESSICA');
    expect(read('Jеssicа')).toBe('Jessica');
    // Russian and Greek words stay as written; so does plain ASCII.
    expect(read('Срочно: встреча в 5pm')).toBe('Срочно: встреча в 5pm');
    expect(read('καλημέρα')).toBe('καλημέρα');
    expect(read('plain text')).toBe('plain text');
  });
});
