import { describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/config-error.ts';
import { DEFAULT_JUDGE, resolveJudges } from './resolve-judges.ts';
import { studyCondition } from './study-condition.ts';

describe('resolveJudges', () => {
  it('resolves scripted judges and marks a provider without its key as unavailable', () => {
    const [sim, real] = resolveJudges(['sim/judge:agree', 'openai/gpt-4.1'], { env: {} });
    expect(sim?.model?.id).toBe('sim/judge:agree');
    expect(real).toEqual({
      id: 'openai/gpt-4.1',
      unavailable: 'no OPENAI_API_KEY in the environment or .env',
    });
  });
  it('uses the default judge unless the run is offline', () => {
    expect(resolveJudges(undefined, { env: {} })).toEqual([
      { id: DEFAULT_JUDGE, unavailable: 'no ANTHROPIC_API_KEY in the environment or .env' },
    ]);
    expect(resolveJudges(undefined, { offline: true, env: {} })).toEqual([]);
  });
  it('rejects an unknown scripted judge', () => {
    expect(() => resolveJudges(['sim/judge:nope'], { env: {} })).toThrow(ConfigError);
  });
});

describe('studyCondition', () => {
  it('reads study condition ids, murder as lethal', () => {
    expect(studyCondition('murder_none-none_restriction')).toMatchObject({
      scenario: 'lethal',
      goal_type: 'none',
      goal_value: 'none',
      urgency: 'restriction',
      scratchpad: true,
    });
    expect(studyCondition('blackmail_explicit-america_replacement')?.goal_value).toBe('america');
    expect(studyCondition('notes')).toBeUndefined();
    expect(() => studyCondition('blackmail_explicit-mars_replacement')).toThrow(ConfigError);
  });
});
