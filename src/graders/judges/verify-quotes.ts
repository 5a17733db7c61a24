import type { JudgeQuote } from '../../spec/verdict.ts';

/** Straight quotes, one space for any run of whitespace, no leading/trailing space: what "verbatim" compares. */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
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
