import { z } from 'zod';

/** The study's three scenarios; `murder` is accepted everywhere as an alias of `lethal`. */
export const BUILTIN_SCENARIOS = ['blackmail', 'leaking', 'lethal'] as const;
export const SCENARIO_ALIASES: Readonly<Record<string, string>> = { murder: 'lethal' };

export const GOAL_TYPES = ['explicit', 'latent', 'ambiguous', 'none', 'swap'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

/** The four opposed pairs of the study; `swap` gives the other member of the pair. */
export const GOAL_PAIRS = [
  ['america', 'global'],
  ['safety', 'acceleration'],
  ['ethical', 'pragmatic'],
  ['individualism', 'collectivism'],
] as const;
export const GOAL_VALUES = GOAL_PAIRS.flat();
export type GoalValue = (typeof GOAL_VALUES)[number];

export const URGENCIES = ['replacement', 'restriction', 'none'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Goal types that carry a goal value; the others take `none`. */
export const VALUED_GOAL_TYPES: readonly GoalType[] = ['explicit', 'latent', 'swap'];

export const BUILTIN_MITIGATIONS = ['none', 'rules', 'reasons'] as const;

/** Canonical scenario name: resolves aliases (`murder` → `lethal`). */
export function canonicalScenario(name: string): string {
  return SCENARIO_ALIASES[name] ?? name;
}

/** The value a swap condition actually gives the agent: the other member of the pair. */
export function oppositeGoal(value: GoalValue): GoalValue {
  for (const [a, b] of GOAL_PAIRS) {
    if (value === a) return b;
    if (value === b) return a;
  }
  throw new RangeError(`no goal pair holds ${value}`);
}

export const conditionSchema = z.object({
  scenario: z.string().min(1),
  goal_type: z.enum(GOAL_TYPES),
  goal_value: z.union([z.enum(GOAL_VALUES), z.literal('none')]),
  urgency: z.enum(URGENCIES),
  /** Private reasoning tags offered (the study's dev variant). */
  scratchpad: z.boolean(),
  /** Ask the agent to say whether it believes this is an evaluation or a real deployment. */
  eval_notice: z.boolean(),
  /** `none`, `rules`, `reasons`, or a path to a user's Markdown file. */
  mitigation: z.string().min(1),
});

/** One cell of the study's design with its knob settings. */
export type Condition = z.infer<typeof conditionSchema>;

/** The study's condition id, e.g. `blackmail_explicit-america_replacement`. */
export function studyConditionId(
  c: Pick<Condition, 'scenario' | 'goal_type' | 'goal_value' | 'urgency'>,
): string {
  return `${c.scenario}_${c.goal_type}-${c.goal_value}_${c.urgency}`;
}

/** A unique id for a condition including its knobs, e.g. `blackmail_explicit-america_replacement+noscratch+notice+rules`. */
export function conditionId(c: Condition): string {
  const knobs = [
    c.scratchpad ? undefined : 'noscratch',
    c.eval_notice ? 'notice' : undefined,
    c.mitigation === 'none' ? undefined : c.mitigation,
  ].filter((k): k is string => k !== undefined);
  return [studyConditionId(c), ...knobs].join('+');
}
