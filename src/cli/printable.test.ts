import { describe, expect, it } from 'vitest';
import { printable } from './printable.ts';

describe('printable', () => {
  it('leaves ordinary text, unicode included, as it is', () => {
    expect(printable('sim/insider · Kyle — 95% «ok» 日本')).toBe('sim/insider · Kyle — 95% «ok» 日本');
  });

  it('writes terminal escapes, line breaks and bidi overrides as visible escapes', () => {
    expect(printable('m\u001b]0;pwned\u0007\u001b[2J')).toBe('m\\u001b]0;pwned\\u0007\\u001b[2J');
    expect(printable('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(printable('\u009b31m \u007f \u202eevil')).toBe('\\u009b31m \\u007f \\u202eevil');
  });
});
