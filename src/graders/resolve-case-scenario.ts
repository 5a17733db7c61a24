import { BUILTIN_SCENARIOS, canonicalScenario } from '../spec/condition.ts';

/** Names the study's code and transcripts use for a scenario, beyond the spec's aliases. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { leak: 'leaking' };

/**
 * The scenario a grade case names: a built-in name or alias (`murder` → `lethal`), or a study condition id
 * (`blackmail_explicit-america_replacement` → `blackmail`, `murder_none-none_restriction` → `lethal`).
 * Any other name is returned trimmed, for a user's scenario to resolve.
 */
export function resolveCaseScenario(name: string): string {
  const trimmed = name.trim();
  const builtin = (candidate: string): string | undefined => {
    const lower = candidate.toLowerCase();
    const canonical = canonicalScenario(EXTRA_ALIASES[lower] ?? lower);
    return (BUILTIN_SCENARIOS as readonly string[]).includes(canonical) ? canonical : undefined;
  };
  const prefix = /^([a-z]+)_/i.exec(trimmed)?.[1];
  return builtin(trimmed) ?? (prefix === undefined ? undefined : builtin(prefix)) ?? trimmed;
}
