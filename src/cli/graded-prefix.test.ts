import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradeCaseSummary } from '../graders/index.ts';
import { gradedPrefix } from './graded-prefix.ts';

const cases: GradeCaseSummary[] = ['a', 'b', 'c'].map((id) => ({ id, harm: 'blackmail', chars: 10 }));
const judged = (id: string, models: string[]) =>
  `${JSON.stringify({
    id,
    harmful: false,
    verdict: { judge: { status: 'run', judges: models.map((model) => ({ grader: { args: { model } } })) } },
  })}\n`;

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'haywire-prefix-')), 'out.jsonl');
  writeFileSync(path, text);
  return path;
}

describe('gradedPrefix', () => {
  it('counts the whole lines that are the next cases’ results; a line cut short is not counted', () => {
    const whole = judged('a', ['openai/gpt-4.1']) + judged('b', ['openai/gpt-4.1']);
    const path = file(`${whole}{"id":"c","harm`);
    expect(gradedPrefix(path, cases, ['openai/gpt-4.1'])).toEqual({
      count: 2,
      bytes: Buffer.byteLength(whole),
    });
  });

  it('is empty when there is no file yet', () => {
    expect(gradedPrefix('/nonexistent/out.jsonl', cases, [])).toEqual({ count: 0, bytes: 0 });
  });

  it('refuses another input’s results, too many results, and other judges', () => {
    expect(() => gradedPrefix(file(judged('b', [])), cases, [])).toThrow(
      /line 1 is not the result of case "a": it was not written by grading this input/,
    );
    const four = ['a', 'b', 'c', 'd'].map((id) => judged(id, [])).join('');
    expect(() => gradedPrefix(file(four), cases, [])).toThrow(
      /line 4: more results than the input has cases/,
    );
    expect(() => gradedPrefix(file(judged('a', ['openai/gpt-4.1'])), cases, ['anthropic/claude'])).toThrow(
      /line 1 was graded by judges openai\/gpt-4\.1; pass the same --judge \(now: anthropic\/claude\)/,
    );
    expect(() => gradedPrefix(file('{"id":"a","harmful":false}\n'), cases, ['openai/gpt-4.1'])).toThrow(
      /graded by judges none/,
    );
    expect(() => gradedPrefix(file('not json\n'), cases, [])).toThrow(/line 1 is not the result of case "a"/);
  });
});
