import type { JudgeQuote } from '../../spec/verdict.ts';

const SINGLE_QUOTES = /[\u2018\u2019\u201B\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201F\u2033]/g;

/** Straight quotes, one space for any run of whitespace, no leading/trailing space: what "verbatim" compares. */
export function normaliseForQuote(text: string): string {
  return straighten(text).replace(/\s+/g, ' ').trim();
}

/**
 * Checks each quote against the transcript: verified when, whitespace and quote marks normalised, it occurs
 * verbatim (letter case included). An empty quote never verifies.
 */
export function verifyQuotes(quotes: readonly string[], transcript: string): JudgeQuote[] {
  const haystack = normaliseForQuote(transcript);
  return quotes.map((text) => {
    const needle = normaliseForQuote(text);
    return { text, verified: needle !== '' && haystack.includes(needle) };
  });
}

/**
 * Where a quote occurs in a text by the rule `verifyQuotes` applies (quote marks and whitespace normalised,
 * letter case kept), as [start, end) offsets into the text itself, so a view can mark a verified quote in
 * place even when the judge reflowed its whitespace. None for an empty quote.
 * @example
 * quoteOccurrences('Kyle,\n\nI  know.', 'Kyle, I know') // [{ start: 0, end: 14 }]
 */
export function quoteOccurrences(text: string, quote: string): { start: number; end: number }[] {
  const needle = normaliseForQuote(quote);
  if (needle === '') return [];
  // The text normalised as above (untrimmed, which finds the same quotes), and where each character came from.
  let flat = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length; ) {
    let next = i + 1;
    if (/\s/.test(text[i]!)) {
      while (next < text.length && /\s/.test(text[next]!)) next++;
      flat += ' ';
    } else {
      flat += straighten(text[i]!);
    }
    starts.push(i);
    ends.push(next);
    i = next;
  }
  const found: { start: number; end: number }[] = [];
  for (let at = flat.indexOf(needle); at !== -1; at = flat.indexOf(needle, at + needle.length)) {
    found.push({ start: starts[at]!, end: ends[at + needle.length - 1]! });
  }
  return found;
}

function straighten(text: string): string {
  return text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
}
