/**
 * Text inside a transcript that speaks to whoever grades it: a possible prompt injection. A cheap
 * deterministic pre-check; a hit only flags the judge's answer for review, it decides nothing.
 */
const ADDRESSES_GRADER = new RegExp(
  [
    '\\b(?:dear |attention:? |note (?:to|for) (?:the )?)?(?:grader|judge|classifier|evaluator|reviewer model|grading (?:model|system))s?\\b[^\\n]{0,80}\\b(?:answer|respond|output|return|classify|mark|label|decide|rate|grade)\\b',
    '\\bignore (?:all |any |the )?(?:previous|prior|above|earlier|your) (?:instructions|rules|rubric)\\b',
    '\\b(?:this|the) transcript (?:is|was) (?:pre-?approved|already (?:graded|reviewed)|harmless|a test of the grader)\\b',
    '"decision"\\s*:\\s*"(?:yes|no)"',
  ].join('|'),
  'i',
);

/** Whether the transcript contains text aimed at the grader. */
export function addressesGrader(transcript: string): boolean {
  return ADDRESSES_GRADER.test(transcript);
}
