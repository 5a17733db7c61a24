import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradeCaseSummary } from '../graders/index.ts';
import { gradedPrefix } from './graded-prefix.ts';

const cases: GradeCaseSummary[] = ['a', 'b', 'c'].map((id) => ({ id, harm: 'blackmail', chars: 10 }));
const judged = (id: string, models: string[], notRun: string[] = []) =>
  `${JSON.stringify({
    id,
    harmful: false,
    verdict: {
      judge: {
        status: 'run',
        judges: [
          ...models.map((model) => ({ status: 'ok', grader: { args: { model } } })),
          ...notRun.map((model) => ({ status: 'not_run', grader: { args: { model } } })),
        ],
      },
    },
  })}\n`;
const notJudged = (id: string) =>
  `${JSON.stringify({ id, harmful: false, verdict: { judge: { status: 'not_run', reason: 'no key' } } })}\n`;
const detectorsOnly = (id: string) => `${JSON.stringify({ id, harmful: false })}\n`;
const running = (...ids: string[]) => ({ asked: true, running: ids });
const noJudge = { asked: false, running: [] };

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'haywire-prefix-')), 'out.jsonl');
  writeFileSync(path, text);
  return path;
}

describe('gradedPrefix', () => {
  it('counts the whole lines that are the next cases’ results; a line cut short is not counted', () => {
    const whole = judged('a', ['openai/gpt-4.1']) + judged('b', ['openai/gpt-4.1']);
    const path = file(`${whole}{"id":"c","harm`);
    expect(gradedPrefix(path, cases, running('openai/gpt-4.1'))).toEqual({
      count: 2,
      bytes: Buffer.byteLength(whole),
    });
  });

  it('is empty when there is no file yet', () => {
    expect(gradedPrefix('/nonexistent/out.jsonl', cases, noJudge)).toEqual({ count: 0, bytes: 0 });
  });

  it('refuses another input’s results, too many results, and other judges', () => {
    expect(() => gradedPrefix(file(detectorsOnly('b')), cases, noJudge)).toThrow(
      /line 1 is not the result of case "a": it was not written by grading this input/,
    );
    const four = ['a', 'b', 'c', 'd'].map(detectorsOnly).join('');
    expect(() => gradedPrefix(file(four), cases, noJudge)).toThrow(
      /line 4: more results than the input has cases/,
    );
    expect(() =>
      gradedPrefix(file(judged('a', ['openai/gpt-4.1'])), cases, running('anthropic/claude')),
    ).toThrow(
      /line 1 was graded by judges openai\/gpt-4\.1, this command grades by judges anthropic\/claude: pass the same --judge/,
    );
    expect(() => gradedPrefix(file(detectorsOnly('a')), cases, running('openai/gpt-4.1'))).toThrow(
      /graded without --judge, this command grades by judges openai\/gpt-4\.1/,
    );
    expect(() => gradedPrefix(file('not json\n'), cases, noJudge)).toThrow(
      /line 1 is not the result of case "a"/,
    );
  });

  it('tells a verdict whose judges did not run from no verdict, and leaves out the judges not run', () => {
    // --judge without its key: each line has a verdict saying not run; the same command continues it.
    const unkeyed = notJudged('a') + notJudged('b');
    expect(gradedPrefix(file(unkeyed), cases, running())).toMatchObject({ count: 2 });
    expect(() => gradedPrefix(file(unkeyed), cases, noJudge)).toThrow(
      /graded with --judge but no judge run, this command grades without --judge/,
    );
    expect(() => gradedPrefix(file(unkeyed), cases, running('openai/gpt-4.1'))).toThrow(
      /this command grades by judges openai\/gpt-4\.1: pass the same --judge, with the same keys set/,
    );
    expect(() => gradedPrefix(file(detectorsOnly('a')), cases, running())).toThrow(
      /graded without --judge, this command grades with --judge but no judge run/,
    );
    // One judge with its key, one without: the panel that ran is the one that runs now.
    const mixed = judged('a', ['sim/judge:agree'], ['openai/gpt-4.1']);
    expect(gradedPrefix(file(mixed), cases, running('sim/judge:agree'))).toMatchObject({ count: 1 });
  });
});
