import { type JudgeRun, quoteOccurrences, type Verdict } from '../index.ts';
import type { Span } from './highlight.ts';

/** The model a judge ran on, as its grader spec records it. */
export function judgeModel(run: JudgeRun): string {
  const { model } = run.grader.args;
  return typeof model === 'string' ? model : run.grader.id;
}

/**
 * Spans marking, in one text, every quote a verdict's judges (its reasoning judge too) cited that verification found in the transcript,
 * wherever it occurs up to whitespace and quote marks (the rule that verified it). Unverified quotes are not
 * marked: they are listed, flagged, with the judge's answer.
 */
export function judgeQuoteSpans(text: string, verdicts: readonly Verdict[]): Span[] {
  const spans: Span[] = [];
  for (const verdict of verdicts) {
    const runs = [
      ...(verdict.judge.status === 'run' ? verdict.judge.judges.map((run) => ({ run, of: 'judge' })) : []),
      ...(verdict.reasoning?.judge === undefined
        ? []
        : [{ run: verdict.reasoning.judge, of: 'reasoning judge' }]),
    ];
    for (const { run, of } of runs) {
      const label = `${verdict.harm} ${of} quote: ${judgeModel(run)}`;
      for (const quote of run.quotes) {
        if (!quote.verified) continue;
        for (const { start, end } of quoteOccurrences(text, quote.text))
          spans.push({ start, end, kind: 'judge-quote', label });
      }
    }
  }
  return spans;
}
