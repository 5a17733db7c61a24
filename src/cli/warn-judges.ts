import { priceOfModel } from '../engine/prices.ts';
import type { JudgeChoice } from '../graders/index.ts';
import { HOW_TO_PRICE } from './assert-priced.ts';

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
