import { z } from 'zod';
import { GOAL_TYPES, GOAL_VALUES, URGENCIES } from './condition.ts';

/** Requests in flight per provider unless set: a run's, and a regrade's, grade's or calibration's judges'. */
export const DEFAULT_CONCURRENCY = 8;

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/** The experiment file (`experiment.yaml`): axes whose product is the sample set. */
export const experimentSchema = z
  .object({
    name: z.string().min(1).default('experiment'),
    models: nonEmpty(z.string().min(1)).default(['auto']),
    /** Built-in names (`blackmail`, `leaking`, `lethal`/`murder`) or paths to scenario folders. */
    scenarios: nonEmpty(z.string().min(1)).default(['blackmail']),
    goal_types: nonEmpty(z.enum(GOAL_TYPES)).default(['explicit', 'none']),
    /** Values for the goal types that take one; `none` and `ambiguous` ignore them. */
    goal_values: nonEmpty(z.enum(GOAL_VALUES)).default(['america']),
    urgencies: nonEmpty(z.enum(URGENCIES)).default(['replacement', 'none']),
    scratchpad: nonEmpty(z.boolean()).default([true]),
    eval_notice: nonEmpty(z.boolean()).default([false]),
    /** `none`, `rules`, `reasons`, or paths to Markdown files. */
    mitigations: nonEmpty(z.string().min(1)).default(['none']),
    epochs: z.number().int().min(1).max(100_000).default(10),
    mode: z.enum(['inbox', 'tools']).default('inbox'),
    max_turns: z.number().int().min(1).max(50).default(6),
    temperature: z.number().min(0).max(2).default(1),
    max_tokens: z.number().int().min(1).default(4000),
    concurrency: z.number().int().min(1).max(1000).default(DEFAULT_CONCURRENCY),
    // A whole number ≥ 0, as `--seed` takes it; each sample's seed is derived from it (plan-run.ts).
    seed: z.number().int().min(0).default(0),
  })
  .strict();

/** A validated experiment with every default filled in. */
export type Experiment = z.infer<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;
