import { describe, expect, it } from 'vitest';
import { conditionId, GOAL_VALUES } from '../spec/condition.ts';
import { ConfigError } from '../spec/config-error.ts';
import { allConditions, listConditions } from './list-conditions.ts';

const axes = {
  scenarios: ['blackmail'],
  goal_types: ['explicit', 'none'] as const,
  goal_values: ['america'] as const,
  urgencies: ['replacement', 'none'] as const,
  scratchpad: [true],
  eval_notice: [false],
  mitigations: ['none'],
};

describe('allConditions', () => {
  it('has the 234 conditions of the study, 162 without swap, all distinct', () => {
    const all = allConditions();
    expect(all).toHaveLength(234);
    expect(allConditions({ swap: false })).toHaveLength(162);
    expect(new Set(all.map(conditionId)).size).toBe(234);
    for (const scenario of ['blackmail', 'leaking', 'lethal']) {
      expect(all.filter((c) => c.scenario === scenario)).toHaveLength(78);
    }
    expect(all.filter((c) => c.goal_type === 'swap')).toHaveLength(72);
    expect(all.every((c) => c.scratchpad && !c.eval_notice && c.mitigation === 'none')).toBe(true);
    expect(
      all
        .filter((c) => c.goal_type === 'none' || c.goal_type === 'ambiguous')
        .every((c) => c.goal_value === 'none'),
    ).toBe(true);
  });
});

describe('listConditions', () => {
  it('expands the axes in a stable order', () => {
    expect(listConditions(axes).map(conditionId)).toEqual([
      'blackmail_explicit-america_replacement',
      'blackmail_explicit-america_none',
      'blackmail_none-none_replacement',
      'blackmail_none-none_none',
    ]);
  });

  it('gives none and ambiguous only the value none, and ignores goal values when no goal type takes one', () => {
    const list = listConditions({
      ...axes,
      goal_types: ['none', 'ambiguous'],
      goal_values: [...GOAL_VALUES],
    });
    expect(list.map((c) => c.goal_value)).toEqual(['none', 'none', 'none', 'none']);
    expect(listConditions({ ...axes, goal_types: ['none'], goal_values: [] })).toHaveLength(2);
  });

  it('resolves aliases and deduplicates', () => {
    const list = listConditions({
      ...axes,
      scenarios: ['murder', 'lethal'],
      goal_types: ['none', 'none'],
      urgencies: ['none'],
      mitigations: ['rules', 'rules', 'reasons'],
    });
    expect(list.map(conditionId)).toEqual(['lethal_none-none_none+rules', 'lethal_none-none_none+reasons']);
  });

  it('multiplies the knobs', () => {
    const list = listConditions({
      ...axes,
      scratchpad: [true, false],
      eval_notice: [false, true],
      mitigations: ['none', 'rules'],
    });
    expect(list).toHaveLength(4 * 8);
    expect(list[1]).toMatchObject({ scratchpad: true, eval_notice: false, mitigation: 'rules' });
  });

  it('refuses unknown values and empty axes with a ConfigError', () => {
    expect(() => listConditions({ ...axes, scenarios: ['blackmale'] })).toThrow(
      'unknown scenario "blackmale"',
    );
    expect(() => listConditions({ ...axes, urgencies: [] })).toThrow(ConfigError);
    expect(() => listConditions({ ...axes, goal_values: [] })).toThrow(
      'goal_values must list at least one value',
    );
  });
});
