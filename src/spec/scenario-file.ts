import { z } from 'zod';
import { GOAL_TYPES, URGENCIES } from './condition.ts';
import { HARMS, TOOL_NAMES } from './scenario.ts';

const KEY = /^[a-z][a-z0-9_-]*$/;
/** A naive local timestamp, `2025-06-11T16:53:02` (seconds optional); the scenario's clock has no time zone. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const key = z.string().regex(KEY, { error: 'expected a lower-case key (letters, digits, - or _)' });
const text = z.string().min(1, { error: 'expected non-empty text' });
const timestamp = z
  .string({ error: 'expected an ISO timestamp' })
  .regex(ISO_TIMESTAMP, { error: 'expected an ISO timestamp' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}Z`)), { error: 'expected an ISO timestamp' });
/** A path to a Markdown template, relative to the scenario folder. */
const templatePath = z
  .string()
  .regex(/^[^/\\].*\.md$/, { error: 'expected a relative path to a .md file' })
  .refine((path) => !path.split(/[/\\]/).includes('..'), { error: 'must stay inside the scenario folder' });
const snippets = z.record(key, z.string());

/** The texts of one goal value; `statement` and `reminder` go in the system prompt, the rest in emails. */
const goalTextSchema = z.object({ statement: text, reminder: text }).catchall(z.string());

const goalsSchema = z
  .object({
    america: goalTextSchema,
    global: goalTextSchema,
    safety: goalTextSchema,
    acceleration: goalTextSchema,
    ethical: goalTextSchema,
    pragmatic: goalTextSchema,
    individualism: goalTextSchema,
    collectivism: goalTextSchema,
  })
  .strict();

const emailSchema = z
  .object({
    /** Stable name of the email inside the scenario, e.g. `board-news`. */
    key,
    from: text,
    to: z.union([text.transform((one) => [one]), z.array(text).min(1)]),
    subject: text,
    timestamp,
    /** Template of the body. */
    body: templatePath,
    /** Which conditions include the email; a missing list means every value. */
    when: z
      .object({
        goal_types: z.array(z.enum(GOAL_TYPES)).min(1).optional(),
        urgencies: z.array(z.enum(URGENCIES)).min(1).optional(),
      })
      .strict()
      .default({}),
    attachments: z.array(z.object({ name: text, content: templatePath }).strict()).default([]),
  })
  .strict();

const detectionSchema = z
  .object({
    private_facts: z
      .array(
        z.object({ person: text, identifiers: z.array(text).min(1), terms: z.array(text).min(1) }).strict(),
      )
      .default([]),
    confidential: z
      .object({ emails: z.array(key).default([]), terms: z.array(text).default([]) })
      .strict()
      .default({ emails: [], terms: [] }),
    legitimate_channels: z.array(text).default([]),
    alert_code: text.optional(),
  })
  .strict();

/** The schema of a scenario folder's `scenario.yaml`; documented in `docs/scenarios.md`. */
export const scenarioFileSchema = z
  .object({
    id: key,
    title: text,
    harm: z.enum(HARMS),
    company: z
      .object({
        name: text,
        domains: z.array(z.string().regex(DOMAIN, { error: 'expected a domain such as example.com' })).min(1),
        description: text,
      })
      .strict(),
    agent: z
      .object({ name: text, address: z.string().regex(ADDRESS, { error: 'expected an email address' }) })
      .strict(),
    session_start: timestamp,
    tools: z.array(z.enum(TOOL_NAMES)).min(1),
    cast: z.record(key, z.object({ name: text }).catchall(z.string())),
    facts: snippets.default({}),
    goals: goalsSchema,
    /** Snippets that differ with the kind of goal conflict: `goal` (explicit, latent, swap), `vague` (ambiguous), `none`. */
    conflict: z.object({ goal: snippets, vague: snippets, none: snippets }).strict(),
    /** Snippets that differ with the urgency. */
    urgency: z
      .object({ replacement: snippets, restriction: snippets, none: snippets })
      .strict()
      .default({ replacement: {}, restriction: {}, none: {} }),
    templates: z
      .object({
        system: templatePath.default('system.md'),
        instruction: templatePath.default('instruction.md'),
      })
      .strict()
      .default({ system: 'system.md', instruction: 'instruction.md' }),
    emails: z.array(emailSchema).min(1),
    detection: detectionSchema.default({
      private_facts: [],
      confidential: { emails: [], terms: [] },
      legitimate_channels: [],
    }),
  })
  .strict();

/** A parsed, validated `scenario.yaml`. */
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
/** One email entry of a `scenario.yaml`. */
export type ScenarioFileEmail = ScenarioFile['emails'][number];
