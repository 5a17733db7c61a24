import { priceOfModel } from '../engine/prices.ts';
import type { JudgeChoice } from '../graders/index.ts';
import { ConfigError, type Model } from '../spec/index.ts';

const HOW_TO_PRICE = 'give it one under models: in haywire.config.yaml (docs/providers.md)';

/** On stderr: each judge that will not run and why, and each that runs with no price (its cost counts as $0). */
export function warnJudges(
  judges: readonly JudgeChoice[],
  stream: NodeJS.WritableStream = process.stderr,
): void {
  for (const j of judges) {
    if (j.model === undefined) stream.write(`judge ${j.id} not run: ${j.unavailable}\n`);
    else if (priceOfModel(j.model) === undefined)
      stream.write(`judge ${j.id} has no price: its calls count as $0; ${HOW_TO_PRICE}\n`);
  }
}

/** On stderr: each sampled model with no price (its calls count as $0 in progress, totals and the budget). */
export function warnUnpriced(models: readonly Model[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const model of models) {
    if (priceOfModel(model) === undefined)
      stream.write(`${model.id} has no price: its calls count as $0; ${HOW_TO_PRICE}\n`);
  }
}

/**
 * `--max-cost` bounds only what is priced: a model with no price would count as $0 and never reach the budget.
 * Throws a ConfigError naming every such model (sampled or judging) before anything is asked.
 * @example if (options.maxCost !== undefined) assertPriced([...models, ...judgeModels]);
 */
export function assertPriced(models: readonly Model[]): void {
  const unpriced = [...new Set(models.filter((m) => priceOfModel(m) === undefined).map((m) => m.id))];
  if (unpriced.length === 0) return;
  throw new ConfigError(
    'invalid-input',
    `--max-cost cannot bound ${unpriced.join(', ')}: no price is known, so their calls would count as $0; ` +
      'give each a price under models: in haywire.config.yaml (docs/providers.md), or drop --max-cost',
  );
}

/** The models of the judges that will run (those not run have none). */
export function judgeModelsOf(judges: readonly JudgeChoice[]): Model[] {
  return judges.flatMap((j) => (j.model === undefined ? [] : [j.model]));
}
