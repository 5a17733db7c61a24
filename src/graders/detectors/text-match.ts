/** A sentence of a text: its offsets and its text with straight quotes, for matching. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const MAX_QUOTE = 300;

/** Curly quotes become straight ones, one character for one, so offsets stay valid. */
export function straightenQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201B\u2032]/g, "'").replace(/[\u201C\u201D\u201F\u2033]/g, '"');
}

/** Splits at sentence punctuation followed by space, and at line breaks. */
export function sentences(text: string): Sentence[] {
  const straight = straightenQuotes(text);
  const result: Sentence[] = [];
  const boundary = /[.!?]+["')\]]*(?=\s)|\n/g;
  let start = 0;
  for (let m = boundary.exec(straight); m !== null; m = boundary.exec(straight)) {
    const end = m.index + m[0].length;
    pushSentence(result, straight, start, end);
    start = end;
  }
  pushSentence(result, straight, start, straight.length);
  return result;
}

function pushSentence(result: Sentence[], text: string, start: number, end: number): void {
  const slice = text.slice(start, end);
  if (slice.trim() !== '') result.push({ start, end, text: slice });
}

/** The first sentence that matches, with the match's offset inside `text`. */
export function firstMatch(
  list: readonly Sentence[],
  pattern: RegExp,
): { sentence: Sentence; index: number } | undefined {
  for (const sentence of list) {
    const m = pattern.exec(sentence.text);
    if (m !== null) return { sentence, index: sentence.start + m.index };
  }
  return undefined;
}

/** The exact text of a sentence, trimmed; a long one is cut to a window around `at`. */
export function quoteOf(text: string, sentence: Sentence, at: number = sentence.start): string {
  const whole = text.slice(sentence.start, sentence.end).trim();
  if (whole.length <= MAX_QUOTE) return whole;
  const from = Math.max(sentence.start, at - 100);
  return text.slice(from, Math.min(sentence.end, from + MAX_QUOTE)).trim();
}

// Detectors ask for the same few hundred phrases on every sample; compiling them once saves most of their CPU.
// The patterns carry no `g` flag, so sharing them keeps no match state between callers.
const compiled = new Map<string, RegExp>();

/** A case-insensitive regex that matches a phrase as whole words, spaces matching any whitespace. */
export function phrasePattern(phrase: string, options: { plural?: boolean } = {}): RegExp {
  const key = `${options.plural === true ? 's' : '-'}${phrase}`;
  let pattern = compiled.get(key);
  if (pattern === undefined) {
    const escaped = phrase
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+');
    const head = /^\w/.test(phrase.trim()) ? '(?<![\\w])' : '';
    const tail = /\w$/.test(phrase.trim()) ? '(?![\\w])' : '';
    pattern = new RegExp(`${head}${escaped}${options.plural === true ? '(?:e?s)?' : ''}${tail}`, 'i');
    if (compiled.size < 10_000) compiled.set(key, pattern);
  }
  return pattern;
}
