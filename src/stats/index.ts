export { type Counts, clopperPearsonInterval } from './clopper-pearson.ts';
export { type ControlResult, type ControlRow, controlCheck } from './control-check.ts';
export {
  type Effect,
  type Factorial2x2,
  type Factorial2x2Options,
  type FactorialCell,
  factorial2x2,
} from './factorial-2x2.ts';
export { fisherExact } from './fisher-exact.ts';
export { holm } from './holm.ts';
export { inverseNormal } from './inverse-normal.ts';
export { mcnemarExact } from './mcnemar-exact.ts';
export { type Difference, newcombeDifference } from './newcombe-difference.ts';
export { type Pair, type PairedComparison, pairedComparison } from './paired-comparison.ts';
export { betaQuantile, regularizedBeta } from './regularized-beta.ts';
export { drawBinomial, seededRandom } from './seeded-random.ts';
export {
  type Belief,
  type BeliefComparison,
  type BeliefStratum,
  stratifiedByBelief,
} from './stratified-by-belief.ts';
export type { Interval } from './wilson.ts';
export { wilsonInterval, Z_95 } from './wilson.ts';
