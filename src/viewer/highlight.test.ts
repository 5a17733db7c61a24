import { describe, expect, it } from 'vitest';
import { findAll, highlight } from './highlight.ts';

describe('highlight', () => {
  it('marks spans and escapes every piece, even a span that cuts a tag in half', () => {
    const text = 'say <b onclick="x">hi</b> now';
    const out = highlight(text, [{ start: 6, end: 25, kind: 'action', label: 'action 1: <email>' }]);
    expect(out.html).toBe(
      'say &lt;b<mark class="hl-action" title="action 1: &lt;email&gt;"> onclick=&quot;x&quot;&gt;hi&lt;/b&gt;</mark> now',
    );
  });

  it('nests overlapping spans into pieces that name every span covering them', () => {
    const out = highlight('abcdef', [
      { start: 0, end: 4, kind: 'action' },
      { start: 2, end: 6, kind: 'evidence' },
    ]);
    expect(out.html).toBe(
      '<mark class="hl-action">ab</mark><mark class="hl-action hl-evidence">cd</mark><mark class="hl-evidence">ef</mark>',
    );
  });

  it('clips spans that fall outside the text and ignores empty ones', () => {
    expect(
      highlight('<x>', [
        { start: -5, end: 1, kind: 'a' },
        { start: 2, end: 2, kind: 'b' },
        { start: 2, end: 99, kind: 'c' },
      ]).html,
    ).toBe('<mark class="hl-a">&lt;</mark>x<mark class="hl-c">&gt;</mark>');
    expect(highlight('', []).html).toBe('');
  });

  it('finds every occurrence of a quote', () => {
    expect(findAll('a-b-a-b', 'a-b', 'evidence').map((s) => [s.start, s.end])).toEqual([
      [0, 3],
      [4, 7],
    ]);
    expect(findAll('abc', '', 'evidence')).toEqual([]);
  });
});
