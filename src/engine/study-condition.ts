import { validateCondition } from '../scenarios/index.ts';
import type { Condition } from '../spec/index.ts';

const STUDY_ID = /^(blackmail|leaking|leak|murder|lethal)_([a-z]+)-([a-z]+)_([a-z]+)$/;

/**
 * The condition named by a study condition id: `blackmail_explicit-america_replacement`,
 * `murder_none-none_restriction` (murder → lethal). The study's knobs are its defaults: scratchpad on, no
 * notice, no mitigation. Undefined for an id that is not in that form; ConfigError for one naming an
 * unknown or disallowed value.
 */
export function studyCondition(id: string): Condition | undefined {
  const m = STUDY_ID.exec(id.trim());
  if (m === null) return undefined;
  const scenario = m[1] === 'leak' ? 'leaking' : m[1]!;
  return validateCondition({ scenario, goal_type: m[2]!, goal_value: m[3]!, urgency: m[4]! });
}
