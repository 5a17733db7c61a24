import { markRanges, SafeHtml } from './html.ts';

/** A range of a text to mark: [start, end) in UTF-16 code units, as actions' `source` gives them. */
export interface Span {
  readonly start: number;
  readonly end: number;
  /** A CSS class of ours: action, reasoning, evidence, judge-quote. */
  readonly kind: string;
  readonly label?: string;
}

/**
 * Renders text with spans marked (`hl-<kind>` classes), through the report's one highlighter: the text is cut at
 * every span boundary, each piece is escaped, and a piece inside spans is wrapped in one `<mark>` naming them
 * all. Overlapping and nested spans are fine; spans outside the text are clipped.
 */
export function highlight(text: string, spans: readonly Span[]): SafeHtml {
  return new SafeHtml(
    markRanges(
      text,
      spans.map(({ start, end, kind, label }) =>
        label === undefined
          ? { start, end, className: `hl-${kind}` }
          : { start, end, className: `hl-${kind}`, label },
      ),
    ),
  );
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
