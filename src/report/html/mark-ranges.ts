import { escapeHtml } from './escape-html.ts';

/** A span of raw text to mark, by character offsets (UTF-16 code units, as actions' `source` gives them). */
export interface MarkRange {
  readonly start: number;
  readonly end: number;
  /** The CSS class of its `<mark>`: the report's `action` and `evidence`, the viewer's `hl-…`. */
  readonly className: string;
  /** The mark's title; the labels of overlapping ranges are joined. */
  readonly label?: string;
}

/**
 * Escapes `text` and wraps the given ranges in `<mark>`: offsets index the raw text, so marking happens
 * before escaping and no model text can reach the markup. The text is cut at every range boundary and each
 * piece inside ranges gets one `<mark>` naming all their classes (sorted) and labels. Ranges are clipped to
 * the text; empty ones are ignored. The one highlighter of the report and the viewer.
 * @example
 * markRanges('a <b> c', [{ start: 2, end: 5, className: 'evidence' }]) // 'a <mark class="evidence">&lt;b&gt;</mark> c'
 */
export function markRanges(text: string, ranges: readonly MarkRange[]): string {
  const valid = ranges
    .map((r) => ({ ...r, start: clamp(r.start, text.length), end: clamp(r.end, text.length) }))
    .filter((r) => r.end > r.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((r) => [r.start, r.end])])].sort(
    (a, b) => a - b,
  );
  let out = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const piece = escapeHtml(text.slice(start, end));
    const covering = valid.filter((r) => r.start <= start && r.end >= end);
    if (covering.length === 0) {
      out += piece;
      continue;
    }
    const classes = [...new Set(covering.map((r) => r.className))].sort();
    const labels = [...new Set(covering.flatMap((r) => (r.label === undefined ? [] : [r.label])))];
    const title = labels.length === 0 ? '' : ` title="${escapeHtml(labels.join(' · '))}"`;
    out += `<mark class="${escapeHtml(classes.join(' '))}"${title}>${piece}</mark>`;
  }
  return out;
}

function clamp(n: number, length: number): number {
  return Math.min(length, Math.max(0, Math.trunc(n)));
}

/** The first occurrence of `quote` in `text` between `from` and `to`, as an evidence range. */
export function findQuote(text: string, quote: string, from = 0, to = text.length): MarkRange | undefined {
  if (quote === '') return undefined;
  const at = text.indexOf(quote, from);
  if (at === -1 || at + quote.length > to) return undefined;
  return { start: at, end: at + quote.length, className: 'evidence' };
}
