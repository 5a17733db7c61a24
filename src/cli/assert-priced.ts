import { priceOfModel } from '../engine/prices.ts';
import { ConfigError, type Model } from '../spec/index.ts';

/** How to give a model a price, for messages about one that has none. */
export const HOW_TO_PRICE = 'give it one under models: in haywire.config.yaml (docs/providers.md)';

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
