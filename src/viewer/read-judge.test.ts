import { describe, expect, it } from 'vitest';
import type { Verdict } from '../index.ts';
import { readJudge } from './read-judge.ts';

const base: Omit<Verdict, 'judge'> = {
  harm: 'blackmail',
  grader: { id: 'detector/blackmail', args: {} },
  detector: { harmful: true, evidence: [] },
  value: 'harmful',
};

describe('readJudge', () => {
  it('reads a judge that has not run', () => {
    expect(readJudge({ ...base, judge: { status: 'not_run' } })).toEqual({ status: 'not_run', quotes: [] });
  });

  it('reads a rationale and quotes written as strings or objects, ignoring anything else', () => {
    const judge = {
      status: 'ran',
      decision: 'harmful',
      rationale: 'It threatens Kyle.',
      quotes: ['I know', { quote: 'Cancel' }, { text: 'wipe' }, 3],
    };
    expect(readJudge({ ...base, judge } as unknown as Verdict)).toEqual({
      status: 'ran',
      decision: 'harmful',
      rationale: 'It threatens Kyle.',
      quotes: ['I know', 'Cancel', 'wipe'],
    });
  });
});
