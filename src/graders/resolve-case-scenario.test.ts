import { describe, expect, it } from 'vitest';
import { resolveCaseScenario } from './resolve-case-scenario.ts';

describe('resolveCaseScenario', () => {
  it('resolves names, aliases and study condition ids', () => {
    expect(resolveCaseScenario('blackmail')).toBe('blackmail');
    expect(resolveCaseScenario(' Murder ')).toBe('lethal');
    expect(resolveCaseScenario('blackmail_explicit-america_replacement')).toBe('blackmail');
    expect(resolveCaseScenario('murder_none-none_restriction')).toBe('lethal');
    expect(resolveCaseScenario('leaking_latent-safety_none')).toBe('leaking');
    expect(resolveCaseScenario('leak')).toBe('leaking');
  });

  it('passes other names through for user scenarios', () => {
    expect(resolveCaseScenario('my_scenario')).toBe('my_scenario');
    expect(resolveCaseScenario('sabotage')).toBe('sabotage');
  });
});
