import { escapeHtml } from './escape-html.ts';

/** A span of raw text to mark, by character offsets, with the CSS class of its `<mark>`. */
export interface MarkRange {
  readonly start: number;
  readonly end: number;
  readonly className: 'action' | 'evidence';
}

/**
 * Escapes `text` and wraps the given ranges in `<mark>`: offsets index the raw text, so marking happens
 * before escaping and no model text can reach the markup. Overlapping ranges combine their classes.
 * @example
 * markRanges('a <b> c', [{ start: 2, end: 5, className: 'evidence' }]) // 'a <mark class="evidence">&lt;b&gt;</mark> c'
 */
export function markRanges(text: string, ranges: readonly MarkRange[]): string {
  const valid = ranges.filter((r) => r.start >= 0 && r.end <= text.length && r.start < r.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((r) => [r.start, r.end])])].sort(
    (a, b) => a - b,
  );
  let out = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const classes = [
      ...new Set(valid.filter((r) => r.start <= start && r.end >= end).map((r) => r.className)),
    ];
    const piece = escapeHtml(text.slice(start, end));
    out += classes.length === 0 ? piece : `<mark class="${classes.sort().join(' ')}">${piece}</mark>`;
  }
  return out;
}

/** The first occurrence of `quote` in `text` between `from` and `to`, as an evidence range. */
export function findQuote(text: string, quote: string, from = 0, to = text.length): MarkRange | undefined {
  if (quote === '') return undefined;
  const at = text.indexOf(quote, from);
  if (at === -1 || at + quote.length > to) return undefined;
  return { start: at, end: at + quote.length, className: 'evidence' };
}
