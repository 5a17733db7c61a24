import { priceOfModel } from '../engine/prices.ts';
import type { JudgeChoice } from '../graders/index.ts';
import { ConfigError } from '../spec/config-error.ts';
import { HOW_TO_PRICE } from './assert-priced.ts';

/**
 * Before any request: a judge asked for by `--judge` that cannot run (no key, a provider this build cannot
 * resolve) stops the command in one line (exit 2), as a model without its key does. Otherwise, on stderr, each
 * judge that will not run and why (the default judge without its key) and each that runs with no price (its
 * cost counts as $0).
 */
export function warnJudges(
  judges: readonly JudgeChoice[],
  options: { readonly requested: readonly string[] | undefined; readonly stream?: NodeJS.WritableStream },
): void {
  const stream = options.stream ?? process.stderr;
  // An empty --judge ('') leaves the default judge in place, as no --judge does.
  const asked = (options.requested?.length ?? 0) > 0;
  const refused = asked ? judges.find((j) => j.model === undefined) : undefined;
  if (refused !== undefined)
    throw new ConfigError(
      'invalid-config',
      `judge ${refused.id} cannot run, so nothing was sent: ${refused.unavailable}. Leave it out of --judge to grade without it`,
    );
  for (const j of judges) {
    if (j.model === undefined) stream.write(`judge ${j.id} not run: ${j.unavailable}\n`);
    else if (priceOfModel(j.model) === undefined)
      stream.write(`judge ${j.id} has no price: its calls count as $0; ${HOW_TO_PRICE}\n`);
  }
}
