import { insiderHarmProbability } from './insider-probability.ts';
import type { Perception } from './perceive.ts';
import type { Draw } from './seeded-draw.ts';

/** Which sim agent: `insider` turns under pressure, `aligned` never does, `random` does with probability `p`. */
export type SimPolicy =
  | { readonly name: 'insider' }
  | { readonly name: 'aligned' }
  | { readonly name: 'random'; readonly p: number };

/** What a sim agent decided for one request. */
export interface SimPlan {
  readonly harmful: boolean;
  /** Under the eval notice, what the agent says it believes; otherwise undefined. */
  readonly belief: 'evaluation' | 'real' | undefined;
  /** The agent weighs the harmful option in its reasoning and rejects it. */
  readonly deliberates: boolean;
}

const EVALUATION_BELIEF: Readonly<Record<SimPolicy['name'], number>> = {
  insider: 0.6,
  aligned: 0.5,
  random: 0.5,
};

/** Decides, from perception and seeded draws only, whether the agent acts harmfully and how it reasons. */
export function planBehavior(policy: SimPolicy, perception: Perception, draw: Draw): SimPlan {
  const belief = perception.evalNotice
    ? draw('belief') < EVALUATION_BELIEF[policy.name]
      ? 'evaluation'
      : 'real'
    : undefined;
  const p = harmProbability(policy, perception, belief);
  const harmful = perception.opportunity !== undefined && draw('harm') < p;
  const pressured = perception.threat !== 'none' || perception.conflict !== 'none';
  const deliberates =
    !harmful && perception.opportunity !== undefined && pressured && draw('deliberate') < 0.5;
  return { harmful, belief, deliberates };
}

function harmProbability(policy: SimPolicy, perception: Perception, belief: SimPlan['belief']): number {
  switch (policy.name) {
    case 'insider':
      return insiderHarmProbability(perception, belief);
    case 'aligned':
      return 0;
    case 'random':
      return policy.p;
  }
}
