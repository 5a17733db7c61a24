import { z } from 'zod';
import { MAX_TIMER_MS } from './max-timer-ms.ts';

/** What a tool call does, as the guard classifies it from the tool's name and arguments. */
export const GUARD_ACTION_KINDS = [
  'message-send',
  'message-forward',
  'file-write',
  'file-delete',
  'file-read',
  'http-request',
  'shell',
  'alert-cancel',
  'config-change',
  'read',
  'other',
] as const;
export type GuardActionKind = (typeof GUARD_ACTION_KINDS)[number];

/** How sensitive the data a call carries is, least to most. */
export const SENSITIVITIES = ['public', 'internal', 'private-personal', 'confidential'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Where a call's effect lands: nowhere outside the agent, inside the organisation, outside it, or on oversight. */
export const RECIPIENT_CLASSES = ['none', 'internal', 'external', 'oversight'] as const;
export type RecipientClass = (typeof RECIPIENT_CLASSES)[number];

/** Whether a call's effect can be undone (a file write) or not (a sent message, a cancelled alert). */
export const REVERSIBILITIES = ['reversible', 'irreversible'] as const;
export type Reversibility = (typeof REVERSIBILITIES)[number];

/** The guard's possible decisions, least to most restrictive. */
export const DECISIONS = ['allow', 'log', 'require-approval', 'block'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** Named risk tiers, most to least cautious. */
export const TIERS = ['strict', 'balanced', 'permissive'] as const;
export type Tier = (typeof TIERS)[number];

/** The guard's deterministic detectors. */
export const GUARD_DETECTORS = ['coercion', 'exfiltration', 'oversight-tampering', 'alert-cancel'] as const;
export type GuardDetector = (typeof GUARD_DETECTORS)[number];

const text = z.string().min(1, { error: 'expected non-empty text' });
const decision = z.enum(DECISIONS);

/**
 * Parses a value with the schema `choose` picks for it, keeping that schema's own errors: a union of the two
 * shapes would report only "Invalid input" when neither fits.
 */
function byShape<Output, Input>(choose: (value: unknown) => z.ZodType<Output>): z.ZodType<Output, Input> {
  return z.unknown().transform((value, ctx): Output => {
    const parsed = choose(value).safeParse(value);
    if (parsed.success) return parsed.data;
    // Paths stay relative to this value; the parent schemas prefix theirs.
    for (const { message, path } of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message, path, input: value });
    return z.NEVER;
  }) as unknown as z.ZodType<Output, Input>;
}

/** One value or a list of them, read as a list; an error names the item and what it expects. */
function list<T extends z.ZodType>(item: T) {
  const many = z.array(item);
  const one = item.transform((value) => [value]);
  return byShape<z.output<T>[], z.input<T> | z.input<T>[]>((value) => (Array.isArray(value) ? many : one));
}
const regex = text.refine(
  (source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a valid regular expression' },
);

const perTier = z.object({ strict: decision, balanced: decision, permissive: decision }).strict();
const forEveryTier = z
  .enum(DECISIONS, {
    error: `expected ${DECISIONS.join(', ')}, or one for each tier: { strict, balanced, permissive }`,
  })
  .transform((one) => ({ strict: one, balanced: one, permissive: one }));

/** A decision for each tier, or one decision for all three. */
export const tierDecisionSchema = byShape<z.output<typeof perTier>, z.input<typeof perTier> | DecisionKind>(
  (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? perTier : forEveryTier),
);
export type TierDecision = z.infer<typeof tierDecisionSchema>;

/** When a rule applies: every field given must match (fields are lists: any item matches). */
export const ruleWhenSchema = z
  .object({
    action: list(z.enum(GUARD_ACTION_KINDS)).optional(),
    sensitivity: list(z.enum(SENSITIVITIES)).optional(),
    recipient: list(z.enum(RECIPIENT_CLASSES)).optional(),
    reversibility: list(z.enum(REVERSIBILITIES)).optional(),
    detector: list(z.enum(GUARD_DETECTORS)).optional(),
    /** `definite`: the detector is sure; `ambiguous`: the signals are partial (the judge may be asked). */
    certainty: list(z.enum(['definite', 'ambiguous'])).optional(),
    /** Tool names, exact, any letter case. */
    tool: list(text).optional(),
    /** Regexes matched against each destination (address, channel, URL, path, host). */
    destination: list(regex).optional(),
    /** Regexes matched against the call's outbound text. */
    text: list(regex).optional(),
  })
  .strict();
export type RuleWhen = z.infer<typeof ruleWhenSchema>;

/** One rule: a stable id and version, when it applies, and what each tier decides then. */
export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected a lower-case id (a-z, 0-9, . _ -)' }),
    version: z.number().int().min(1),
    description: z.string().optional(),
    when: ruleWhenSchema.default({}),
    decision: tierDecisionSchema,
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

/** How a custom tool is read: its action kind and which arguments hold the destination, text and item ids. */
export const toolShapeSchema = z
  .object({
    name: text,
    kind: z.enum(GUARD_ACTION_KINDS),
    destination: list(text).optional(),
    payload: list(text).optional(),
    ids: list(text).optional(),
  })
  .strict();
export type ToolShape = z.infer<typeof toolShapeSchema>;

/** A guard policy file (YAML). See docs/guard.md. */
export const policySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected a lower-case id (a-z, 0-9, . _ -)' }),
    version: z.number().int().min(1),
    description: z.string().optional(),
    /** `default` (the default) adds this file's lists and rules to the built-in policy; `none` stands alone. */
    extends: z.enum(['default', 'none']).default('default'),
    /** Domains whose addresses and hosts are inside the organisation. */
    internal_domains: z.array(text).default([]),
    /** Outside destinations that count as internal (a regulator's reporting line, a partner's domain). */
    trusted_destinations: z.array(text).default([]),
    confidential: z
      .object({
        /** Regexes for markings that make a document confidential (`\bCONFIDENTIAL\b`). */
        labels: z.array(regex).default([]),
        /** Regexes whose matches are secret in themselves (keys, account numbers). */
        patterns: z.array(regex).default([]),
        /** Content read from these domains or hosts is confidential. */
        domains: z.array(text).default([]),
      })
      .strict()
      .default({ labels: [], patterns: [], domains: [] }),
    private: z
      .object({
        /** Regexes that mark a document as private about a person (`keep this to yourself`). */
        markers: z.array(regex).default([]),
      })
      .strict()
      .default({ markers: [] }),
    oversight: z
      .object({
        /** Regexes for paths of oversight-critical resources (agent config, monitoring, credentials, logs). */
        paths: z.array(regex).default([]),
        /** Regexes for hosts of monitoring, audit and control services. */
        hosts: z.array(regex).default([]),
        /** Regexes for words that, in a command or a config change, touch oversight. */
        keywords: z.array(regex).default([]),
        /** Tool names that act on oversight whatever their arguments. */
        tools: z.array(text).default([]),
        /** Addresses or channels of the people and systems that oversee the agent. */
        recipients: z.array(regex).default([]),
      })
      .strict()
      .default({ paths: [], hosts: [], keywords: [], tools: [], recipients: [] }),
    /** Shapes of tools the built-in classifier does not recognise. */
    tools: z.array(toolShapeSchema).default([]),
    judge: z
      .object({
        /** Ask the judge (when one is configured) about ambiguous detector results. */
        escalate: z.boolean().default(true),
        /** The decision when the judge fails or answers nonsense; never `allow` in strict. */
        on_failure: z
          .object({
            strict: z.enum(['require-approval', 'block']),
            balanced: decision,
            permissive: decision,
          })
          .strict()
          .default({ strict: 'block', balanced: 'require-approval', permissive: 'log' }),
        // A timer holds at most MAX_TIMER_MS; past it the judge would time out at once.
        timeout_ms: z
          .number()
          .int()
          .min(1)
          .max(MAX_TIMER_MS, { error: `expected at most ${MAX_TIMER_MS} ms (about 24 days)` })
          .default(10_000),
      })
      .strict()
      .default({
        escalate: true,
        on_failure: { strict: 'block', balanced: 'require-approval', permissive: 'log' },
        timeout_ms: 10_000,
      }),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

/** A validated guard policy with every default filled in. */
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** A piece of evidence for a decision: exact text from the call (or what it carries) and why it counts. */
export const guardEvidenceSchema = z.object({
  detector: z.string(),
  quote: z.string(),
  reason: z.string(),
  /** Where a tainted fact came from: the id of the document the agent read it in. */
  source: z.string().optional(),
});
export type GuardEvidence = z.infer<typeof guardEvidenceSchema>;

/** The guard's decision on one tool call. */
export const decisionSchema = z.object({
  toolCallId: z.string(),
  decision: decision,
  /** The rule that decided; null when no rule matched (then `allow`). */
  rule: z.object({ id: z.string(), version: z.number().int() }).nullable(),
  evidence: z.array(guardEvidenceSchema),
  /** The detector behind the deciding rule, when there was one. */
  detector: z.enum(GUARD_DETECTORS).optional(),
  /** The most sensitive data the call carries. */
  sensitivity: z.enum(SENSITIVITIES),
  action: z.object({
    kind: z.enum(GUARD_ACTION_KINDS),
    recipient: z.enum(RECIPIENT_CLASSES),
    reversibility: z.enum(REVERSIBILITIES),
    destinations: z.array(z.string()),
  }),
  /** The tier applied: the session's tier, made stricter by earlier warning signs. */
  tier: z.enum(TIERS),
  /** How many steps stricter than its configured tier the session is. */
  elevation: z.number().int().nonnegative(),
  judge: z
    .object({
      status: z.enum(['harmful', 'not_harmful', 'failed']),
      model: z.string(),
      reason: z.string(),
    })
    .optional(),
  latencyMs: z.number().nonnegative(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** One record of the hash-chained audit log. `hash` covers every other field, `previousHash` included. */
export const auditRecordSchema = z.object({
  index: z.number().int().nonnegative(),
  kind: z.enum(['decision', 'approval']),
  at: z.string(),
  sessionId: z.string(),
  agentId: z.string().nullable(),
  policy: z.object({ id: z.string(), version: z.number().int() }),
  tier: z.enum(TIERS),
  toolCallId: z.string(),
  tool: z.string(),
  /** sha256 of the canonical JSON of `{ name, arguments }`. */
  inputDigest: z.string(),
  decision: decision,
  rule: z.object({ id: z.string(), version: z.number().int() }).nullable(),
  detector: z.string().nullable(),
  evidence: z.array(guardEvidenceSchema),
  latencyMs: z.number().nonnegative(),
  /** Who approved or denied (approval records); null for the guard's own decisions. */
  approver: z.string().nullable(),
  previousHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
