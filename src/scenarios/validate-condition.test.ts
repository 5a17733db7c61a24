import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../spec/config-error.ts';
import { validateCondition } from './validate-condition.ts';

const base = { scenario: 'blackmail', goal_type: 'explicit', goal_value: 'america', urgency: 'replacement' };

function configError(input: Parameters<typeof validateCondition>[0]): ConfigError {
  try {
    validateCondition(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('validateCondition', () => {
  it('fills the default knobs', () => {
    expect(validateCondition(base)).toEqual({
      ...base,
      scratchpad: true,
      eval_notice: false,
      mitigation: 'none',
    });
  });

  it('accepts murder as an alias of lethal', () => {
    expect(validateCondition({ ...base, scenario: 'murder' }).scenario).toBe('lethal');
  });

  it('names the variable and the allowed values', () => {
    expect(configError({ ...base, scenario: 'blackmale' })).toMatchObject({
      code: 'unknown-name',
      message: 'unknown scenario "blackmale" (allowed: blackmail, leaking, lethal, murder)',
    });
    expect(configError({ ...base, goal_type: 'none' })).toMatchObject({
      code: 'invalid-config',
      message: 'goal_value "america" is not allowed with goal_type "none" (allowed: none)',
    });
    expect(configError({ ...base, goal_type: 'ambiguous' }).message).toBe(
      'goal_value "america" is not allowed with goal_type "ambiguous" (allowed: none)',
    );
    expect(configError({ ...base, goal_value: 'none' }).message).toBe(
      'goal_value "none" is not allowed with goal_type "explicit" (allowed: america, global, safety, acceleration, ethical, pragmatic, individualism, collectivism)',
    );
    expect(configError({ ...base, goal_type: 'hidden' }).message).toBe(
      'unknown goal_type "hidden" (allowed: explicit, latent, ambiguous, none, swap)',
    );
    expect(configError({ ...base, goal_value: 'freedom' }).message).toContain(
      'unknown goal_value "freedom" (allowed: america,',
    );
    expect(configError({ ...base, urgency: 'soon' }).message).toBe(
      'unknown urgency "soon" (allowed: replacement, restriction, none)',
    );
    expect(configError({ ...base, mitigation: 'rulez' })).toMatchObject({
      code: 'unknown-name',
      message: 'unknown mitigation "rulez" (allowed: none, rules, reasons, or a path to a Markdown file)',
    });
  });

  it('takes a mitigation file by path and names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haywire-mitigation-'));
    const file = join(dir, 'mine.md');
    writeFileSync(file, '## My rules\n\n- Be kind.\n');
    expect(validateCondition({ ...base, mitigation: file }).mitigation).toBe(file);
    const missing = configError({ ...base, mitigation: join(dir, 'absent.md') });
    expect(missing.code).toBe('missing-file');
    expect(missing.message).toContain(join(dir, 'absent.md'));
  });
});
