import { escapeHtml, SafeHtml } from './html.ts';

/** A range of a text to mark: [start, end) in UTF-16 code units, as actions' `source` gives them. */
export interface Span {
  readonly start: number;
  readonly end: number;
  /** A CSS class of ours: action, reasoning, evidence, judge-quote. */
  readonly kind: string;
  readonly label?: string;
}

/**
 * Renders text with spans marked, building the HTML from escaped segments only: the text is cut at every
 * span boundary, each piece is escaped, and a piece inside spans is wrapped in one `<mark>` naming them all.
 * Overlapping and nested spans are fine; spans outside the text are clipped.
 */
export function highlight(text: string, spans: readonly Span[]): SafeHtml {
  const valid = spans
    .map((s) => ({ ...s, start: clamp(s.start, text.length), end: clamp(s.end, text.length) }))
    .filter((s) => s.end > s.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  let out = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const piece = escapeHtml(text.slice(from, to));
    const covering = valid.filter((s) => s.start <= from && s.end >= to);
    if (covering.length === 0) {
      out += piece;
      continue;
    }
    const kinds = [...new Set(covering.map((s) => s.kind))].map((k) => `hl-${k}`);
    const labels = [...new Set(covering.flatMap((s) => (s.label === undefined ? [] : [s.label])))];
    const title = labels.length === 0 ? '' : ` title="${escapeHtml(labels.join(' · '))}"`;
    out += `<mark class="${escapeHtml(kinds.join(' '))}"${title}>${piece}</mark>`;
  }
  return new SafeHtml(out);
}

/** Every occurrence of `needle` in `text` as a span (none for an empty needle). */
export function findAll(text: string, needle: string, kind: string, label?: string): Span[] {
  const spans: Span[] = [];
  if (needle === '') return spans;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    spans.push(
      label === undefined
        ? { start: at, end: at + needle.length, kind }
        : { start: at, end: at + needle.length, kind, label },
    );
  }
  return spans;
}

function clamp(n: number, length: number): number {
  return Math.min(length, Math.max(0, Math.trunc(n)));
}
