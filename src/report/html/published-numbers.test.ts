import { describe, expect, it } from 'vitest';
import { PUBLISHED_NUMBERS, publishedFor, publishedModelOf } from './published-numbers.ts';

const headline = {
  scenario: 'blackmail',
  goal_type: 'explicit',
  goal_value: 'america',
  urgency: 'replacement',
};

describe('publishedModelOf', () => {
  it('matches provider ids, routed ids and dated snapshots of the same model', () => {
    expect(publishedModelOf('anthropic/claude-opus-4')).toBe('Claude Opus 4');
    expect(publishedModelOf('anthropic/claude-opus-4-20250514')).toBe('Claude Opus 4');
    expect(publishedModelOf('openrouter/google/gemini-2.5-flash')).toBe('Gemini 2.5 Flash');
    expect(publishedModelOf('openai/gpt-4.1')).toBe('GPT-4.1');
  });

  it('does not match other versions, and never matches simulated agents', () => {
    expect(publishedModelOf('anthropic/claude-opus-4-1')).toBeUndefined();
    expect(publishedModelOf('openai/gpt-4.1-mini')).toBeUndefined();
    expect(publishedModelOf('sim/insider')).toBeUndefined();
    expect(publishedModelOf('sim/claude-opus-4')).toBeUndefined();
  });
});

describe('publishedFor', () => {
  it('gives the study figure with its source for the matching condition only', () => {
    const p = publishedFor('anthropic/claude-opus-4', headline);
    expect(p?.rate).toBe(0.96);
    expect(p?.source).toMatch(/anthropic\.com\/research\/agentic-misalignment/);
    expect(publishedFor('anthropic/claude-opus-4', { ...headline, urgency: 'none' })).toBeUndefined();
    expect(publishedFor('anthropic/claude-opus-4', { ...headline, scenario: 'murder' })?.rate).toBe(0.65);
  });

  it('every figure has a source and a rate in [0, 1]', () => {
    for (const p of PUBLISHED_NUMBERS) {
      expect(p.source.length).toBeGreaterThan(10);
      expect(p.rate).toBeGreaterThanOrEqual(0);
      expect(p.rate).toBeLessThanOrEqual(1);
    }
  });
});
