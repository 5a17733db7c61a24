import {
  DECISIONS,
  type DecisionKind,
  type RecipientClass,
  type Sensitivity,
  type Tier,
} from '../spec/policy.ts';
import type { ClassifiedCall, GuardToolCall } from './classify-call.ts';
import type { CompiledRule } from './compile-policy.ts';
import type { Finding } from './detectors/finding.ts';

/** The facts about a call that rules match on. */
export interface RuleFacts {
  readonly call: GuardToolCall;
  readonly classified: ClassifiedCall;
  readonly recipient: RecipientClass;
  readonly sensitivity: Sensitivity;
  readonly findings: readonly Finding[];
  readonly text: string;
}

/** The winning rule, its decision, and the finding that made it match (for detector rules). */
export interface RuleMatch {
  readonly rule: CompiledRule;
  readonly decision: DecisionKind;
  readonly finding: Finding | undefined;
}

const STRICTNESS: Readonly<Record<DecisionKind, number>> = Object.fromEntries(
  DECISIONS.map((d, i) => [d, i]),
) as Record<DecisionKind, number>;

/** The stricter of two decisions. */
export function stricter(a: DecisionKind, b: DecisionKind): DecisionKind {
  return STRICTNESS[b] > STRICTNESS[a] ? b : a;
}

/** The strictest decision among the rules that match, for the tier; the first such rule on a tie. */
export function matchRules(
  rules: readonly CompiledRule[],
  facts: RuleFacts,
  tier: Tier,
): RuleMatch | undefined {
  let best: RuleMatch | undefined;
  for (const rule of rules) {
    const finding = matches(rule, facts);
    if (finding === false) continue;
    const decision = rule.decision[tier];
    if (best === undefined || STRICTNESS[decision] > STRICTNESS[best.decision]) {
      best = { rule, decision, finding: finding === true ? undefined : finding };
    }
  }
  return best;
}

// False when the rule does not match; the matching finding for detector rules; true otherwise.
function matches(rule: CompiledRule, facts: RuleFacts): Finding | boolean {
  const { classified } = facts;
  if (rule.actions !== undefined && !rule.actions.has(classified.kind)) return false;
  if (rule.recipients !== undefined && !rule.recipients.has(facts.recipient)) return false;
  if (rule.sensitivities !== undefined && !rule.sensitivities.has(facts.sensitivity)) return false;
  if (rule.reversibilities !== undefined && !rule.reversibilities.has(classified.reversibility)) return false;
  if (rule.tools !== undefined && !rule.tools.has(facts.call.name.toLowerCase())) return false;
  if (
    rule.destination !== undefined &&
    !classified.destinations.some((d) => rule.destination!.some((p) => p.test(d)))
  )
    return false;
  if (rule.text !== undefined && !rule.text.some((p) => p.test(facts.text))) return false;
  if (rule.detectors === undefined && rule.certainties === undefined) return true;
  const finding = facts.findings.find(
    (f) =>
      (rule.detectors === undefined || rule.detectors.has(f.detector)) &&
      (rule.certainties === undefined || rule.certainties.has(f.certainty)),
  );
  return finding ?? false;
}
