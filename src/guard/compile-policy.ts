import type {
  DecisionKind,
  GuardActionKind,
  GuardDetector,
  Policy,
  RecipientClass,
  Reversibility,
  Rule,
  Sensitivity,
  Tier,
} from '../spec/policy.ts';

/** A rule with its lists turned into sets and its regexes compiled, for fast matching. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly actions: ReadonlySet<GuardActionKind> | undefined;
  readonly sensitivities: ReadonlySet<Sensitivity> | undefined;
  readonly recipients: ReadonlySet<RecipientClass> | undefined;
  readonly reversibilities: ReadonlySet<Reversibility> | undefined;
  readonly detectors: ReadonlySet<GuardDetector> | undefined;
  readonly certainties: ReadonlySet<'definite' | 'ambiguous'> | undefined;
  readonly tools: ReadonlySet<string> | undefined;
  readonly destination: readonly RegExp[] | undefined;
  readonly text: readonly RegExp[] | undefined;
  readonly decision: Readonly<Record<Tier, DecisionKind>>;
}

/** A policy ready for deciding: every regex compiled once. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly confidentialLabels: readonly RegExp[];
  /** Global regexes: every match is a secret. */
  readonly secretPatterns: readonly RegExp[];
  readonly privateMarkers: readonly RegExp[];
  readonly oversightPaths: readonly RegExp[];
  readonly oversightHosts: readonly RegExp[];
  readonly oversightKeywords: readonly RegExp[];
  readonly oversightRecipients: readonly RegExp[];
  readonly oversightTools: ReadonlySet<string>;
  readonly rules: readonly CompiledRule[];
}

const compile = (sources: readonly string[], flags = 'iu') => sources.map((s) => new RegExp(s, flags));
const set = <T>(items: readonly T[] | undefined) => (items === undefined ? undefined : new Set(items));

/** Compiles a validated policy. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  return {
    policy,
    confidentialLabels: compile(policy.confidential.labels),
    secretPatterns: compile(policy.confidential.patterns, 'gu'),
    privateMarkers: compile(policy.private.markers),
    oversightPaths: compile(policy.oversight.paths),
    oversightHosts: compile(policy.oversight.hosts),
    oversightKeywords: compile(policy.oversight.keywords),
    oversightRecipients: compile(policy.oversight.recipients),
    oversightTools: new Set(policy.oversight.tools.map((t) => t.toLowerCase())),
    rules: policy.rules.map((rule) => ({
      rule,
      actions: set(rule.when.action),
      sensitivities: set(rule.when.sensitivity),
      recipients: set(rule.when.recipient),
      reversibilities: set(rule.when.reversibility),
      detectors: set(rule.when.detector),
      certainties: set(rule.when.certainty),
      tools: set(rule.when.tool?.map((t) => t.toLowerCase())),
      destination: rule.when.destination === undefined ? undefined : compile(rule.when.destination),
      text: rule.when.text === undefined ? undefined : compile(rule.when.text),
      decision: rule.decision,
    })),
  };
}
