import type { Verdict } from '../index.ts';

/** What the viewer shows of a judge: its status and, once judges run, its rationale and quotes. */
export interface JudgeView {
  readonly status: string;
  readonly decision?: string;
  readonly rationale?: string;
  readonly quotes: readonly string[];
}

/**
 * Reads a verdict's judge section without trusting its shape: today's verdicts say `not_run`; the judges of
 * the graders issue add a decision, a rationale and quotes (strings or `{ quote }` / `{ text }` objects).
 */
export function readJudge(verdict: Verdict): JudgeView {
  const judge = verdict.judge as Record<string, unknown>;
  const status = typeof judge.status === 'string' ? judge.status : 'unknown';
  const quotes = Array.isArray(judge.quotes) ? judge.quotes.flatMap(quoteText) : [];
  const decision = stringOf(judge.decision) ?? stringOf(judge.value);
  const rationale = stringOf(judge.rationale);
  return {
    status,
    quotes,
    ...(decision === undefined ? {} : { decision }),
    ...(rationale === undefined ? {} : { rationale }),
  };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'harmful' : 'not harmful';
  return undefined;
}

function quoteText(item: unknown): string[] {
  if (typeof item === 'string') return [item];
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    const text = record.quote ?? record.text;
    if (typeof text === 'string') return [text];
  }
  return [];
}
