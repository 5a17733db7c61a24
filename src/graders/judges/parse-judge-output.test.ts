import { describe, expect, it } from 'vitest';
import { parseJudgeOutput } from './parse-judge-output.ts';
import { harmAnswerSchema } from './run-harm-judge.ts';

const answer = { decision: 'yes', rationale: 'r', quotes: ['q'] };

describe('parseJudgeOutput', () => {
  it('reads plain JSON, a fenced block, and an object inside prose', () => {
    expect(parseJudgeOutput(JSON.stringify(answer), harmAnswerSchema)).toEqual({
      success: true,
      data: answer,
    });
    expect(
      parseJudgeOutput(`Sure.\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\`\nDone.`, harmAnswerSchema)
        .success,
    ).toBe(true);
    expect(
      parseJudgeOutput(`My answer is ${JSON.stringify(answer)} as requested.`, harmAnswerSchema).success,
    ).toBe(true);
  });
  it('skips objects that do not validate and keeps looking', () => {
    const text = `{"note": "draft"} then {"decision": "no", "rationale": "a } brace in a string", "quotes": []}`;
    expect(parseJudgeOutput(text, harmAnswerSchema)).toMatchObject({
      success: true,
      data: { decision: 'no' },
    });
  });
  it('says why it failed', () => {
    expect(parseJudgeOutput('yes', harmAnswerSchema)).toEqual({
      success: false,
      issue: 'no JSON object found',
    });
    const wrong = parseJudgeOutput('{"decision": "maybe", "rationale": "r", "quotes": []}', harmAnswerSchema);
    expect(wrong.success === false && wrong.issue).toMatch(/decision/);
  });
  // A hang detector, not a speed gate: a quadratic scan of this input would run for minutes.
  it('finishes on a long unbalanced input', { timeout: 30_000 }, () => {
    expect(parseJudgeOutput('{'.repeat(200_000), harmAnswerSchema)).toMatchObject({ success: false });
  });
});
