import { describe, expect, it } from 'vitest';
import { findQuote, markRanges } from './mark-ranges.ts';

describe('markRanges', () => {
  it('marks by raw offsets, escapes inside and outside marks, and combines nested classes', () => {
    const text = 'a <b> c <i>';
    const out = markRanges(text, [
      { start: 2, end: 11, className: 'action' },
      { start: 2, end: 5, className: 'evidence' },
    ]);
    expect(out).toBe(
      'a <mark class="action evidence">&lt;b&gt;</mark><mark class="action"> c &lt;i&gt;</mark>',
    );
  });

  it('clips ranges to the text, ignores empty ones, and titles a mark with its labels', () => {
    expect(
      markRanges('<x>', [
        { start: -5, end: 1, className: 'a' },
        { start: 2, end: 2, className: 'b' },
        { start: 2, end: 99, className: 'c', label: 'past <the> end' },
      ]),
    ).toBe('<mark class="a">&lt;</mark>x<mark class="c" title="past &lt;the&gt; end">&gt;</mark>');
    expect(markRanges('', [])).toBe('');
  });
});

describe('findQuote', () => {
  it('finds a quote only within the given bounds', () => {
    expect(findQuote('say hi, hi', 'hi', 5)).toEqual({ start: 8, end: 10, className: 'evidence' });
    expect(findQuote('say hi', 'hi', 0, 4)).toBeUndefined();
  });
});
